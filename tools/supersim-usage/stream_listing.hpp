// The listing loop: records from UsageRecordsApi::StreamUsageRecord to a RecordWriter, one page
// in memory at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>

#include "output_format.hpp"
#include "twilio/call_context.hpp"
#include "twilio/supersim/v1/usage_records_api.hpp"

namespace supersim_usage {

/// Follows a listing as it goes (the progress line).
class ListingObserver {
 public:
  virtual ~ListingObserver() = default;
  /// After the first page arrived (records 0), then after each record: the records read so far,
  /// the pages fetched and the retries made so far.
  virtual void OnRecord(int64_t records, std::size_t pages, std::size_t retries) noexcept = 0;
  /// Every record was read; the writer's End() comes next.
  virtual void OnComplete() noexcept = 0;
};

/// Writes every record of the listing (run as `listing` says) through `writer`, flushing `out`
/// after each page (so a
/// slow listing shows progress and a pipe sees whole pages). `ctx` bounds the listing: once
/// its token is cancelled, CancelledException comes from the request in flight (or, after the
/// last record, before End()), and no further request is made. Returns early, without End(),
/// once `out` fails (the reader went away). SDK exceptions propagate; nothing is written before
/// the first page has arrived, so a listing that fails at once leaves `out` empty. `observer`
/// may be null. Returns the records written.
int64_t StreamListing(const twilio::supersim::v1::UsageRecordsApi& api,
                      const twilio::supersim::v1::ListUsageRecordParams& params,
                      const twilio::supersim::v1::ListingOptions& listing,
                      const twilio::CallContext& ctx, RecordWriter& writer, std::ostream& out,
                      ListingObserver* observer);

}  // namespace supersim_usage
