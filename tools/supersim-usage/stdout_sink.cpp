#include "stdout_sink.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

namespace supersim_usage {

namespace {

bool IsRegularFile(int fd) {
  struct stat info {};
  return ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode);
}

}  // namespace

FdSink::FdSink(int fd, std::size_t capacity) : fd_(fd), buffer_(capacity) {
  if (IsRegularFile(fd)) {
    spare_.resize(capacity);
    background_ = std::make_unique<BackgroundWriter>(fd);
  }
  setp(buffer_.data(), buffer_.data() + buffer_.size());
}

FdSink::~FdSink() {
  Drain();
  Collect();
}

bool FdSink::ReaderGone() const noexcept {
  return error_ == EPIPE;
}

void FdSink::SetGuard(WriteGuard* guard) noexcept {
  guard_ = guard;
  if (guard_ == nullptr) return;
  // The guard steps a progress line aside around each write: the writes must be this thread's.
  Collect();
  background_.reset();
}

void FdSink::Collect() {
  if (!background_) return;
  const int error = background_->Wait();
  if (error_ == 0) error_ = error;
}

bool FdSink::Drain() {
  if (pptr() != pbase() && error_ == 0) {
    if (background_) {
      WriteBehind();
    } else {
      WriteNow();
    }
  }
  // Whatever could not be written is dropped: after a failure the output is lost anyway.
  setp(buffer_.data(), buffer_.data() + buffer_.size());
  return error_ == 0;
}

void FdSink::WriteBehind() {
  Collect();  // the previous block, whose buffer is about to be refilled
  if (error_ != 0) return;
  const auto size = static_cast<std::size_t>(pptr() - pbase());
  std::swap(buffer_, spare_);
  background_->Start(spare_.data(), size);
}

void FdSink::WriteNow() {
  if (guard_ != nullptr) guard_->BeforeWrite();
  error_ = WriteAll(fd_, pbase(), static_cast<std::size_t>(pptr() - pbase()));
  if (guard_ != nullptr) guard_->AfterWrite();
}

int FdSink::Finish() {
  Drain();
  Collect();
  return error_;
}

char* FdSink::Room(std::size_t size) {
  if (size > buffer_.size()) return nullptr;
  if (static_cast<std::size_t>(epptr() - pptr()) < size && !Drain()) return nullptr;
  return error_ == 0 ? pptr() : nullptr;
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
