// sdk_listing: the C++ SDK as side_by_side runs it. Lists N usage records from a benchmark server
// through UsageRecordsApi(config) (the SDK's own libcurl transport, as users get it), and prints
// one JSON line: the records' digest, the pages, the heap allocations and wall time of the
// listing, and the peak resident set. The caller checks the digest; nothing here judges it.
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <exception>
#include <fstream>
#include <stdexcept>
#include <string>

#include "e2e/allocation_counter.hpp"
#include "e2e/arguments.hpp"
#include "e2e/expected_listing.hpp"
#include "e2e/memory_usage.hpp"
#include "e2e/record_digest.hpp"
#include "twilio/supersim/v1/usage_records_api.hpp"
#include "twilio/testing/fake_supersim_server.hpp"

namespace {

namespace bench = twilio::bench;
namespace v1 = twilio::supersim::v1;

const char kUsage[] =
    "usage: sdk_listing --base-url URL --records N [--sims N] [--page-size N]\n"
    "                   [--mode stream|list] [--no-prefetch]\n";

struct Options {
  std::string base_url;
  int64_t records = 0;
  int sims = 1000;
  int page_size = 1000;
  bool stream = true;
  bool prefetch = true;
};

Options Parse(int argc, char** argv) {
  Options options;
  bench::ForEachArgument(argc, argv, [&](const std::string& arg, const bench::NextValue& value) {
    if (arg == "--base-url") {
      options.base_url = value();
    } else if (arg == "--records") {
      options.records = bench::ParsePositive(arg, value(), int64_t{1} << 40);
    } else if (arg == "--sims") {
      options.sims = static_cast<int>(bench::ParsePositive(arg, value(), 1000000));
    } else if (arg == "--page-size") {
      options.page_size = static_cast<int>(bench::ParsePositive(arg, value(), 1000));
    } else if (arg == "--mode") {
      const std::string mode = value();
      if (mode != "stream" && mode != "list") {
        throw std::invalid_argument("--mode wants stream or list, got '" + mode + "'");
      }
      options.stream = mode == "stream";
    } else if (arg == "--no-prefetch") {
      options.prefetch = false;
    } else {
      throw std::invalid_argument("unknown argument '" + arg + "'");
    }
  });
  if (options.base_url.empty() || options.records == 0) {
    throw std::invalid_argument("--base-url and --records are required");
  }
  return options;
}

// VmHWM: the high-water mark of this address space alone. getrusage's ru_maxrss would also
// carry the spawning parent's peak, which exec hands on to a vfork()ed child (posix_spawn).
int64_t OwnPeakRssBytes() {
  std::ifstream status("/proc/self/status");
  std::string key;
  while (status >> key) {
    if (key == "VmHWM:") {
      int64_t kib = 0;
      if (status >> kib) return kib * 1024;
      break;
    }
    status.ignore(1 << 16, '\n');
  }
  return bench::PeakRssBytes();
}

struct Listing {
  bench::RecordDigest digest;
  int64_t pages = 0;
};

Listing Run(const Options& options, const v1::UsageRecordsApi& api,
            const v1::ListUsageRecordParams& params) {
  Listing listing;
  if (options.stream) {
    v1::UsageRecordStream stream = api.StreamUsageRecord(params);
    for (const v1::SupersimV1UsageRecord& record : stream) listing.digest.Add(record);
    listing.pages = static_cast<int64_t>(stream.PagesFetched());
  } else {
    const v1::ListUsageRecordResponse all = api.ListUsageRecord(params);
    for (const v1::SupersimV1UsageRecord& record : all.usage_records) listing.digest.Add(record);
    // ListUsageRecord does not say how many pages it fetched: what Limit and PageSize make.
    listing.pages = (options.records + options.page_size - 1) / options.page_size;
  }
  return listing;
}

int Main(const Options& options) {
  // bench_page_server's credentials: the fake server's defaults.
  const twilio::test_support::FakeSupersimServer::Options server;
  twilio::ClientConfig config;
  config.base_url = options.base_url;
  config.credentials = twilio::Credentials::FromAuthToken(server.username, server.password);
  config.prefetch_next_page = options.prefetch;
  const v1::UsageRecordsApi api(config);
  const v1::ListUsageRecordParams params = bench::MakeParams(
      bench::MakeDataSet(options.records, options.sims), options.records, options.page_size);

  const int64_t allocations_before = bench::AllocationCount();
  const auto start = std::chrono::steady_clock::now();
  const Listing listing = Run(options, api, params);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const int64_t allocations = bench::AllocationCount() - allocations_before;

  const double per_page =
      listing.pages > 0 ? static_cast<double>(allocations) / static_cast<double>(listing.pages) : 0;
  std::printf("{\"mode\":\"%s\",\"records\":%" PRId64 ",\"pages\":%" PRId64
              ",\"digest\":{\"count\":%" PRId64 ",\"data_total_sum\":%" PRId64
              ",\"hash\":\"%016" PRIx64 "\"},\"allocations_counted\":%s,\"allocations\":%" PRId64
              ",\"allocations_per_page\":%.1f,\"listing_seconds\":%.6f,\"peak_rss_bytes\":%" PRId64
              "}\n",
              options.stream ? "stream" : "list", listing.digest.count, listing.pages,
              listing.digest.count, listing.digest.data_total_sum, listing.digest.hash,
              bench::AllocationCounting() ? "true" : "false", allocations, per_page, seconds,
              OwnPeakRssBytes());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return bench::BenchMain(
      "sdk_listing", kUsage, [&] { return Parse(argc, argv); },
      [](const auto& options) { return Main(options); });
}
