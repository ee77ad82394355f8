// Internal: the arithmetic of a listing split into time slices: whether its window may be cut
// at bucket boundaries, and where.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "twilio/supersim/v1/list_usage_record_params.hpp"

namespace twilio::supersim::v1::internal {

/// A window [start, end) made of whole buckets of `bucket`, which slices may divide.
struct SliceFrame {
  TimePoint start;
  TimePoint end;
  std::chrono::seconds bucket{0};
  int64_t buckets = 0;

  /// The params of the slice holding the `count` buckets that end `newer_buckets` buckets
  /// before `end` (the newest slice has newer_buckets 0), clipped to `start`.
  ListUsageRecordParams Slice(const ListUsageRecordParams& whole, int64_t newer_buckets,
                              int64_t count) const;
};

/// The frame of `params`, or std::nullopt with `reason` saying why its window must not be cut
/// (Granularity all or unset, a time missing or off the bucket boundaries, one bucket).
std::optional<SliceFrame> FrameOf(const ListUsageRecordParams& params, std::string& reason);

}  // namespace twilio::supersim::v1::internal
