// Internal: one pause shared by the concurrent requests of a listing (its parallel slices), so
// that a 429 with Retry-After to any of them holds them all: parallelism must not turn into a
// burst against a rate limit.
#pragma once

#include <chrono>
#include <mutex>

#include "twilio/call_context.hpp"

namespace twilio::internal {

class ListingThrottle {
 public:
  using Clock = std::chrono::steady_clock;

  /// No request of the listing leaves before `delay` from now (a later hold already set stays).
  void HoldFor(std::chrono::milliseconds delay);
  /// Returns once the hold has passed; throws CancelledException or DeadlineExceededException
  /// when `ctx` stops first (a hold that ends past the deadline fails at once).
  void Wait(const CallContext& ctx) const;

 private:
  mutable std::mutex mutex_;
  Clock::time_point until_{};
};

}  // namespace twilio::internal
