#include "e2e/memory_usage.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <optional>
#include <string>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace twilio::bench {
namespace {

// What a string holds on the heap: nothing while it fits the small-string buffer (which is
// inside the object), else its block: glibc's usable size plus the chunk header.
double HeapBytes(const std::string& text) {
  const std::string empty;
  if (text.capacity() <= empty.capacity()) return 0;
#if defined(__GLIBC__)
  return static_cast<double>(malloc_usable_size(const_cast<char*>(text.data())) + sizeof(void*));
#else
  return static_cast<double>(text.capacity() + 1);
#endif
}

double HeapBytes(const std::optional<std::string>& text) {
  return text ? HeapBytes(*text) : 0;
}

}  // namespace

int64_t PeakRssBytes() {
  struct rusage usage {};
  if (getrusage(RUSAGE_SELF, &usage) != 0) return 0;
  return static_cast<int64_t>(usage.ru_maxrss) * 1024;  // KiB on Linux
}

int64_t CurrentRssBytes() {
  std::ifstream statm("/proc/self/statm");
  int64_t size = 0;
  int64_t resident = 0;
  if (!(statm >> size >> resident)) return 0;
  return resident * static_cast<int64_t>(sysconf(_SC_PAGESIZE));
}

RecordFootprint EstimateFootprint(const std::vector<supersim::v1::SupersimV1UsageRecord>& records) {
  RecordFootprint footprint;
  if (records.empty()) return footprint;
  double heap = 0;
  for (const auto& r : records) {
    heap += HeapBytes(r.account_sid) + HeapBytes(r.sim_sid) + HeapBytes(r.network_sid) +
            HeapBytes(r.fleet_sid) + HeapBytes(r.iso_country) + HeapBytes(r.billed_unit);
    // Decimal keeps its text and its digits (never longer than the text); only the text is
    // visible, so count it twice when it spills to the heap.
    if (r.data_total_billed) heap += 2 * HeapBytes(r.data_total_billed->ToString());
  }
  const auto count = static_cast<double>(records.size());
  footprint.inline_bytes = sizeof(supersim::v1::SupersimV1UsageRecord);
  footprint.string_heap_bytes = heap / count;
  footprint.vector_slack_bytes = static_cast<double>(records.capacity() - records.size()) *
                                 sizeof(supersim::v1::SupersimV1UsageRecord) / count;
  return footprint;
}

}  // namespace twilio::bench
