// Parsing one realistic 1000-record page: the SDK's wire parser as a listing runs it (in place)
// and through the public function (which copies the text first), and beside them nlohmann/json's
// own DOM parse (a peer: the parser a C++ user would reach for) and the DOM + from_json route a
// user holding an nlohmann::json would take.
#include <benchmark/benchmark.h>

#include <exception>
#include <nlohmann/json.hpp>
#include <string>

#include "page_fixture.hpp"
#include "supersim/v1/simdjson_page_parser.hpp"
#include "twilio/supersim/v1/list_usage_record_response.hpp"

namespace {

namespace v1 = twilio::supersim::v1;

template <typename Parse>
void RunParse(benchmark::State& state, Parse parse) {
  const std::string* body = nullptr;
  try {
    body = &twilio::bench::RealisticPageBody();
    // Checked once, untimed: a parser that drops records must not look fast.
    const std::size_t records = parse(*body).usage_records.size();
    if (records != twilio::bench::kPageRecords) {
      state.SkipWithError(("parsed " + std::to_string(records) + " records, want 1000").c_str());
      return;
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  for (auto _ : state) {
    decltype(auto) page = parse(*body);  // a reference when the parser fills a reused page
    benchmark::DoNotOptimize(page);
  }
  const auto iterations = static_cast<int64_t>(state.iterations());
  state.SetBytesProcessed(iterations * static_cast<int64_t>(body->size()));
  state.counters["records/s"] = benchmark::Counter(
      static_cast<double>(iterations) * static_cast<double>(twilio::bench::kPageRecords),
      benchmark::Counter::kIsRate);
  state.counters["page_bytes"] = static_cast<double>(body->size());
}

void BM_ParseListUsageRecordResponse(benchmark::State& state) {
  RunParse(state, [](const std::string& body) { return v1::ParseListUsageRecordResponse(body); });
}
BENCHMARK(BM_ParseListUsageRecordResponse)->Unit(benchmark::kMicrosecond);

// The body as the transport leaves it: spare capacity for the parser's padding, so parsed in
// place.
std::string& PaddedBody(std::string& body, const std::string& text) {
  if (body.empty()) {
    body.reserve(text.size() + 64);
    body = text;
  }
  return body;
}

// What a listing runs on each page: the body parsed in place into the response of an earlier
// page, whose records (and their strings' heap blocks) are reused.
void BM_ParsePageReused(benchmark::State& state) {
  std::string body;
  v1::ListUsageRecordResponse page;
  RunParse(state, [&](const std::string& text) -> const v1::ListUsageRecordResponse& {
    v1::internal::ParsePageWithSimdjson(PaddedBody(body, text), page);
    return page;
  });
}
BENCHMARK(BM_ParsePageReused)->Unit(benchmark::kMicrosecond);

// The same into a new response each time (PageUsageRecord, NextPageUsageRecord).
void BM_ParsePageInPlace(benchmark::State& state) {
  std::string body;
  RunParse(state, [&body](const std::string& text) {
    return v1::internal::ParsePageWithSimdjson(PaddedBody(body, text));
  });
}
BENCHMARK(BM_ParsePageInPlace)->Unit(benchmark::kMicrosecond);

// nlohmann/json's DOM alone, no models: what the page costs the parser most C++ code uses.
void BM_NlohmannDomParse(benchmark::State& state) {
  const std::string* body = nullptr;
  try {
    body = &twilio::bench::RealisticPageBody();
    if (nlohmann::json::parse(*body).at("usage_records").size() != twilio::bench::kPageRecords) {
      state.SkipWithError("the page does not hold 1000 records");
      return;
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  for (auto _ : state) {
    nlohmann::json dom = nlohmann::json::parse(*body);
    benchmark::DoNotOptimize(dom);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(body->size()));
}
BENCHMARK(BM_NlohmannDomParse)->Unit(benchmark::kMicrosecond);

void BM_NlohmannDomFromJson(benchmark::State& state) {
  RunParse(state, [](const std::string& body) {
    return nlohmann::json::parse(body).get<v1::ListUsageRecordResponse>();
  });
}
BENCHMARK(BM_NlohmannDomFromJson)->Unit(benchmark::kMicrosecond);

}  // namespace
