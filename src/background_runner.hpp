// Internal: one job at a time on a thread kept for the runner's life. A listing that fetches
// every page ahead of need starts one thread, not one per page (a thread per page cost a clone,
// a fresh stack and a fresh parser with its buffers on every page).
#pragma once

#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

namespace twilio::internal {

class BackgroundRunner {
 public:
  BackgroundRunner() = default;
  /// Waits for the job in progress, then ends the thread.
  ~BackgroundRunner();
  BackgroundRunner(const BackgroundRunner&) = delete;
  BackgroundRunner& operator=(const BackgroundRunner&) = delete;

  /// Starts `job` on the runner's thread (started on the first call). The previous job must
  /// have been waited for.
  void Run(std::function<void()> job);
  /// Whether a job was started and not yet waited for.
  bool Pending() const noexcept { return pending_; }
  /// Blocks until the job finished; rethrows what it threw. Afterwards nothing is pending.
  void Wait();

 private:
  void Loop();

  std::mutex mutex_;
  std::condition_variable changed_;
  std::function<void()> job_;  // set while a job waits to start or runs
  bool finished_ = false;
  bool stopping_ = false;
  std::exception_ptr error_;
  bool pending_ = false;  // only touched by the owning thread
  std::thread thread_;
};

}  // namespace twilio::internal
