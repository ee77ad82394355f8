// What one stream_e2e run measured, and how it is printed (text for people, JSON for scripts).
#pragma once

#include <cstdint>
#include <optional>

#include "e2e/curl_floor.hpp"
#include "e2e/memory_usage.hpp"
#include "e2e/options.hpp"
#include "e2e/record_digest.hpp"

namespace twilio::bench {

struct Measurement {
  RecordDigest digest;
  int64_t pages = 0;
  int64_t body_bytes = 0;
  double wall_seconds = 0;
  int64_t rss_before = 0;
  int64_t peak_rss = 0;
  // List mode: the resident set with the listing still held, and the listing's own accounting.
  int64_t rss_holding = 0;
  RecordFootprint footprint;
};

struct Report {
  Options options;
  Measurement measured;
  RecordDigest expected;
  /// With --curl: the page-by-page walk that found the URLs, and curl fetching them.
  std::optional<RecordDigest> walked;
  std::optional<CurlRun> curl;
};

void PrintText(const Report& report);
void PrintJson(const Report& report);

}  // namespace twilio::bench
