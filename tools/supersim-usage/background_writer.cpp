#include "background_writer.hpp"

#include <unistd.h>

#include <cerrno>

namespace supersim_usage {

int WriteAll(int fd, const char* data, std::size_t size) noexcept {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return 0;
}

BackgroundWriter::BackgroundWriter(int fd) : fd_(fd), thread_([this] { Loop(); }) {}

BackgroundWriter::~BackgroundWriter() {
  {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [this] { return !busy_; });
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void BackgroundWriter::Start(const char* data, std::size_t size) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (error_ != 0) return;
    data_ = data;
    size_ = size;
    busy_ = true;
  }
  changed_.notify_all();
}

int BackgroundWriter::Wait() {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [this] { return !busy_; });
  return error_;
}

void BackgroundWriter::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return busy_ || stopping_; });
    if (!busy_) return;
    const char* data = data_;
    const std::size_t size = size_;
    lock.unlock();
    const int error = WriteAll(fd_, data, size);
    lock.lock();
    if (error_ == 0) error_ = error;
    busy_ = false;
    changed_.notify_all();
  }
}

}  // namespace supersim_usage
