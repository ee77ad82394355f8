#include "e2e/expected_listing.hpp"

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "twilio/supersim/v1/list_usage_record_request.hpp"

namespace twilio::bench {
namespace {

constexpr int64_t kSecondsPerHour = 3600;

// The splitmix64 finalizer and the per-hour usage, as fake_usage_data.hpp documents them
// (copied on purpose: this is the bench's own reading of the model).
uint64_t Mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

void UsageOf(int sim, int64_t hour, int64_t& upload, int64_t& download) {
  const uint64_t h = Mix64(Mix64(static_cast<uint64_t>(sim) + 0x9e3779b97f4a7c15ULL) ^
                           static_cast<uint64_t>(hour));
  upload = 1000 + static_cast<int64_t>(h % 99001);
  download = 1000 + static_cast<int64_t>((h >> 32) % 99001);
}

int64_t HoursSinceEpoch(std::chrono::system_clock::time_point time) {
  return std::chrono::duration_cast<std::chrono::hours>(time.time_since_epoch()).count();
}

}  // namespace

test_support::FakeDataSet MakeDataSet(int64_t records, int sims) {
  test_support::FakeDataSet data;
  data.sims = sims;
  const int64_t hours = std::max<int64_t>(1, (records + sims - 1) / sims);
  data.end = data.start + std::chrono::hours(hours);
  return data;
}

supersim::v1::ListUsageRecordParams MakeParams(const test_support::FakeDataSet& data,
                                               int64_t records, int page_size) {
  supersim::v1::ListUsageRecordParams params;
  params.SetGroup(supersim::v1::Group::Sim)
      .SetGranularity(supersim::v1::Granularity::Hour)
      .SetStartTime(data.start)
      .SetEndTime(data.end)
      .SetPageSize(page_size)
      .SetLimit(records);
  return params;
}

std::string FirstPageQuery(const test_support::FakeDataSet& data, int64_t records, int page_size) {
  return supersim::v1::BuildListUsageRecordQuery(MakeParams(data, records, page_size));
}

RecordDigest ExpectedDigest(const test_support::FakeDataSet& data, int64_t records) {
  std::vector<std::string> sids;
  sids.reserve(static_cast<std::size_t>(data.sims));
  for (int sim = 0; sim < data.sims; ++sim)
    sids.push_back(test_support::FakeSupersimServer::SimSid(sim));

  // The data set starts and ends on whole hours (MakeDataSet), so every hour is a full bucket.
  const int64_t first_hour = HoursSinceEpoch(data.start);
  const int64_t hours = HoursSinceEpoch(data.end) - first_hour;
  const int64_t available = hours * data.sims;
  RecordDigest digest;
  for (int64_t index = 0; index < std::min(records, available); ++index) {
    const int64_t hour = first_hour + hours - 1 - index / data.sims;
    const int sim = static_cast<int>(index % data.sims);
    int64_t upload = 0;
    int64_t download = 0;
    UsageOf(sim, hour, upload, download);
    digest.Add(sids[static_cast<std::size_t>(sim)], hour * kSecondsPerHour, upload, download,
               upload + download);
  }
  return digest;
}

}  // namespace twilio::bench
