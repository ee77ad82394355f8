#include "supersim/v1/traced_source.hpp"

#include <exception>
#include <string>

#include "supersim/v1/sliced_listing.hpp"
#include "supersim/v1/time_slices.hpp"
#include "supersim/v1/usage_record_pager.hpp"

namespace twilio::supersim::v1::internal {
namespace {

std::unique_ptr<RecordSource> OpenSource(const std::shared_ptr<const ApiCore>& core,
                                         const ListUsageRecordParams& params,
                                         const CallContext& ctx, const ListingPlan& plan,
                                         twilio::internal::ListingTrace* trace) {
  if (plan.Parallel()) {
    std::string unused;
    return std::make_unique<SlicedListing>(core, params, ctx, *FrameOf(params, unused),
                                           plan.concurrency, trace);
  }
  return std::make_unique<UsageRecordPager>(core, params, ctx, core->PrefetchNextPage(), nullptr,
                                            trace);
}

}  // namespace

TracedSource::TracedSource(const std::shared_ptr<const ApiCore>& core,
                           const ListUsageRecordParams& params, const CallContext& ctx,
                           const ListingPlan& plan)
    : trace_(core->NewTrace()),
      limit_(params.Limit),
      inner_(OpenSource(core, params, ctx, plan, trace_.get())) {}

TracedSource::~TracedSource() {
  inner_.reset();  // its requests stopped first, so that nothing is logged after the end
  // Only a listing that sent something has a story to end.
  if (trace_->Stats(records_).requests > 0) {
    trace_->Ended(LogEventKind::ListingStopped, LogLevel::Info, "closed by the caller", records_);
  }
}

SupersimV1UsageRecord* TracedSource::Next() {
  SupersimV1UsageRecord* record = nullptr;
  try {
    record = inner_->Next();
  } catch (const std::exception& error) {
    trace_->Ended(LogEventKind::ListingStopped, twilio::internal::StopLevel(error),
                  twilio::internal::StopReason(error), records_);
    throw;
  }
  if (record != nullptr) {
    ++records_;
    return record;
  }
  const bool at_limit = limit_ && static_cast<int64_t>(records_) >= *limit_;
  trace_->Ended(at_limit ? LogEventKind::ListingStopped : LogEventKind::ListingFinished,
                LogLevel::Info, at_limit ? "Limit" : "", records_);
  return nullptr;
}

}  // namespace twilio::supersim::v1::internal
