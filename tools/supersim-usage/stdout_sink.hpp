// A buffered stream buffer over a file descriptor that remembers why a write failed, so the
// command can tell "the reader went away" (EPIPE: stop quietly) from a real output error.
#pragma once

#include <memory>
#include <streambuf>
#include <vector>

#include "background_writer.hpp"

namespace supersim_usage {

/// Told around every write an FdSink makes, so that a progress line on the same terminal can
/// step aside (and output never lands after it on the same line).
class WriteGuard {
 public:
  virtual ~WriteGuard() = default;
  virtual void BeforeWrite() noexcept = 0;
  virtual void AfterWrite() noexcept = 0;
};

/// Into a regular file, the buffer is two: a full one (or a flushed one) is written by a
/// BackgroundWriter while the other fills, because copying into a file's page cache cost as much
/// as formatting (jsonl). Finish() waits for those writes. Into a pipe or a terminal, a flush
/// writes at once: a reader that went away (`| head -1`) is seen at the flush after every page,
/// before another page is asked for.
class FdSink : public std::streambuf {
 public:
  // 512 KiB: a page of records (about 400 KB as jsonl) leaves in one write.
  explicit FdSink(int fd, std::size_t capacity = std::size_t{512} * 1024);
  ~FdSink() override;
  FdSink(const FdSink&) = delete;
  FdSink& operator=(const FdSink&) = delete;

  /// Writes what is buffered and waits until every byte is written; returns Error(). Before
  /// anything that must follow the output: an error line on stderr, renaming the file.
  int Finish();
  /// The errno of the write that failed, or 0. After a failure nothing more is written. Up to
  /// date after Finish().
  int Error() const noexcept { return error_; }
  /// The reading end of a pipe was closed (`| head -1`). Needs SIGPIPE ignored to be seen.
  bool ReaderGone() const noexcept;
  /// At least `size` bytes to write into directly, then Advance() past what was written;
  /// nullptr after a failure or when `size` exceeds the buffer.
  char* Room(std::size_t size);
  void Advance(std::size_t size) { pbump(static_cast<int>(size)); }
  /// `guard` (or nullptr) is told around each write from now on; it must outlive the sink or be
  /// replaced first. Writes are made on the calling thread from then on.
  void SetGuard(WriteGuard* guard) noexcept;

 protected:
  int_type overflow(int_type ch) override;
  int sync() override;

 private:
  bool Drain();
  // Writes the buffer here and now.
  void WriteNow();
  // Hands the buffer to background_ and fills the spare one meanwhile.
  void WriteBehind();
  void Collect();  // waits for background_, taking its error

  int fd_;
  std::vector<char> buffer_;
  std::vector<char> spare_;                       // what background_ is writing
  std::unique_ptr<BackgroundWriter> background_;  // null on a terminal
  int error_ = 0;
  WriteGuard* guard_ = nullptr;
};

}  // namespace supersim_usage
