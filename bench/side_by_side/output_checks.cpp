#include "side_by_side/output_checks.hpp"

#include <cinttypes>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "side_by_side/record_files.hpp"

namespace twilio::bench {
namespace {

std::string Describe(const RecordDigest& d) {
  char text[128];
  std::snprintf(text, sizeof text, "%" PRId64 " records, data_total %" PRId64 ", hash %016" PRIx64,
                d.count, d.data_total_sum, d.hash);
  return text;
}

Verdict CompareDigest(const FileDigest& got, const ExpectedListing& expected) {
  Verdict verdict;
  if (!got.problem.empty()) {
    verdict.problem = got.problem;
  } else if (got.digest != expected.digest) {
    verdict.problem = "got " + Describe(got.digest) + "; expected " + Describe(expected.digest);
  }
  return verdict;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The single JSON object a client printed, or a problem.
bool ReadJsonLine(const std::string& path, nlohmann::json& json, Verdict& verdict) {
  const std::string text = ReadAll(path);
  try {
    json = nlohmann::json::parse(text);
    return true;
  } catch (const std::exception& e) {
    verdict.problem = "not one JSON object (" + std::string(e.what()) + "): " + text.substr(0, 200);
    return false;
  }
}

template <typename T>
std::string Mismatch(const char* what, T got, T expected) {
  std::ostringstream text;
  text << what << " " << got << ", expected " << expected;
  return text.str();
}

}  // namespace

Verdict CheckCurl(const std::string& out_path, const ExpectedListing& expected) {
  Verdict verdict;
  std::istringstream lines(ReadAll(out_path));
  int code = 0;
  int64_t bytes = 0;
  int64_t connects = 0;
  int64_t transfers = 0;
  int64_t not_ok = 0;
  int64_t total_bytes = 0;
  int64_t total_connects = 0;
  while (lines >> code >> bytes >> connects) {
    ++transfers;
    if (code != 200) ++not_ok;
    total_bytes += bytes;
    total_connects += connects;
  }
  if (transfers != expected.pages) {
    verdict.problem = Mismatch("transfers", transfers, expected.pages);
  } else if (not_ok != 0) {
    verdict.problem = std::to_string(not_ok) + " transfers not 200";
  } else if (total_connects != 1) {
    verdict.problem = Mismatch("connections", total_connects, int64_t{1});
  } else if (total_bytes != expected.body_bytes) {
    verdict.problem = Mismatch("body bytes", total_bytes, expected.body_bytes);
  }
  return verdict;
}

Verdict CheckSdkListing(const std::string& out_path, const ExpectedListing& expected, bool stream) {
  Verdict verdict;
  nlohmann::json json;
  if (!ReadJsonLine(out_path, json, verdict)) return verdict;
  try {
    RecordDigest got;
    got.count = json.at("digest").at("count").get<int64_t>();
    got.data_total_sum = json.at("digest").at("data_total_sum").get<int64_t>();
    got.hash = std::stoull(json.at("digest").at("hash").get<std::string>(), nullptr, 16);
    const int64_t pages = json.at("pages").get<int64_t>();
    if (json.at("records").get<int64_t>() != got.count) {
      verdict.problem = "records and digest count differ";
    } else if (got != expected.digest) {
      verdict.problem = "got " + Describe(got) + "; expected " + Describe(expected.digest);
    } else if (stream && pages != expected.pages) {
      verdict.problem = Mismatch("pages fetched", pages, expected.pages);
    }
    if (json.at("allocations_counted").get<bool>()) {
      verdict.allocations_per_page = json.at("allocations_per_page").get<double>();
    }
    verdict.self_peak_rss_bytes = json.at("peak_rss_bytes").get<int64_t>();
  } catch (const std::exception& e) {
    verdict.problem = std::string("unexpected JSON: ") + e.what();
  }
  return verdict;
}

Verdict CheckSummary(const std::string& out_path, const ExpectedListing& expected) {
  Verdict verdict;
  std::string text = ReadAll(out_path);
  if (text.empty() || text.back() != '\n' || text.find('\n') != text.size() - 1) {
    verdict.problem = "not one line: " + text.substr(0, 200);
    return verdict;
  }
  text = " " + text.substr(0, text.size() - 1) + " ";
  const std::string records = " records=" + std::to_string(expected.records) + " ";
  const std::string total = " data_total=" + std::to_string(expected.digest.data_total_sum) + " ";
  if (text.find(records) == std::string::npos || text.find(total) == std::string::npos) {
    verdict.problem = "wanted" + records + "and" + total + "in:" + text;
  }
  return verdict;
}

Verdict CheckJsonl(const std::string& out_path, const ExpectedListing& expected) {
  return CompareDigest(DigestJsonl(out_path), expected);
}

Verdict CheckCsv(const std::string& out_path, const ExpectedListing& expected) {
  return CompareDigest(DigestCsv(out_path), expected);
}

Verdict CheckTable(const std::string& out_path, const ExpectedListing& expected) {
  return CompareDigest(DigestTable(out_path), expected);
}

Verdict CheckNode(const std::string& out_path, const ExpectedListing& expected) {
  Verdict verdict;
  nlohmann::json json;
  if (!ReadJsonLine(out_path, json, verdict)) return verdict;
  try {
    const int64_t records = json.at("records").get<int64_t>();
    const int64_t sum = json.at("data_total_sum").get<int64_t>();
    const int64_t requests = json.at("requests").get<int64_t>();
    const int64_t connections = json.at("connections").get<int64_t>();
    if (records != expected.records) {
      verdict.problem = Mismatch("records", records, expected.records);
    } else if (sum != expected.digest.data_total_sum) {
      verdict.problem = Mismatch("data_total sum", sum, expected.digest.data_total_sum);
    } else if (requests != expected.pages) {
      verdict.problem = Mismatch("requests", requests, expected.pages);
    } else if (connections != 1) {
      verdict.problem = Mismatch("connections", connections, int64_t{1});
    }
  } catch (const std::exception& e) {
    verdict.problem = std::string("unexpected JSON: ") + e.what();
  }
  return verdict;
}

}  // namespace twilio::bench
