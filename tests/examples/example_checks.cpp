#include "example_checks.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <utility>

#include "check_failed.hpp"
#include "strict_csv.hpp"

namespace example_driver {

namespace v1 = twilio::supersim::v1;
using twilio::Decimal;
using twilio::test_support::FakeSupersimServer;

namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

int64_t ToInt64(const std::string& text) {
  return std::stoll(text);
}

}  // namespace

// The rows its arguments select, worked out from the data set's layout (which SIMs, which
// days, in which order, how many), each figure against a listing of that SIM and day alone.
std::string CheckList(const Fixture& fx, const std::vector<std::string>& args,
                      const std::string& out) {
  std::map<std::string, std::string> given;  // the example's --name value pairs
  for (std::size_t i = 0; i + 1 < args.size(); i += 2) given[args[i]] = args[i + 1];
  Require(given.count("--limit") == 1, "the list check needs the example's --limit");
  const auto time_or = [&](const char* name, twilio::TimePoint fallback) {
    return given.count(name) != 0 ? twilio::ParseRfc3339(given[name]) : fallback;
  };
  const twilio::TimePoint start = std::max(time_or("--start", fx.Data().start), fx.Data().start);
  const twilio::TimePoint end = std::min(time_or("--end", fx.Data().end), fx.Data().end);
  const auto selected = [&](int sim) {
    const int fleet = sim % fx.Data().fleets;
    return (given.count("--sim") == 0 || given["--sim"] == FakeSupersimServer::SimSid(sim) ||
            given["--sim"] == "sim-" + std::to_string(sim)) &&
           (given.count("--fleet") == 0 ||
            given["--fleet"] == FakeSupersimServer::FleetSid(fleet) ||
            given["--fleet"] == "fleet-" + std::to_string(fleet)) &&
           (given.count("--iso-country") == 0 || given["--iso-country"] == fx.CountryOfSim(sim));
  };
  // Newest day first, then SIMs in order, up to the limit.
  const auto limit = static_cast<std::size_t>(ToInt64(given["--limit"]));
  const std::chrono::hours day_length(24);
  std::vector<std::pair<twilio::TimePoint, int>> rows;
  for (twilio::TimePoint day = end - day_length; day >= start; day -= day_length) {
    for (int sim = 0; sim < fx.Data().sims; ++sim) {
      if (selected(sim) && rows.size() < limit) rows.emplace_back(day, sim);
    }
  }
  // The country is in a record only when the listing filtered on it.
  const std::string country = given.count("--iso-country") != 0 ? given["--iso-country"] : "-";

  const std::vector<std::string> lines = Lines(out);
  Require(lines.size() == rows.size() + 2,
          "expected a header, " + std::to_string(rows.size()) + " records and a count");
  Require(lines.front().rfind("PERIOD_START", 0) == 0, "no header line");
  const std::regex record(R"((\S+) +(\S+) +(\S+) +(\d+) +([0-9.]+) USD)");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::string& line = lines[i + 1];
    const auto& [day, sim] = rows[i];
    std::smatch m;
    Require(std::regex_match(line, m, record), "not a record line: " + line);
    Require(m[1] == twilio::FormatRfc3339Utc(day) && m[2] == FakeSupersimServer::SimSid(sim) &&
                m[3] == country,
            "expected SIM " + std::to_string(sim) + " on " + twilio::FormatRfc3339Utc(day) +
                " in: " + line);
    v1::ListUsageRecordParams alone;
    alone.SetSim(m[2]).SetGranularity(v1::Granularity::Day);
    alone.SetStartTime(day).SetEndTime(day + day_length);
    const auto expected = fx.List(alone);
    Require(expected.size() == 1, "no single day of usage at " + m[1].str());
    Require(expected[0].data_total == ToInt64(m[4]), "wrong data_total in: " + line);
    Require(expected[0].data_total_billed == Decimal::Parse(m[5].str()),
            "wrong billed amount in: " + line);
  }
  Require(lines.back() == std::to_string(rows.size()) + " records",
          "the count line does not match the records: " + lines.back());
  return std::to_string(rows.size()) + " records are the ones selected, figures as per SIM and day";
}

