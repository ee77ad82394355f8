#include "stdout_sink.hpp"

#include <unistd.h>

#include <cerrno>

namespace supersim_usage {

FdSink::FdSink(int fd, std::size_t capacity) : fd_(fd), buffer_(capacity) {
  setp(buffer_.data(), buffer_.data() + buffer_.size());
}

FdSink::~FdSink() {
  Drain();
}

bool FdSink::ReaderGone() const noexcept {
  return error_ == EPIPE;
}

bool FdSink::Drain() {
  const char* data = pbase();
  std::size_t left = static_cast<std::size_t>(pptr() - pbase());
  const bool guarded = guard_ != nullptr && left > 0 && error_ == 0;
  if (guarded) guard_->BeforeWrite();
  while (left > 0 && error_ == 0) {
    ssize_t n = ::write(fd_, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      error_ = errno;
      break;
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  if (guarded) guard_->AfterWrite();
  // Whatever could not be written is dropped: after a failure the output is lost anyway.
  setp(buffer_.data(), buffer_.data() + buffer_.size());
  return error_ == 0;
}

FdSink::int_type FdSink::overflow(int_type ch) {
  if (!Drain()) return traits_type::eof();
  if (!traits_type::eq_int_type(ch, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(ch);
    pbump(1);
  }
  return traits_type::not_eof(ch);
}

int FdSink::sync() {
  return Drain() ? 0 : -1;
}

}  // namespace supersim_usage
