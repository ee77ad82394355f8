#include "background_runner.hpp"

namespace twilio::internal {

BackgroundRunner::~BackgroundRunner() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void BackgroundRunner::Run(std::function<void()> job) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    job_ = std::move(job);
    finished_ = false;
    error_ = nullptr;
  }
  pending_ = true;
  if (!thread_.joinable()) {
    thread_ = std::thread([this] { Loop(); });
  } else {
    changed_.notify_all();
  }
}

void BackgroundRunner::Wait() {
  std::exception_ptr error;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [this] { return finished_; });
    error = error_;
    error_ = nullptr;
  }
  pending_ = false;
  if (error) std::rethrow_exception(error);
}

void BackgroundRunner::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    // A job already handed over runs even when stopping: the destructor waits for it.
    changed_.wait(lock, [this] { return (job_ && !finished_) || stopping_; });
    if (!job_ || finished_) return;
    std::function<void()> job = std::move(job_);
    job_ = nullptr;
    lock.unlock();
    std::exception_ptr error;
    try {
      job();
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    error_ = error;
    finished_ = true;
    changed_.notify_all();
  }
}

}  // namespace twilio::internal
