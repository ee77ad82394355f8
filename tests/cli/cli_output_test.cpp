// supersim-usage's output formats, checked record by record against the SDK's own listing of
// the same parameters, and its behaviour when stdout closes early.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "cli_support.hpp"
#include "run_process.hpp"
#include "twilio/decimal.hpp"
#include "twilio/time_format.hpp"

namespace cli_test {
namespace {

using twilio::test_support::FakeFault;
using twilio::test_support::FakeSupersimServer;
namespace v1 = twilio::supersim::v1;

const std::string kCsvHeader =
    "period_start,period_end,sim_sid,fleet_sid,network_sid,iso_country,data_upload,"
    "data_download,data_total,data_total_billed,billed_unit";

// The demo's listing for no filters: the API's defaults, but one row per day.
v1::ListUsageRecordParams DemoDefaults() {
  return v1::ListUsageRecordParams().SetGranularity(v1::Granularity::Day);
}

// The 11 columns of a record, written out independently of the command's code.
std::vector<std::string> ExpectedCells(const v1::SupersimV1UsageRecord& r,
                                       const std::string& null) {
  auto text = [&](const std::optional<std::string>& v) { return v ? *v : null; };
  auto number = [&](const std::optional<int64_t>& v) { return v ? std::to_string(*v) : null; };
  auto time = [&](const std::optional<twilio::TimePoint>& t) {
    return t ? twilio::FormatRfc3339Utc(*t) : null;
  };
  return {time(r.period ? r.period->start_time : std::nullopt),
          time(r.period ? r.period->end_time : std::nullopt),
          text(r.sim_sid),
          text(r.fleet_sid),
          text(r.network_sid),
          text(r.iso_country),
          number(r.data_upload),
          number(r.data_download),
          number(r.data_total),
          r.data_total_billed ? r.data_total_billed->ToString() : null,
          text(r.billed_unit)};
}

std::string Join(const std::vector<std::string>& cells, char separator) {
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i)
    line += (i ? std::string(1, separator) : "") + cells[i];
  return line;
}

// What --format summary must print, computed here from the SDK's records.
std::string ExpectedSummary(const std::vector<v1::SupersimV1UsageRecord>& records) {
  int64_t upload = 0, download = 0, total = 0;
  std::map<std::string, twilio::Decimal> billed;
  for (const auto& r : records) {
    upload += r.data_upload.value_or(0);
    download += r.data_download.value_or(0);
    total += r.data_total.value_or(0);
    billed[r.billed_unit.value()] += r.data_total_billed.value();
  }
  std::string line =
      "records=" + std::to_string(records.size()) + " data_upload=" + std::to_string(upload) +
      " data_download=" + std::to_string(download) + " data_total=" + std::to_string(total);
  for (const auto& [unit, amount] : billed) line += " billed_" + unit + "=" + amount.ToString();
  return line + "\n";
}

TEST(CliJsonl, DemoLimitFivePrintsFiveApiShapedLines) {
  RunResult result = RunCli({"--demo", "--format", "jsonl", "--limit", "5"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  auto lines = Lines(result.out);
  ASSERT_EQ(lines.size(), 5u);
  auto expected = SdkListing(DemoDefaults().SetLimit(5));
  ASSERT_EQ(expected.size(), 5u);
  const std::set<std::string> kFields = {
      "account_sid", "sim_sid",       "network_sid", "fleet_sid",         "iso_country", "period",
      "data_upload", "data_download", "data_total",  "data_total_billed", "billed_unit"};
  for (std::size_t i = 0; i < lines.size(); ++i) {
    nlohmann::json json = nlohmann::json::parse(lines[i]);  // throws (fails) if not JSON
    ASSERT_TRUE(json.is_object());
    std::set<std::string> fields;
    for (const auto& item : json.items()) fields.insert(item.key());
    EXPECT_EQ(fields, kFields);
    EXPECT_EQ(json, nlohmann::json(expected[i])) << lines[i];
    EXPECT_EQ(json["data_total_billed"], expected[i].data_total_billed->ToString());
    EXPECT_EQ(json["period"]["start_time"],
              twilio::FormatRfc3339Utc(*expected[i].period->start_time));
    EXPECT_EQ(lines[i], nlohmann::json(expected[i]).dump());  // compact
  }
}

TEST(CliCsv, DemoDefaultRowsEqualTheSdkListing) {
  RunResult result = RunCli({"--demo", "--format", "csv"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto lines = Lines(result.out);
  auto expected = SdkListing(DemoDefaults());
  ASSERT_EQ(expected.size(), 7u);  // one per day of the demo week
  ASSERT_EQ(lines.size(), expected.size() + 1);
  EXPECT_EQ(lines[0], kCsvHeader);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(lines[i + 1], Join(ExpectedCells(expected[i], ""), ','));
  }
}

TEST(CliCsv, GroupedRowsEqualTheSdkListingAcrossPages) {
  RunResult result =
      RunCli({"--demo", "--format", "csv", "--group", "sim", "--page-size", "10", "--start-time",
              "2026-01-02T00:00:00+02:00", "--end-time", "2026-01-06T00:00:00Z"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto expected = SdkListing(DemoDefaults()
                                 .SetGroup(v1::Group::Sim)
                                 .SetPageSize(10)
                                 .SetStartTime(twilio::ParseRfc3339("2026-01-01T22:00:00Z"))
                                 .SetEndTime(twilio::ParseRfc3339("2026-01-06T00:00:00Z")));
  ASSERT_EQ(expected.size(), 6u * 5u);  // 6 SIMs, 5 (partly covered) days
  auto lines = Lines(result.out);
  ASSERT_EQ(lines.size(), expected.size() + 1);
  EXPECT_EQ(lines[0], kCsvHeader);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(lines[i + 1], Join(ExpectedCells(expected[i], ""), ','));
  }
}

TEST(CliSummary, TotalsEqualThoseOfTheSdkRecords) {
  RunResult result =
      RunCli({"--demo", "--format", "summary", "--group", "sim", "--granularity", "hour"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  auto expected = SdkListing(
      v1::ListUsageRecordParams().SetGroup(v1::Group::Sim).SetGranularity(v1::Granularity::Hour));
  ASSERT_EQ(expected.size(), 6u * 24u * 7u);
  EXPECT_EQ(result.out, ExpectedSummary(expected));
}

TEST(CliSummary, GroupingDoesNotChangeTheTotals) {
  RunResult by_day = RunCli({"--demo", "--format", "summary"});
  RunResult by_country =
      RunCli({"--demo", "--format", "summary", "--group", "isoCountry", "--granularity", "all"});
  ASSERT_EQ(by_day.exit_code, 0);
  ASSERT_EQ(by_country.exit_code, 0);
  EXPECT_EQ(by_day.out, ExpectedSummary(SdkListing(DemoDefaults())));
  // Same bytes and the same amount (its digits may differ: "0.50" == "0.5"), other counts.
  auto part = [](const std::string& line, const std::string& from, const std::string& to) {
    std::size_t begin = line.find(from);
    return line.substr(begin, line.find(to, begin + 1) - begin);
  };
  EXPECT_EQ(part(by_day.out, " data_upload=", " billed_USD="),
            part(by_country.out, " data_upload=", " billed_USD="));
  auto usd = [&](const std::string& line) {
    return twilio::Decimal::Parse(part(line, " billed_USD=", "\n").substr(12));
  };
  EXPECT_EQ(usd(by_day.out), usd(by_country.out));
  EXPECT_FALSE(usd(by_day.out).IsZero());
  EXPECT_EQ(by_country.out.rfind("records=3 ", 0), 0u) << by_country.out;
}

// --bytes: raw byte counts, one word per cell (human units are checked in cli_table_test).
// By SIM, the table leaves out fleet_sid, network_sid and iso_country (null in every record)
// and heads data_total_billed "billed".
TEST(CliTable, ColumnsLineUpWithTheHeaderOnEveryRow) {
  RunResult result = RunCli({"--demo", "--group", "sim", "--bytes"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto lines = Lines(result.out);
  auto expected = SdkListing(DemoDefaults().SetGroup(v1::Group::Sim));
  ASSERT_EQ(expected.size(), 42u);
  ASSERT_EQ(lines.size(), expected.size() + 1);
  auto header = Words(lines[0]);
  std::vector<std::string> names;
  for (const Word& w : header) names.push_back(w.text);
  EXPECT_EQ(Join(names, ','),
            "period_start,period_end,sim_sid,data_upload,data_download,data_total,billed,"
            "billed_unit");
  const std::vector<std::size_t> shown = {0, 1, 2, 6, 7, 8, 9, 10};  // of ExpectedCells
  for (std::size_t i = 1; i < lines.size(); ++i) {
    auto words = Words(lines[i]);
    ASSERT_EQ(words.size(), header.size()) << lines[i];
    std::vector<std::string> cells;
    for (std::size_t c = 0; c < words.size(); ++c) {
      cells.push_back(words[c].text);
      bool numeric = c >= 3 && c <= 6;  // right-aligned under their header
      if (numeric) {
        EXPECT_EQ(words[c].end, header[c].end) << "row " << i << " column " << header[c].text;
      } else {
        EXPECT_EQ(words[c].begin, header[c].begin) << "row " << i << " column " << header[c].text;
      }
    }
    std::vector<std::string> all = ExpectedCells(expected[i - 1], "-");
    std::vector<std::string> want;
    for (std::size_t column : shown) want.push_back(all[column]);
    EXPECT_EQ(cells, want);
    for (std::size_t column : {3, 4, 5}) EXPECT_EQ(all[column], "-") << "row " << i;
  }
}

TEST(CliTable, IsTheDefaultFormat) {
  RunResult result = RunCli({"--demo", "--limit", "2", "--bytes"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto lines = Lines(result.out);
  ASSERT_EQ(lines.size(), 3u);
  // No sim_sid, fleet_sid, network_sid or iso_country without a group or filter on them.
  std::vector<std::string> names;
  for (const Word& w : Words(lines[0])) names.push_back(w.text);
  EXPECT_EQ(Join(names, ','),
            "period_start,period_end,data_upload,data_download,data_total,billed,billed_unit");
  EXPECT_EQ(Words(lines[1]).size(), 7u);
}

// Records the demo data never has: nulls, CSV metacharacters, several currencies.
class CliCustomRecords : public ::testing::Test {
 protected:
  void Serve(const std::vector<std::string>& records) {
    server_.Start();
    FakeFault fault;
    fault.body = PageBody(records);
    server_.InjectFault(0, fault);
  }
  RunResult Run(const char* format, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"--base-url", server_.BaseUrl(), "--format", format};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunCli(args, {ServerEnv(server_)});
  }
  static std::string Record(const std::string& sim, const std::string& upload,
                            const std::string& billed, const std::string& unit) {
    return R"({"account_sid":"AC00000000000000000000000000000000","sim_sid":)" + sim +
           R"(,"fleet_sid":null,"network_sid":null,"iso_country":"FR",)"
           R"("period":{"start_time":"2026-01-01T00:00:00Z","end_time":"2026-01-02T00:00:00+01:00"},)"
           R"("data_upload":)" +
           upload + R"(,"data_download":10,"data_total":)" + (upload == "null" ? "10" : upload) +
           R"(,"data_total_billed":)" + billed + R"(,"billed_unit":)" + unit + "}";
  }
  void ServeMixed() {
    Serve({Record(R"("HS,\"quoted\"")", "1", R"("0.10")", R"("USD")"),
           Record("null", "2", "0.2", R"("USD")"), Record("null", "3", R"("0.05")", R"("EUR")"),
           Record("null", "null", R"("1.5")", "null"), Record("null", "4", R"("0")", "null"),
           Record("null", "5", "null", R"("GBP")")});
  }
  FakeSupersimServer server_{cli_test::Pinned()};
};

TEST_F(CliCustomRecords, SummaryAddsExactDecimalsPerUnit) {
  ServeMixed();
  RunResult result = Run("summary");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "records=6 data_upload=15 data_download=60 data_total=25 billed_EUR=0.05 "
            "billed_GBP=0 billed_USD=0.30 billed_unknown=1.5\n");
}

TEST_F(CliCustomRecords, CsvQuotesAndLeavesNullsEmpty) {
  ServeMixed();
  RunResult result = Run("csv");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto lines = Lines(result.out);
  ASSERT_EQ(lines.size(), 7u);
  EXPECT_EQ(lines[1],
            R"(2026-01-01T00:00:00Z,2026-01-01T23:00:00Z,"HS,""quoted""",,,FR,1,10,1,0.10,USD)");
  EXPECT_EQ(lines[4], "2026-01-01T00:00:00Z,2026-01-01T23:00:00Z,,,,FR,,10,10,1.5,");
  EXPECT_EQ(lines[6], "2026-01-01T00:00:00Z,2026-01-01T23:00:00Z,,,,FR,5,10,5,,GBP");
}

// Filtered on a country, the table shows iso_country; a value in a column it left out (the
// first record's sim_sid) is not lost without a word.
TEST_F(CliCustomRecords, TableShowsNullsAsDashesAndNamesAHiddenColumnWithValues) {
  ServeMixed();
  RunResult result = Run("table", {"--bytes", "--iso-country", "FR"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto lines = Lines(result.out);
  ASSERT_EQ(lines.size(), 8u) << result.out;
  std::vector<std::string> names;
  for (const Word& w : Words(lines[0])) names.push_back(w.text);
  EXPECT_EQ(Join(names, ','),
            "period_start,period_end,iso_country,data_upload,data_download,data_total,billed,"
            "billed_unit");
  std::vector<std::string> cells;
  for (const Word& w : Words(lines[4])) cells.push_back(w.text);
  EXPECT_EQ(cells, (std::vector<std::string>{"2026-01-01T00:00:00Z", "2026-01-01T23:00:00Z", "FR",
                                             "-", "10", "10", "1.5", "-"}));
  EXPECT_EQ(lines[7],
            "(not shown, though some records have a value there: sim_sid; --format csv shows "
            "every column)");
}

TEST_F(CliCustomRecords, JsonlKeepsTheBilledDecimalAsSent) {
  ServeMixed();
  RunResult result = Run("jsonl");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto lines = Lines(result.out);
  ASSERT_EQ(lines.size(), 6u);
  auto first = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(first["data_total_billed"], "0.10");
  EXPECT_EQ(first["sim_sid"], "HS,\"quoted\"");
  EXPECT_EQ(nlohmann::json::parse(lines[1])["data_total_billed"], "0.2");
  EXPECT_TRUE(nlohmann::json::parse(lines[3])["billed_unit"].is_null());
  EXPECT_TRUE(nlohmann::json::parse(lines[3])["data_upload"].is_null());
}

TEST_F(CliCustomRecords, ByteTotalOverflowExitsFiveWithoutAWrongTotal) {
  Serve({Record("null", "9223372036854775807", R"("0")", R"("USD")"),
         Record("null", "1", R"("0")", R"("USD")")});
  RunResult result = Run("summary");
  EXPECT_EQ(result.exit_code, 5);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err,
            "error: cannot total the listing: the total of data_upload does not fit in a signed "
            "64-bit integer\n");
}

TEST(CliFlush, EachPageIsWrittenBeforeTheNextIsRequested) {
  FakeSupersimServer server(cli_test::Pinned());
  server.Start();
  FakeFault slow;
  slow.delay = std::chrono::milliseconds(1500);
  server.InjectFault(1, slow);
  RunResult result = RunCli({"--base-url", server.BaseUrl(), "--format", "csv", "--group", "sim",
                             "--granularity", "day", "--page-size", "5", "--limit", "8"},
                            {ServerEnv(server)});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  ASSERT_EQ(Lines(result.out).size(), 9u);
  // The header and the first page's 5 rows were readable while page 1 was still on its way.
  std::size_t first_page_bytes = 0;
  for (int i = 0; i < 6; ++i) first_page_bytes = result.out.find('\n', first_page_bytes) + 1;
  ASSERT_FALSE(result.out_arrivals.empty());
  EXPECT_GE(result.out_arrivals.front().second, first_page_bytes);
  EXPECT_LT(result.out_arrivals.front().first, result.seconds - 1.0)
      << "first output after " << result.out_arrivals.front().first << " s of " << result.seconds;
}

// These list from a server in this test, not --demo: the demo's fake server ignores SIGPIPE in
// the command's process, which would hide a command that forgot to.
TEST(CliPipe, ClosedStdoutStopsQuietlyWithExitZero) {
  FakeSupersimServer server(cli_test::Pinned());
  server.Start();
  RunOptions options;
  options.stdout_closed = true;
  options.env = ServerEnv(server);
  for (const char* format : {"table", "csv", "jsonl", "summary"}) {
    RunResult result = RunCli({"--base-url", server.BaseUrl(), "--format", format}, options);
    EXPECT_EQ(result.signal, 0) << format;
    EXPECT_EQ(result.exit_code, 0) << format;
    EXPECT_EQ(result.err, "") << format;
  }
  RunResult help = RunCli({"--help"}, options);
  EXPECT_EQ(help.signal, 0);
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_EQ(help.err, "");
}

TEST(CliPipe, ReaderLeavingMidListingStopsQuietly) {
  FakeSupersimServer server(cli_test::Pinned());
  server.Start();
  RunOptions options;
  options.close_stdout_after_first_line = true;
  options.env = ServerEnv(server);
  // 1008 records in 6 pages of 200 (80 KB each, more than a pipe holds): the command is still
  // writing the first page when the reader leaves.
  RunResult result = RunCli({"--base-url", server.BaseUrl(), "--format", "jsonl", "--group", "sim",
                             "--granularity", "hour", "--page-size", "200"},
                            options);
  EXPECT_EQ(result.signal, 0);
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.err, "");
  auto first = SdkListing(v1::ListUsageRecordParams()
                              .SetGroup(v1::Group::Sim)
                              .SetGranularity(v1::Granularity::Hour)
                              .SetLimit(1));
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(result.out.substr(0, result.out.find('\n')), nlohmann::json(first[0]).dump());
  // It stopped: of 6 pages, only the first and the one prefetched behind it were asked for.
  EXPECT_GE(server.RequestCount(), 1u);
  EXPECT_LE(server.RequestCount(), 2u);
}

TEST(CliPipe, OtherWriteFailureExitsOne) {
  RunOptions options;
  options.stdout_file = "/dev/full";
  for (std::vector<std::string> args :
       {std::vector<std::string>{"--help"}, {"--demo", "--format", "csv"}}) {
    RunResult result = RunCli(args, options);
    EXPECT_EQ(result.exit_code, 1) << args[0];
    EXPECT_EQ(result.err, "error: cannot write to standard output: No space left on device\n");
  }
}

}  // namespace
}  // namespace cli_test
