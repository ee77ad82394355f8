// Memory figures for stream_e2e: the process's peak and current resident set, and what a list
// of records holds by its own accounting.
#pragma once

#include <cstdint>
#include <vector>

#include "twilio/supersim/v1/supersim_v1_usage_record.hpp"

namespace twilio::bench {

/// getrusage(RUSAGE_SELF).ru_maxrss, in bytes: the high-water mark of this process alone.
int64_t PeakRssBytes();
/// The resident set now (/proc/self/statm), in bytes; 0 when it cannot be read.
int64_t CurrentRssBytes();

/// Bytes per record of a kept listing, from sizes rather than from the OS.
struct RecordFootprint {
  double inline_bytes = 0;        // sizeof(SupersimV1UsageRecord)
  double string_heap_bytes = 0;   // heap blocks of its strings (past the small-string buffer)
  double vector_slack_bytes = 0;  // unused vector capacity, spread over the records
  double Total() const { return inline_bytes + string_heap_bytes + vector_slack_bytes; }
};
RecordFootprint EstimateFootprint(const std::vector<supersim::v1::SupersimV1UsageRecord>& records);

}  // namespace twilio::bench