// The totals against one whole-range record of all usage.
std::string CheckStream(const Fixture& fx, const std::string& out) {
  const std::regex summary(R"(streamed (\d+) records in (\d+) pages: (\d+) SIMs, (\d+) hours, )"
                           R"(data_total (\d+) bytes, billed ([0-9.]+) USD\n)");
  std::smatch m;
  Require(std::regex_match(out, m, summary), "no summary line");
  const int64_t records = fx.Data().sims * fx.Hours();  // a record per SIM and hour
  Require(ToInt64(m[1]) == records, "expected " + std::to_string(records) + " records");
  Require(ToInt64(m[2]) == (records + 999) / 1000, "expected pages of 1000 records");
  Require(ToInt64(m[3]) == fx.Data().sims, "wrong SIM count");
  Require(ToInt64(m[4]) == fx.Hours(), "wrong hour count");
  const Sum all = fx.Total(v1::ListUsageRecordParams().SetGranularity(v1::Granularity::All));
  Require(all.records == 1, "expected one record over the whole range");
  Require(ToInt64(m[5]) == all.bytes, "data_total differs from the whole-range total");
  Require(Decimal::Parse(m[6].str()) == all.billed, "billed differs from the whole-range total");
  return "totals match the whole-range listing (" + std::to_string(records) + " records)";
}

// Page numbers, links and sizes against the data set's shape.
std::string CheckPages(const Fixture& fx, const std::string& out) {
  const std::vector<std::string> lines = Lines(out);
  Require(!lines.empty(), "no output");
  const std::regex page_line(R"(page (\d+): (\d+) records (\S+))");
  const std::regex page_size_param(R"([?&]PageSize=(\d+)(&|$))");
  const std::string prefix = fx.Server().BaseUrl() + "/v1/UsageRecords?";
  int64_t total = 0;
  int64_t page_size = 0;
  const std::size_t pages = lines.size() - 1;
  for (std::size_t i = 0; i < pages; ++i) {
    std::smatch m;
    Require(std::regex_match(lines[i], m, page_line), "not a page line: " + lines[i]);
    Require(ToInt64(m[1]) == static_cast<int64_t>(i), "pages out of order: " + lines[i]);
    const std::string url = m[3];
    Require(url.rfind(prefix, 0) == 0, "not a link to the server: " + url);
    std::smatch size;
    Require(std::regex_search(url, size, page_size_param), "no PageSize in " + url);
    page_size = ToInt64(size[1]);
    const int64_t records = ToInt64(m[2]);
    Require(i + 1 == pages ? records >= 1 && records <= page_size : records == page_size,
            "page " + std::to_string(i) + " is not full, or the last page is empty");
    total += records;
  }
  const int64_t expected = fx.Data().sims * (fx.Hours() / 24);  // a record per SIM and day
  Require(total == expected, "expected " + std::to_string(expected) + " records in all");
  Require(lines.back() == std::to_string(pages) + " pages, " + std::to_string(total) + " records",
          "the summary line does not match the pages: " + lines.back());
  return std::to_string(pages) + " pages of " + std::to_string(page_size) + " cover all " +
         std::to_string(total) + " daily records";
}

