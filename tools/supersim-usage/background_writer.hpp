// Writes blocks to a file descriptor on a thread of its own, one block at a time, so that the
// listing goes on while the kernel copies a block into a file or a slow pipe drains: writing
// jsonl to a file took a third of the command's time on the thread that parses the pages.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>

namespace supersim_usage {

/// Writes all `size` bytes (again after a short write or EINTR); the errno of a failure, or 0.
int WriteAll(int fd, const char* data, std::size_t size) noexcept;

class BackgroundWriter {
 public:
  explicit BackgroundWriter(int fd);
  /// Waits for the block in progress.
  ~BackgroundWriter();
  BackgroundWriter(const BackgroundWriter&) = delete;
  BackgroundWriter& operator=(const BackgroundWriter&) = delete;

  /// Starts writing `size` bytes at `data`, which must stay untouched until Wait() returns.
  /// The previous block must have been waited for; after a failure nothing more is written.
  void Start(const char* data, std::size_t size);
  /// Blocks until the block in progress (if any) is written; returns the errno of the first
  /// write that failed, or 0.
  int Wait();

 private:
  void Loop();

  const int fd_;
  std::mutex mutex_;
  std::condition_variable changed_;
  const char* data_ = nullptr;
  std::size_t size_ = 0;
  bool busy_ = false;
  bool stopping_ = false;
  int error_ = 0;
  std::thread thread_;  // last: started once everything it reads is set
};

}  // namespace supersim_usage
