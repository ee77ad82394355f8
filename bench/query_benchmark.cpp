// Building the query string of one page: validation, percent-encoding and RFC 3339 formatting,
// for every filter set and for the defaults.
#include <benchmark/benchmark.h>

#include <chrono>
#include <string>

#include "twilio/supersim/v1/list_usage_record_request.hpp"

namespace {

namespace v1 = twilio::supersim::v1;

v1::ListUsageRecordParams AllFilters() {
  const auto start = std::chrono::system_clock::time_point(std::chrono::seconds(1767225600));
  v1::ListUsageRecordParams params;
  params.SetSim("HS00000000000000000000000000000001")
      .SetFleet("HF00000000000000000000000000000002")
      .SetNetwork("HW00000000000000000000000000000003")
      .SetIsoCountry("FR")
      .SetGroup(v1::Group::Sim)
      .SetGranularity(v1::Granularity::Hour)
      .SetStartTime(start)
      .SetEndTime(start + std::chrono::hours(24 * 7))
      .SetPageSize(1000)
      .SetLimit(200000);
  return params;
}

void RunQuery(benchmark::State& state, const v1::ListUsageRecordParams& params) {
  for (auto _ : state) {
    std::string query = v1::BuildListUsageRecordQuery(params);
    benchmark::DoNotOptimize(query);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

void BM_BuildQueryAllFilters(benchmark::State& state) {
  RunQuery(state, AllFilters());
}
BENCHMARK(BM_BuildQueryAllFilters);

void BM_BuildQueryDefaults(benchmark::State& state) {
  RunQuery(state, v1::ListUsageRecordParams{});
}
BENCHMARK(BM_BuildQueryDefaults);

}  // namespace
