#include <algorithm>

#include "supersim/v1/time_slices.hpp"
#include "twilio/errors.hpp"
#include "twilio/supersim/v1/list_usage_record_request.hpp"
#include "twilio/supersim/v1/listing_options.hpp"

namespace twilio::supersim::v1 {
namespace internal {
namespace {

constexpr std::chrono::seconds kHour{3600};
constexpr std::chrono::seconds kDay{86400};

// Whether `time` is a whole multiple of `bucket` after the epoch (UTC, no fraction).
bool OnBoundary(TimePoint time, std::chrono::seconds bucket) {
  const auto since_epoch = time.time_since_epoch();
  const auto whole = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
  return whole == since_epoch && whole.count() % bucket.count() == 0;
}

}  // namespace

ListUsageRecordParams SliceFrame::Slice(const ListUsageRecordParams& whole, int64_t newer_buckets,
                                        int64_t count) const {
  ListUsageRecordParams slice = whole;
  const TimePoint slice_end = end - newer_buckets * bucket;
  slice.EndTime = slice_end;
  slice.StartTime = std::max(start, slice_end - count * bucket);
  return slice;
}

std::optional<SliceFrame> FrameOf(const ListUsageRecordParams& params, std::string& reason) {
  if (!params.Granularity || *params.Granularity == Granularity::All) {
    reason = params.Granularity ? "Granularity all makes one bucket of the whole window"
                                : "Granularity is not set (Twilio's default, all, makes one "
                                  "bucket of the whole window)";
    return std::nullopt;
  }
  const std::chrono::seconds bucket = *params.Granularity == Granularity::Hour ? kHour : kDay;
  const char* boundary = *params.Granularity == Granularity::Hour ? "a whole hour" : "midnight UTC";
  if (!params.StartTime || !params.EndTime) {
    reason = std::string(
        "StartTime and EndTime must both be set (Twilio's defaults follow its "
        "clock, and its buckets could then be anchored elsewhere)");
    return std::nullopt;
  }
  if (!OnBoundary(*params.StartTime, bucket) || !OnBoundary(*params.EndTime, bucket)) {
    reason = std::string("StartTime and EndTime must both be on ") + boundary +
             " for Granularity " + std::string(ToString(*params.Granularity)) +
             " (a slice's buckets would otherwise start elsewhere than the whole window's)";
    return std::nullopt;
  }
  SliceFrame frame;
  frame.start = *params.StartTime;
  frame.end = *params.EndTime;
  frame.bucket = bucket;
  frame.buckets = (frame.end - frame.start) / bucket;
  if (frame.buckets < 2) {
    reason = "the window holds a single bucket";
    return std::nullopt;
  }
  return frame;
}

}  // namespace internal

ListingPlan PlanListing(const ListUsageRecordParams& params, const ListingOptions& options) {
  ValidateListUsageRecordParams(params);
  if (options.parallel_slices < 1 || options.parallel_slices > 32) {
    throw ValidationException("parallel_slices", "must be between 1 and 32, got " +
                                                     std::to_string(options.parallel_slices));
  }
  ListingPlan plan;
  if (options.parallel_slices == 1) return plan;
  if (params.Limit && *params.Limit <= EffectivePageSize(params)) {
    plan.sequential_reason = "Limit " + std::to_string(*params.Limit) +
                             " fits in the first page, which one request may answer";
    return plan;
  }
  if (!internal::FrameOf(params, plan.sequential_reason)) return plan;
  plan.concurrency = options.parallel_slices;
  return plan;
}

}  // namespace twilio::supersim::v1
