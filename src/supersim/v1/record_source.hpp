// Internal: what a UsageRecordStream and ListUsageRecord read records from: one sequential
// listing (UsageRecordPager) or a listing split into concurrent slices (SlicedListing).
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "twilio/listing_stats.hpp"
#include "twilio/supersim/v1/list_usage_record_response.hpp"

namespace twilio::supersim::v1::internal {

class RecordSource {
 public:
  virtual ~RecordSource() = default;
  /// The next record (owned by the source until the next call moves past it), or nullptr when
  /// the listing is complete or Limit records were yielded; throws what fetching throws. The
  /// caller may move the record's contents out.
  virtual SupersimV1UsageRecord* Next() = 0;
  /// What the last Next() returned.
  virtual SupersimV1UsageRecord* Current() const noexcept = 0;
  /// Pages received so far.
  virtual std::size_t PagesFetched() const noexcept = 0;
  /// The meta of the last page the records came from.
  virtual const ListUsageRecordResponseMeta& LastMeta() const noexcept = 0;
  /// The Twilio-Request-Id of that page, when it had one.
  virtual std::optional<std::string> LastRequestId() const = 0;
  /// The listing's counts so far (TracedSource keeps them; the sources it wraps report to its
  /// trace).
  virtual ListingStats Stats() const { return {}; }
};

}  // namespace twilio::supersim::v1::internal
