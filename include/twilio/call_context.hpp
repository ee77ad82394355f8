// Per-call controls: a deadline and a cancellation flag that bound a whole operation
// (every page of a listing), settable from another thread.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>

namespace twilio {

/// A flag that can be raised from any thread (a signal handler's thread, a UI) to stop calls
/// that share it. Copies share the same flag.
class CancellationToken {
 public:
  CancellationToken() : flag_(std::make_shared<std::atomic<bool>>(false)) {}
  void Cancel() const noexcept { flag_->store(true, std::memory_order_relaxed); }
  bool IsCancelled() const noexcept { return flag_->load(std::memory_order_relaxed); }

 private:
  std::shared_ptr<std::atomic<bool>> flag_;
};

/// What a caller passes to bound one operation. The default has no deadline and is never
/// cancelled.
struct CallContext {
  using Clock = std::chrono::steady_clock;

  std::optional<Clock::time_point> deadline;
  CancellationToken cancellation;

  /// A context whose deadline is `timeout` from now.
  static CallContext WithTimeout(Clock::duration timeout) {
    CallContext ctx;
    ctx.deadline = Clock::now() + timeout;
    return ctx;
  }

  bool IsCancelled() const noexcept { return cancellation.IsCancelled(); }
  bool IsExpired() const noexcept { return deadline && Clock::now() >= *deadline; }

  /// Throws CancelledException or DeadlineExceededException when the call must stop.
  void ThrowIfDone() const;
};

}  // namespace twilio
