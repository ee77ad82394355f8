// What each contender must have printed, checked against the listing the server holds: the
// same records for everyone, verified for everyone. A run whose check fails does not count.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "e2e/record_digest.hpp"

namespace twilio::bench {

/// The listing every contender fetches: computed by side_by_side, not by any contender.
struct ExpectedListing {
  int64_t records = 0;
  int64_t pages = 0;
  /// The pages' JSON bodies, as bench_page_server reports them.
  int64_t body_bytes = 0;
  RecordDigest digest;
};

struct Verdict {
  /// Empty when the output is right; else what is wrong with it.
  std::string problem;
  /// sdk_listing's own figures.
  std::optional<double> allocations_per_page;
  std::optional<int64_t> self_peak_rss_bytes;
};

/// curl's write-out lines: every transfer 200, one connection, every page's body bytes.
Verdict CheckCurl(const std::string& out_path, const ExpectedListing& expected);
/// sdk_listing's JSON line: the digest (count, data_total sum, hash); in stream mode the pages.
Verdict CheckSdkListing(const std::string& out_path, const ExpectedListing& expected, bool stream);
/// supersim-usage --format summary: one line with records=N and data_total=<expected sum>.
Verdict CheckSummary(const std::string& out_path, const ExpectedListing& expected);
/// supersim-usage --format jsonl, csv or table --bytes: every record read back, whole digest.
Verdict CheckJsonl(const std::string& out_path, const ExpectedListing& expected);
Verdict CheckCsv(const std::string& out_path, const ExpectedListing& expected);
Verdict CheckTable(const std::string& out_path, const ExpectedListing& expected);
/// each.js's JSON line: record count, data_total sum, one request a page, one connection.
Verdict CheckNode(const std::string& out_path, const ExpectedListing& expected);

}  // namespace twilio::bench
