#include "supersim/v1/usage_record_pager.hpp"

#include <utility>

#include "request_id.hpp"

namespace twilio::supersim::v1::internal {

UsageRecordPager::UsageRecordPager(const std::shared_ptr<const ApiCore>& core,
                                   const ListUsageRecordParams& params, CallContext ctx,
                                   bool prefetch, twilio::internal::ListingThrottle* throttle,
                                   twilio::internal::ListingTrace* trace)
    : pager_(core, core->ListUrl(params), params.Limit, std::move(ctx), prefetch, throttle, trace) {
}

std::optional<std::string> UsageRecordPager::LastRequestId() const {
  return twilio::internal::RequestIdOf(pager_.LastResponse());
}

}  // namespace twilio::supersim::v1::internal
