// The listing loop: records from UsageRecordsApi::StreamUsageRecord to a RecordWriter, one page
// in memory at a time.
#pragma once

#include <iosfwd>

#include "output_format.hpp"
#include "twilio/supersim/v1/usage_records_api.hpp"

namespace supersim_usage {

/// Writes every record of the listing through `writer`, flushing `out` after each page (so a
/// slow listing shows progress and a pipe sees whole pages). Returns early, without End(),
/// once `out` fails (the reader went away). SDK exceptions propagate; nothing is written before
/// the first page has arrived, so a listing that fails at once leaves stdout empty.
void StreamListing(const twilio::supersim::v1::UsageRecordsApi& api,
                   const twilio::supersim::v1::ListUsageRecordParams& params, RecordWriter& writer,
                   std::ostream& out);

}  // namespace supersim_usage
