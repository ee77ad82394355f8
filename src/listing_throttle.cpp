#include "listing_throttle.hpp"

#include <algorithm>
#include <thread>

#include "twilio/errors.hpp"

namespace twilio::internal {

void ListingThrottle::HoldFor(std::chrono::milliseconds delay) {
  std::lock_guard<std::mutex> lock(mutex_);
  until_ = std::max(until_, Clock::now() + delay);
}

void ListingThrottle::Wait(const CallContext& ctx) const {
  for (;;) {
    ctx.ThrowIfDone();
    Clock::time_point until;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      until = until_;
    }
    const auto now = Clock::now();
    if (now >= until) return;
    // Waiting past the caller's deadline would only delay the error.
    if (ctx.deadline && until >= *ctx.deadline) throw DeadlineExceededException();
    // Short steps, so that a cancellation ends the wait at once.
    std::this_thread::sleep_for(
        std::min<Clock::duration>(until - now, std::chrono::milliseconds(20)));
  }
}

}  // namespace twilio::internal
