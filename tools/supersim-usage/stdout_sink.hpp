// A buffered stream buffer over a file descriptor that remembers why a write failed, so the
// command can tell "the reader went away" (EPIPE: stop quietly) from a real output error.
#pragma once

#include <streambuf>
#include <vector>

namespace supersim_usage {

class FdSink : public std::streambuf {
 public:
  explicit FdSink(int fd, std::size_t capacity = 64 * 1024);
  ~FdSink() override;
  FdSink(const FdSink&) = delete;
  FdSink& operator=(const FdSink&) = delete;

  /// The errno of the write that failed, or 0. After a failure nothing more is written.
  int Error() const noexcept { return error_; }
  /// The reading end of a pipe was closed (`| head -1`). Needs SIGPIPE ignored to be seen.
  bool ReaderGone() const noexcept;

 protected:
  int_type overflow(int_type ch) override;
  int sync() override;

 private:
  bool Drain();

  int fd_;
  std::vector<char> buffer_;
  int error_ = 0;
};

}  // namespace supersim_usage
