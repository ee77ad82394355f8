// A buffered stream buffer over a file descriptor that remembers why a write failed, so the
// command can tell "the reader went away" (EPIPE: stop quietly) from a real output error.
#pragma once

#include <streambuf>
#include <vector>

namespace supersim_usage {

/// Told around every write an FdSink makes, so that a progress line on the same terminal can
/// step aside (and output never lands after it on the same line).
class WriteGuard {
 public:
  virtual ~WriteGuard() = default;
  virtual void BeforeWrite() noexcept = 0;
  virtual void AfterWrite() noexcept = 0;
};

class FdSink : public std::streambuf {
 public:
  // 512 KiB: a page of records (about 400 KB as jsonl) leaves in one write.
  explicit FdSink(int fd, std::size_t capacity = 512 * 1024);
  ~FdSink() override;
  FdSink(const FdSink&) = delete;
  FdSink& operator=(const FdSink&) = delete;

  /// The errno of the write that failed, or 0. After a failure nothing more is written.
  int Error() const noexcept { return error_; }
  /// The reading end of a pipe was closed (`| head -1`). Needs SIGPIPE ignored to be seen.
  bool ReaderGone() const noexcept;
  /// `guard` (or nullptr) is told around each write from now on; it must outlive the sink or be
  /// replaced first.
  void SetGuard(WriteGuard* guard) noexcept { guard_ = guard; }

 protected:
  int_type overflow(int_type ch) override;
  int sync() override;

 private:
  bool Drain();

  int fd_;
  std::vector<char> buffer_;
  int error_ = 0;
  WriteGuard* guard_ = nullptr;
};

}  // namespace supersim_usage