// Every row, field by field, against the fixture's listing of the same records, and the sum of
// data_total against a whole-range record.
std::string CheckCsv(const Fixture& fx, const std::string& text) {
  const auto rows = ParseCsv(text);
  Require(!rows.empty(), "no header");
  const std::vector<std::string> header = {"period_start", "period_end",        "account_sid",
                                           "sim_sid",      "fleet_sid",         "network_sid",
                                           "iso_country",  "data_upload",       "data_download",
                                           "data_total",   "data_total_billed", "billed_unit"};
  Require(rows[0] == header, "unexpected header");

  v1::ListUsageRecordParams same;
  same.SetGroup(v1::Group::Sim).SetGranularity(v1::Granularity::Day);
  const auto records = fx.List(same);
  Require(rows.size() == records.size() + 1, "expected " + std::to_string(records.size()) +
                                                 " rows, found " + std::to_string(rows.size() - 1));
  const auto text_of = [](const std::optional<std::string>& v) { return v.value_or(""); };
  const auto number = [](const std::optional<int64_t>& v) {
    return v ? std::to_string(*v) : std::string();
  };
  int64_t bytes = 0;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const v1::SupersimV1UsageRecord& r = records[i];
    Require(r.period && r.period->start_time && r.period->end_time && r.data_total_billed,
            "the server left a field out of record " + std::to_string(i));
    const std::vector<std::string> expected = {twilio::FormatRfc3339Utc(*r.period->start_time),
                                               twilio::FormatRfc3339Utc(*r.period->end_time),
                                               text_of(r.account_sid),
                                               text_of(r.sim_sid),
                                               text_of(r.fleet_sid),
                                               text_of(r.network_sid),
                                               text_of(r.iso_country),
                                               number(r.data_upload),
                                               number(r.data_download),
                                               number(r.data_total),
                                               r.data_total_billed->ToString(),
                                               text_of(r.billed_unit)};
    Require(rows[i + 1] == expected, "row " + std::to_string(i + 1) + " differs");
    Require(rows[i + 1][2] == fx.Data().account_sid, "account_sid not read back intact");
    bytes += ToInt64(rows[i + 1][9]);
  }
  const Sum all = fx.Total(v1::ListUsageRecordParams().SetGranularity(v1::Granularity::All));
  Require(bytes == all.bytes, "data_total does not add up to the whole-range total");
  return std::to_string(records.size()) + " CSV rows match the listing, field by field";
}

// A failed export leaves no file behind, not even the one the driver put there beforehand.
std::string CheckCsvRemoved(const std::string& path) {
  Require(!std::ifstream(path).good(), path + " was left behind");
  return "no partial export left at " + path;
}

// Each country against a listing filtered on it, the total against a whole-range record, and
// the decimal points in one column.
std::string CheckCountries(const Fixture& fx, const std::string& out) {
  const std::vector<std::string> lines = Lines(out);
  std::set<std::string> countries;  // those with SIMs, in the order the table uses
  for (int i = 0; i < fx.Data().sims; ++i) countries.insert(fx.CountryOfSim(i));
  Require(lines.size() == countries.size() + 2,
          "expected a header, a line per country and a total");
  Require(std::regex_match(lines[0], std::regex(R"(COUNTRY +DATA_TOTAL +BILLED)")),
          "unexpected header: " + lines[0]);
  const std::regex row(R"((\S+) +(\d+) +(\d+\.\d+) USD)");
  auto country = countries.begin();
  std::size_t width = 0;
  std::size_t point = 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::smatch m;
    Require(std::regex_match(lines[i], m, row), "not a table row: " + lines[i]);
    const bool total = i + 1 == lines.size();
    v1::ListUsageRecordParams params;
    params.SetGranularity(v1::Granularity::All);
    if (!total) {
      Require(m[1] == *country, "expected " + *country + " in: " + lines[i]);
      params.SetIsoCountry(*country++);
    } else {
      Require(m[1] == "TOTAL", "no TOTAL line");
    }
    const Sum expected = fx.Total(params);
    Require(ToInt64(m[2]) == expected.bytes, "wrong data_total in: " + lines[i]);
    Require(Decimal::Parse(m[3].str()) == expected.billed, "wrong billed in: " + lines[i]);
    if (i == 1) {
      width = lines[i].size();
      point = lines[i].find('.');
    }
    Require(lines[i].size() == width && lines[i].find('.') == point,
            "columns not aligned: " + lines[i]);
  }
  return std::to_string(countries.size()) +
         " countries and the total match per-country and whole-range listings";
}

}  // namespace example_driver
