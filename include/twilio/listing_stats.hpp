/// \file
/// ListingStats: what one listing cost, counted as it runs.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace twilio {

/// The counts of one listing (ListUsageRecord, a stream, a fan-out set, a page call), its time
/// slices included. Kept whether or not a logger is set.
struct ListingStats {
  /// Pages read into records.
  std::size_t pages = 0;
  /// Records the listing handed out (a ListUsageRecord that fails throws them away).
  std::size_t records = 0;
  /// HTTP requests sent, every attempt counted (a retried page counts twice or more).
  std::size_t requests = 0;
  /// Retries made: waits between a failed attempt and the next one.
  std::size_t retries = 0;
  /// Response body bytes received, failed attempts included.
  std::uint64_t bytes = 0;
  /// Time in the transport: from sending each request to its whole answer, summed over the
  /// attempts. With concurrent slices or a prefetch these overlap, so the sum may pass wall_time.
  std::chrono::microseconds network_time{0};
  /// Time turning bodies into records, summed over the pages.
  std::chrono::microseconds parse_time{0};
  /// Time waited between attempts (backoff or Retry-After), summed.
  std::chrono::microseconds retry_wait{0};
  /// From the first request to the end of the listing (or to now, while it runs).
  std::chrono::microseconds wall_time{0};
};

}  // namespace twilio
