/// \file
/// Options and results of UsageRecordsApi::ListUsageRecordFanOut: several listings at once.
#pragma once

#include <cstddef>
#include <exception>

#include "twilio/supersim/v1/list_usage_record_params.hpp"
#include "twilio/supersim/v1/list_usage_record_response.hpp"

namespace twilio::supersim::v1 {

/// How UsageRecordsApi::ListUsageRecordFanOut runs its listings.
struct FanOutOptions {
  /// The most requests in flight at once, which is also the number of worker threads (or the
  /// number of parameter sets, when that is smaller). At least 1. The default libcurl transport
  /// keeps up to 8 idle connections: above 8, connections beyond those are closed after each
  /// request and new ones opened.
  std::size_t max_concurrent_requests = 4;
};

/// The outcome of one parameter set of a fan-out.
struct FanOutResult {
  /// The set's position in the vector passed to ListUsageRecordFanOut.
  std::size_t index = 0;
  /// A copy of that set.
  ListUsageRecordParams params;
  /// Every record of the listing up to its Limit, and the meta of the last page fetched, as
  /// ListUsageRecord returns them. On an error, the records of the pages fetched before the
  /// failing one (none when the set never started).
  ListUsageRecordResponse response;
  /// What stopped the listing (ApiException, TransportException, ..., CancelledException),
  /// or null when it completed.
  std::exception_ptr error;

  /// True when the listing completed.
  bool ok() const noexcept { return !error; }
};

}  // namespace twilio::supersim::v1
