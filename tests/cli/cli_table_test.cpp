// --format table: human byte units by default (--bytes for raw integers), and the columns
// chosen to fit COLUMNS, checked against the SDK's own listing of the same data.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "cli_support.hpp"
#include "run_process.hpp"

namespace cli_test {
namespace {

namespace v1 = twilio::supersim::v1;

const std::map<std::string, double> kUnits = {{"B", 1},     {"KB", 1e3},  {"MB", 1e6}, {"GB", 1e9},
                                              {"TB", 1e12}, {"PB", 1e15}, {"EB", 1e18}};

// A table line's cells: words, with a number and the unit after it ("12.3", "MB") joined.
std::vector<Word> Cells(const std::string& line) {
  std::vector<Word> cells;
  for (const Word& word : Words(line)) {
    if (!cells.empty() && kUnits.count(word.text) != 0 &&
        cells.back().text.find_first_not_of("0123456789.-") == std::string::npos) {
      cells.back().text += " " + word.text;
      cells.back().end = word.end;
      continue;
    }
    cells.push_back(word);
  }
  return cells;
}

// `cell` is `bytes` in decimal units: the unit is the largest that keeps the number at least 1
// (bytes below 1000 are whole), and the number is within half a tenth of the unit.
void ExpectHumanBytes(const std::string& cell, int64_t bytes) {
  std::size_t space = cell.find(' ');
  ASSERT_NE(space, std::string::npos) << cell;
  const std::string number = cell.substr(0, space);
  const std::string unit = cell.substr(space + 1);
  ASSERT_EQ(kUnits.count(unit), 1u) << cell;
  const double scale = kUnits.at(unit);
  const double shown = std::stod(number);
  if (unit == "B") {
    EXPECT_EQ(number, std::to_string(bytes)) << cell;
    return;
  }
  EXPECT_EQ(number.size() - number.find('.'), 2u) << cell << ": one decimal";
  EXPECT_LE(std::fabs(shown * scale - static_cast<double>(bytes)), scale * 0.05 + 1e-6)
      << cell << " for " << bytes;
  EXPECT_GE(shown, 1.0) << cell;
  EXPECT_LT(shown, 1000.0) << cell;
}

TEST(CliTableUnits, BytesAreInDecimalUnitsByDefault) {
  RunResult result = RunCli({"--demo", "--group", "sim"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto expected = SdkListing(
      v1::ListUsageRecordParams().SetGroup(v1::Group::Sim).SetGranularity(v1::Granularity::Day));
  auto lines = Lines(result.out);
  ASSERT_EQ(lines.size(), expected.size() + 1);
  auto header = Words(lines[0]);
  // period_start period_end sim_sid data_upload data_download data_total billed billed_unit
  ASSERT_EQ(header.size(), 8u);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    auto cells = Cells(lines[i]);
    ASSERT_EQ(cells.size(), 8u) << lines[i];
    const auto& record = expected[i - 1];
    ExpectHumanBytes(cells[3].text, *record.data_upload);
    ExpectHumanBytes(cells[4].text, *record.data_download);
    ExpectHumanBytes(cells[5].text, *record.data_total);
    for (std::size_t c = 3; c <= 5; ++c) {
      EXPECT_EQ(cells[c].end, header[c].end) << "right-aligned under " << header[c].text;
    }
    EXPECT_EQ(cells[2].text, *record.sim_sid);
    EXPECT_EQ(cells[6].text, record.data_total_billed->ToString());  // money stays exact
  }
}

TEST(CliTableUnits, BytesFlagPrintsRawIntegers) {
  RunResult result = RunCli({"--demo", "--bytes", "--limit", "3"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto expected =
      SdkListing(v1::ListUsageRecordParams().SetGranularity(v1::Granularity::Day).SetLimit(3));
  auto lines = Lines(result.out);
  ASSERT_EQ(lines.size(), 4u);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    auto words = Words(lines[i]);
    ASSERT_EQ(words.size(), 7u) << lines[i];  // no identity column without a group or filter
    EXPECT_EQ(words[2].text, std::to_string(*expected[i - 1].data_upload));
    EXPECT_EQ(words[4].text, std::to_string(*expected[i - 1].data_total));
  }
  EXPECT_EQ(result.out.find(" MB"), std::string::npos);
}

std::vector<std::string> HeaderNames(const std::string& out) {
  std::vector<std::string> names;
  for (const Word& word : Words(Lines(out).at(0))) names.push_back(word.text);
  return names;
}

void ExpectLinesWithin(const std::string& out, std::size_t width) {
  for (const std::string& line : Lines(out)) EXPECT_LE(line.size(), width) << line;
}

TEST(CliTableWidth, ColumnsAreChosenToFitColumns) {
  RunResult narrow = RunCli({"--demo"}, {{"COLUMNS=60"}});
  RunResult wide = RunCli({"--demo"}, {{"COLUMNS=200"}});
  ASSERT_EQ(narrow.exit_code, 0) << narrow.err;
  ASSERT_EQ(wide.exit_code, 0) << wide.err;
  EXPECT_EQ(HeaderNames(narrow.out),
            (std::vector<std::string>{"period_start", "data_total", "billed", "billed_unit"}));
  EXPECT_EQ(HeaderNames(wide.out),
            (std::vector<std::string>{"period_start", "period_end", "data_upload", "data_download",
                                      "data_total", "billed", "billed_unit"}));
  ExpectLinesWithin(narrow.out, 60);
  ExpectLinesWithin(wide.out, 200);
  // The rows kept their values: period start, total and amount per day, as the SDK lists them.
  auto expected = SdkListing(v1::ListUsageRecordParams().SetGranularity(v1::Granularity::Day));
  auto lines = Lines(narrow.out);
  ASSERT_EQ(lines.size(), expected.size() + 1);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    auto cells = Cells(lines[i]);
    ASSERT_EQ(cells.size(), 4u) << lines[i];
    EXPECT_EQ(cells[0].text, twilio::FormatRfc3339Utc(*expected[i - 1].period->start_time));
    ExpectHumanBytes(cells[1].text, *expected[i - 1].data_total);
    EXPECT_EQ(cells[2].text, expected[i - 1].data_total_billed->ToString());
    EXPECT_EQ(cells[3].text, *expected[i - 1].billed_unit);
  }
}

TEST(CliTableWidth, TheGroupColumnIsNeverDropped) {
  RunResult country = RunCli({"--demo", "--group", "isoCountry"}, {{"COLUMNS=60"}});
  ASSERT_EQ(country.exit_code, 0) << country.err;
  EXPECT_EQ(HeaderNames(country.out),
            (std::vector<std::string>{"period_start", "iso_country", "data_total", "billed"}));
  ExpectLinesWithin(country.out, 60);
  // A SID column does not fit in 60 beside the period and the total: printed all the same.
  RunResult sim = RunCli({"--demo", "--group", "sim"}, {{"COLUMNS=60"}});
  ASSERT_EQ(sim.exit_code, 0) << sim.err;
  EXPECT_EQ(HeaderNames(sim.out),
            (std::vector<std::string>{"period_start", "sim_sid", "data_total"}));
}

TEST(CliTableWidth, RawBytesNeedMoreRoom) {
  RunResult result = RunCli({"--demo", "--bytes"}, {{"COLUMNS=80"}});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(HeaderNames(result.out),
            (std::vector<std::string>{"period_start", "data_total", "billed", "billed_unit"}));
  ExpectLinesWithin(result.out, 80);
}

TEST(CliTableWidth, WithoutColumnsAPipeGetsEveryColumnWithValues) {
  RunResult result = RunCli({"--demo", "--group", "network"}, {{"COLUMNS=not-a-number"}});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(HeaderNames(result.out),
            (std::vector<std::string>{"period_start", "period_end", "network_sid", "data_upload",
                                      "data_download", "data_total", "billed", "billed_unit"}));
  // 20+20+34+11+13+10+10+11 and 7 gaps, not the 228 of all eleven columns.
  ExpectLinesWithin(result.out, 143);
  EXPECT_EQ(Lines(result.out).at(0).size(), 143u);
}

TEST(CliTableWidth, NullsStayDashesInHumanUnits) {
  RecordsServer records(
      {R"({"account_sid":"AC00000000000000000000000000000000","sim_sid":null,"fleet_sid":null,)"
       R"("network_sid":null,"iso_country":"FR","period":{"start_time":"2026-01-01T00:00:00Z",)"
       R"("end_time":"2026-01-02T00:00:00Z"},"data_upload":null,"data_download":10,)"
       R"("data_total":1500,"data_total_billed":"0.1","billed_unit":"USD"})"});
  RunResult result = RunCli({"--base-url", records.BaseUrl()}, {ServerEnv(records.Server())});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto lines = Lines(result.out);
  ASSERT_EQ(lines.size(), 3u);
  std::vector<std::string> cells;
  for (const Word& cell : Cells(lines[1])) cells.push_back(cell.text);
  EXPECT_EQ(cells, (std::vector<std::string>{"2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", "-",
                                             "10 B", "1.5 KB", "0.1", "USD"}));
  // An unfiltered listing has no iso_country, so the table has no column for it; this record
  // had one, and the table says so rather than losing it.
  EXPECT_EQ(lines[2],
            "(not shown, though some records have a value there: iso_country; --format csv "
            "shows every column)");
}

}  // namespace
}  // namespace cli_test
