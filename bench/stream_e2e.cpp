// stream_e2e: end-to-end throughput and memory of a listing. The fake server runs in a forked
// child; this process streams (or lists) N records through the SDK's libcurl transport, checks
// them against the fake data model, and reports wall time, records/s, MB/s and peak RSS, and
// with --curl the ratio to plain curl fetching the same pages. See bench/README.md.
#include <chrono>
#include <cstdio>
#include <exception>
#include <memory>

#include "e2e/arguments.hpp"
#include "e2e/counting_http_client.hpp"
#include "e2e/curl_floor.hpp"
#include "e2e/expected_listing.hpp"
#include "e2e/memory_usage.hpp"
#include "e2e/options.hpp"
#include "e2e/page_walk.hpp"
#include "e2e/report.hpp"
#include "e2e/server_process.hpp"
#include "twilio/http/curl_http_client.hpp"
#include "twilio/supersim/v1/usage_records_api.hpp"

namespace {

namespace bench = twilio::bench;
namespace v1 = twilio::supersim::v1;

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The timed part. The peak RSS is read right after it, before anything else can raise it.
// Spins for `ns` nanoseconds: a caller's work on a record, keeping its core busy.
void Work(int64_t ns) {
  if (ns <= 0) return;
  const auto until = std::chrono::steady_clock::now() + std::chrono::nanoseconds(ns);
  while (std::chrono::steady_clock::now() < until) {
  }
}

bench::Measurement Run(bench::Mode mode, const v1::UsageRecordsApi& api,
                       const bench::CountingHttpClient& transport,
                       const v1::ListUsageRecordParams& params, int64_t work_ns) {
  bench::Measurement m;
  m.rss_before = bench::CurrentRssBytes();
  const auto start = std::chrono::steady_clock::now();
  if (mode == bench::Mode::Stream) {
    for (const v1::SupersimV1UsageRecord& record : api.StreamUsageRecord(params)) {
      m.digest.Add(record);
      Work(work_ns);
    }
    m.wall_seconds = SecondsSince(start);
    m.peak_rss = bench::PeakRssBytes();
  } else {
    const v1::ListUsageRecordResponse all = api.ListUsageRecord(params);
    for (const v1::SupersimV1UsageRecord& record : all.usage_records) m.digest.Add(record);
    m.wall_seconds = SecondsSince(start);
    m.peak_rss = bench::PeakRssBytes();
    m.rss_holding = bench::CurrentRssBytes();
    m.footprint = bench::EstimateFootprint(all.usage_records);
  }
  m.pages = transport.Requests();
  m.body_bytes = transport.BodyBytes();
  return m;
}

// Which check failed, or nullptr.
const char* Failure(const bench::Report& r) {
  if (r.measured.digest != r.expected) return "the records differ from the fake data model";
  if (r.walked && *r.walked != r.expected) return "the page walk differs from the fake data model";
  if (r.curl && (r.curl->exit_status != 0 || r.curl->failed_transfers != 0 ||
                 r.curl->transfers != r.measured.pages)) {
    return "the curl run failed";
  }
  return nullptr;
}

int Main(const bench::Options& options) {
  twilio::test_support::FakeSupersimServer::Options server_options;
  server_options.data = bench::MakeDataSet(options.records, options.sims);
  // First, while this process has a single thread.
  bench::ServerProcess server(server_options);

  twilio::ClientConfig config;
  config.base_url = server.BaseUrl();
  config.credentials =
      twilio::Credentials::FromAuthToken(server_options.username, server_options.password);
  config.prefetch_next_page = options.prefetch;
  // The SDK's own libcurl transport, as UsageRecordsApi(config) builds it, seen through a
  // counter of pages and body bytes.
  auto transport = std::make_shared<bench::CountingHttpClient>(
      std::make_shared<twilio::http::CurlHttpClient>(config));
  const v1::UsageRecordsApi api(config, transport);
  const v1::ListUsageRecordParams params =
      bench::MakeParams(server_options.data, options.records, options.page_size);

  bench::Report report;
  report.options = options;
  report.measured = Run(options.mode, api, *transport, params, options.work_ns);
  report.expected = bench::ExpectedDigest(server_options.data, options.records);
  if (options.curl) {
    const bench::PageWalk walk = bench::WalkPages(api, params, config.base_url);
    report.walked = walk.digest;
    report.curl = bench::RunCurl(walk.urls, server_options.username, server_options.password);
  }

  if (options.json) {
    bench::PrintJson(report);
  } else {
    bench::PrintText(report);
  }
  if (const char* failure = Failure(report)) {
    std::fprintf(stderr, "stream_e2e: FAILED: %s\n", failure);
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return bench::BenchMain(
      "stream_e2e", bench::kUsage, [&] { return bench::ParseOptions(argc, argv); },
      [](const auto& options) {
        if (options.help) {
          std::fputs(bench::kUsage, stdout);
          return 0;
        }
        return Main(options);
      });
}
