/// \file
/// Per-call controls: a deadline and a cancellation flag that bound a whole operation
/// (every page of a listing), settable from another thread.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>

#include "twilio/export.hpp"

namespace twilio {

/// A flag that can be raised from any thread (a signal handler's thread, a UI) to stop calls
/// that share it. Copies share the same flag.
class CancellationToken {
 public:
  /// A new token, not cancelled.
  CancellationToken() : state_(std::make_shared<State>()) {}
  /// Raises the flag: calls sharing this token (or a token linked to it) stop at their next
  /// check, within about 50 ms for a request in flight. Lock-free; idempotent.
  void Cancel() const noexcept { state_->cancelled.store(true, std::memory_order_relaxed); }
  /// True once Cancel() was called on this token (or a copy), or on the token it is linked to.
  bool IsCancelled() const noexcept {
    for (const State* s = state_.get(); s != nullptr; s = s->parent.get()) {
      if (s->cancelled.load(std::memory_order_relaxed)) return true;
    }
    return false;
  }
  /// A new token that is cancelled when this one is, and can also be cancelled on its own
  /// without touching this one (work started on the caller's behalf, stopped when abandoned).
  CancellationToken Linked() const {
    CancellationToken child;
    child.state_->parent = state_;
    return child;
  }

 private:
  struct State {
    std::atomic<bool> cancelled{false};
    std::shared_ptr<const State> parent;
  };
  std::shared_ptr<State> state_;
};

/// What a caller passes to bound one operation. The default has no deadline and is never
/// cancelled.
struct TWILIO_SUPERSIM_EXPORT CallContext {
  /// The clock deadlines are measured on: monotonic, unaffected by changes of the wall clock.
  using Clock = std::chrono::steady_clock;

  /// When the whole operation must have finished (every page and retry); none by default.
  std::optional<Clock::time_point> deadline;
  /// Cancels the operation when raised; keep a copy to call Cancel() from another thread.
  CancellationToken cancellation;

  /// A context whose deadline is `timeout` from now.
  static CallContext WithTimeout(Clock::duration timeout) {
    CallContext ctx;
    ctx.deadline = Clock::now() + timeout;
    return ctx;
  }

  /// True once `cancellation` was cancelled.
  bool IsCancelled() const noexcept { return cancellation.IsCancelled(); }
  /// True once `deadline` has passed.
  bool IsExpired() const noexcept { return deadline && Clock::now() >= *deadline; }

  /// Throws CancelledException or DeadlineExceededException when the call must stop.
  void ThrowIfDone() const;
};

}  // namespace twilio
