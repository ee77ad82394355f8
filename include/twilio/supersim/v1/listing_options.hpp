/// \file
/// ListingOptions: how ListUsageRecord and StreamUsageRecord run a listing (not what it lists),
/// and PlanListing, which tells whether a listing can be split into concurrent time slices.
#pragma once

#include <cstddef>
#include <string>

#include "twilio/export.hpp"
#include "twilio/supersim/v1/list_usage_record_params.hpp"

namespace twilio::supersim::v1 {

/// How a listing is run. The records, their order and Limit are the same whatever is set here.
struct ListingOptions {
  /// Lists the window as consecutive time slices, cut at the Granularity's bucket boundaries,
  /// up to this many at once, and delivers exactly the records of the one sequential listing in
  /// its order: newest bucket first, each slice's pages in the server's order. 1 (the default)
  /// lists sequentially. Where a split could change the answer (see PlanListing) the listing
  /// runs sequentially whatever is set, and UsageRecordStream::Plan() says why. At most 32.
  std::size_t parallel_slices = 1;
};

/// How a listing will run.
struct ListingPlan {
  /// Slices listed at once: 1 when the listing runs sequentially.
  std::size_t concurrency = 1;
  /// Why the listing runs sequentially although ListingOptions::parallel_slices asked for more;
  /// empty otherwise.
  std::string sequential_reason;

  /// True when the listing is split into concurrent slices.
  bool Parallel() const noexcept { return concurrency > 1; }
};

/// How `params` would be listed with `options`. A split needs Granularity hour or day, and
/// StartTime and EndTime both set on that granularity's UTC boundaries (a whole hour; midnight
/// UTC), at least two buckets apart: only then are the buckets of every slice those of the
/// whole window. With a Limit that one page holds, one request may answer it, so the listing
/// is not split either. Throws ValidationException for bad `params` or parallel_slices outside
/// 1..32.
TWILIO_SUPERSIM_EXPORT ListingPlan PlanListing(const ListUsageRecordParams& params,
                                               const ListingOptions& options);

}  // namespace twilio::supersim::v1
