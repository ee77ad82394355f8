// The pure layout pieces of supersim-usage: table column choice, bar lengths and the chart's
// lines, the progress line, and the width rule.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bar_chart.hpp"
#include "progress_line.hpp"
#include "record_columns.hpp"
#include "table_layout.hpp"
#include "terminal.hpp"

namespace {

using namespace supersim_usage;
namespace v1 = twilio::supersim::v1;

std::vector<std::string> Names(const std::vector<std::size_t>& columns) {
  std::vector<std::string> names;
  for (std::size_t c : columns) names.emplace_back(kColumnNames[c]);
  return names;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t begin = 0;
  for (std::size_t end; (end = text.find('\n', begin)) != std::string::npos; begin = end + 1) {
    lines.push_back(text.substr(begin, end - begin));
  }
  return lines;
}

std::vector<std::size_t> All() {
  std::vector<std::size_t> all;
  for (std::size_t i = 0; i < kColumnCount; ++i) all.push_back(i);
  return all;
}

std::vector<std::size_t> Choose(std::optional<std::size_t> width,
                                std::optional<v1::Group> group = std::nullopt,
                                bool raw_bytes = false) {
  return ChooseTableColumns(width, group, raw_bytes, All());
}

TEST(TableLayout, NoWidthKeepsEveryCandidate) {
  EXPECT_EQ(Choose(std::nullopt).size(), kColumnCount);
  EXPECT_EQ(Choose(std::nullopt, v1::Group::Sim, true).size(), kColumnCount);
  EXPECT_EQ(Names(ChooseTableColumns(std::nullopt, std::nullopt, false,
                                     {kDataTotalColumn, kPeriodStartColumn})),
            (std::vector<std::string>{"period_start", "data_total"}));
}

TEST(TableLayout, ColumnsGoInTheDocumentedOrderUntilARowFits) {
  // Every column in human units: 20+20+34*3+11+11+13+10+10+11 and 10 gaps of 2.
  EXPECT_EQ(TableRowWidth(Choose(std::nullopt), false), 228u);
  EXPECT_EQ(Names(Choose(228)).size(), kColumnCount);
  EXPECT_EQ(Names(Choose(227)),
            (std::vector<std::string>{"period_start", "period_end", "sim_sid", "fleet_sid",
                                      "iso_country", "data_upload", "data_download", "data_total",
                                      "data_total_billed", "billed_unit"}));
  // 20+20+10+10+11 and 4 gaps: 79.
  EXPECT_EQ(Names(Choose(80)), (std::vector<std::string>{"period_start", "period_end", "data_total",
                                                         "data_total_billed", "billed_unit"}));
  EXPECT_EQ(Names(Choose(78)), (std::vector<std::string>{"period_start", "data_total",
                                                         "data_total_billed", "billed_unit"}));
  // 20+10+10+11 and 3 gaps: 57.
  EXPECT_EQ(Names(Choose(57)), (std::vector<std::string>{"period_start", "data_total",
                                                         "data_total_billed", "billed_unit"}));
  EXPECT_EQ(Names(Choose(56)),
            (std::vector<std::string>{"period_start", "data_total", "data_total_billed"}));
  EXPECT_EQ(Names(Choose(1)), (std::vector<std::string>{"period_start", "data_total"}));
}

TEST(TableLayout, TheGroupColumnStays) {
  EXPECT_EQ(
      Names(Choose(60, v1::Group::IsoCountry)),
      (std::vector<std::string>{"period_start", "iso_country", "data_total", "data_total_billed"}));
  // Too wide for 60 even so: printed all the same.
  EXPECT_EQ(Names(Choose(60, v1::Group::Sim)),
            (std::vector<std::string>{"period_start", "sim_sid", "data_total"}));
  EXPECT_EQ(Names(Choose(120, v1::Group::Network)),
            (std::vector<std::string>{"period_start", "period_end", "network_sid", "data_total",
                                      "data_total_billed", "billed_unit"}));
  EXPECT_EQ(Names(Choose(114, v1::Group::Network)),
            (std::vector<std::string>{"period_start", "network_sid", "data_total",
                                      "data_total_billed", "billed_unit"}));
}

// What a reader looks for stays: by SIM in 80 columns, the cost beside the bytes.
TEST(TableLayout, TheCostFitsBesideASidInEightyColumns) {
  EXPECT_EQ(
      Names(Choose(80, v1::Group::Sim)),
      (std::vector<std::string>{"period_start", "sim_sid", "data_total", "data_total_billed"}));
  EXPECT_EQ(TableRowWidth(Choose(80, v1::Group::Sim), false), 80u);
  EXPECT_EQ(TableHeader(kBilledColumn), "billed");
}

TEST(TableLayout, RawBytesAreWider) {
  EXPECT_EQ(TableColumnWidth(kDataTotalColumn, true), 19u);
  EXPECT_EQ(TableColumnWidth(kDataTotalColumn, false), 10u);
  EXPECT_EQ(TableColumnWidth(kDataDownloadColumn, false), 13u);
  EXPECT_EQ(
      Names(Choose(80, std::nullopt, true)),
      (std::vector<std::string>{"period_start", "data_total", "data_total_billed", "billed_unit"}));
  EXPECT_EQ(TableRowWidth(Choose(80, std::nullopt, true), true), 66u);
}

// The identity columns a listing leaves null in every record: those neither grouped on nor
// filtered.
TEST(TableLayout, OnlyTheGroupsAndTheFiltersIdentitiesHaveValues) {
  const auto identities = [](const v1::ListUsageRecordParams& params) {
    std::vector<std::string> names;
    for (std::size_t column : ColumnsWithValues(params)) {
      if (column >= kSimColumn && column <= kIsoCountryColumn) {
        names.emplace_back(kColumnNames[column]);
      }
    }
    return names;
  };
  EXPECT_EQ(identities({}), std::vector<std::string>{});
  EXPECT_EQ(identities(v1::ListUsageRecordParams().SetGroup(v1::Group::Sim)),
            std::vector<std::string>{"sim_sid"});
  EXPECT_EQ(identities(v1::ListUsageRecordParams().SetGroup(v1::Group::Fleet).SetIsoCountry("FR")),
            (std::vector<std::string>{"fleet_sid", "iso_country"}));
  EXPECT_EQ(identities(v1::ListUsageRecordParams().SetSim("a").SetNetwork("HW1")),
            (std::vector<std::string>{"sim_sid", "network_sid"}));
  EXPECT_EQ(ColumnsWithValues({}).size(), kColumnCount - 4);
}

TEST(BarChart, EighthsAreProportionalAndRounded) {
  EXPECT_EQ(BarEighths(100, 100, 50), 400u);
  EXPECT_EQ(BarEighths(50, 100, 50), 200u);
  EXPECT_EQ(BarEighths(1, 3, 10), 27u);  // 26.67
  EXPECT_EQ(BarEighths(1, 16, 1), 1u);   // 0.5 rounds up
  EXPECT_EQ(BarEighths(0, 100, 50), 0u);
  EXPECT_EQ(BarEighths(-5, 100, 50), 0u);
  EXPECT_EQ(BarEighths(5, 0, 50), 0u);
  const int64_t huge = 9'000'000'000'000'000'000;  // no overflow near INT64_MAX
  EXPECT_EQ(BarEighths(huge, huge, 1000), 8000u);
  EXPECT_EQ(BarEighths(huge / 2, huge, 1000), 4000u);
}

TEST(BarChart, LargestBarFillsTheWidthInBlocks) {
  ChartStyle style;
  style.width = 40;
  style.utf8 = true;
  std::string text = RenderBarChart("data_total per day (UTC)",
                                    {{"2026-01-01", 2'000'000}, {"2026-01-02", 1'000'000}}, style);
  auto lines = SplitLines(text);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "data_total per day (UTC)");
  // "2026-01-01  2.0 MB  " is 20 columns; 20 cells of bar fill the rest.
  std::string full;
  for (int i = 0; i < 20; ++i) full += "\u2588";
  std::string half;
  for (int i = 0; i < 10; ++i) half += "\u2588";
  EXPECT_EQ(lines[1], "2026-01-01  2.0 MB  " + full);
  EXPECT_EQ(lines[2], "2026-01-02  1.0 MB  " + half);
  EXPECT_EQ(DisplayWidth(lines[1]), 40u);
}

TEST(BarChart, PartialCellsUseEighthBlocks) {
  ChartStyle style;
  style.utf8 = true;
  style.raw_bytes = true;
  style.width = 1 + 2 + 2 + 2 + 10;  // label, gap, value "80", gap, 10 cells of bar
  std::string text = RenderBarChart("t", {{"k", 80}, {"j", 13}, {"i", 1}}, style);
  auto lines = SplitLines(text);
  ASSERT_EQ(lines.size(), 4u);
  std::string ten;
  for (int i = 0; i < 10; ++i) ten += "\u2588";
  EXPECT_EQ(lines[1], "k  80  " + ten);
  // 13 / 80 * 80 eighths = 13 eighths: one full block and five eighths.
  EXPECT_EQ(lines[2], "j  13  \u2588\u258b");
  // 1 eighth.
  EXPECT_EQ(lines[3], "i   1  \u258f");
}

TEST(BarChart, AsciiUsesHashesAndNothingElse) {
  ChartStyle style;
  style.width = 30;
  std::string text = RenderBarChart("t", {{"a", 1000}, {"b", 500}, {"c", 0}}, style);
  auto lines = SplitLines(text);
  ASSERT_EQ(lines.size(), 4u);
  // "a  1.0 KB  " is 11 columns, 19 cells of bar.
  EXPECT_EQ(lines[1], "a  1.0 KB  " + std::string(19, '#'));
  EXPECT_EQ(lines[2], "b   500 B  " + std::string(10, '#'));  // 9.5 cells round up
  EXPECT_EQ(lines[3], "c     0 B");                           // no bar, no trailing blanks
  for (char c : text) EXPECT_LT(static_cast<unsigned char>(c), 0x80);
}

TEST(BarChart, NarrowWidthKeepsAMinimumBar) {
  ChartStyle style;
  style.width = 5;
  std::string text = RenderBarChart("t", {{"label", 10}}, style);
  EXPECT_EQ(SplitLines(text)[1], "label  10 B  " + std::string(kMinBarCells, '#'));
}

TEST(BarChart, NoEntriesSaysSo) {
  EXPECT_EQ(RenderBarChart("data_total per sim", {}, ChartStyle()),
            "data_total per sim\n(no usage records)\n");
}

TEST(ProgressLine, ShowsRecordsPagesRateElapsedAndPercent) {
  ProgressState state;
  state.records = 1250;
  state.pages = 25;
  state.elapsed = std::chrono::milliseconds(3500);
  EXPECT_EQ(FormatProgressLine(state, true, std::nullopt),
            "1,250 records \u00b7 25 pages \u00b7 357 records/s \u00b7 0:03 elapsed");
  // Retries, when there were some, come after the pages.
  state.retries = 2;
  EXPECT_EQ(FormatProgressLine(state, false, std::nullopt),
            "1,250 records | 25 pages | 2 retries | 357 records/s | 0:03 elapsed");
  state.retries = 1;
  EXPECT_EQ(FormatProgressLine(state, false, 40), "1,250 records | 25 pages | 1 retry");
  state.retries = 0;
  state.limit = 3000;
  EXPECT_EQ(FormatProgressLine(state, false, std::nullopt),
            "1,250 records | 25 pages | 357 records/s | 0:03 elapsed | 41%");
  state.records = 1;
  state.pages = 1;
  state.elapsed = {};
  state.limit = 1;
  EXPECT_EQ(FormatProgressLine(state, false, std::nullopt),
            "1 record | 1 page | 0 records/s | 0:00 elapsed | 100%");
}

TEST(ProgressLine, KeepsWithinTheWidthByDroppingFields) {
  ProgressState state;
  state.records = 1250;
  state.pages = 25;
  state.elapsed = std::chrono::seconds(3);
  state.limit = 5000;
  std::string full = FormatProgressLine(state, true, std::nullopt);
  EXPECT_EQ(DisplayWidth(full), 61u);
  EXPECT_EQ(FormatProgressLine(state, true, 62), full);
  EXPECT_EQ(FormatProgressLine(state, true, 61),
            "1,250 records \u00b7 25 pages \u00b7 416 records/s \u00b7 0:03 elapsed");
  EXPECT_EQ(FormatProgressLine(state, true, 30), "1,250 records \u00b7 25 pages");
  EXPECT_EQ(FormatProgressLine(state, true, 10), "1,250 rec");
}

TEST(ProgressLine, ElapsedTime) {
  using std::chrono::seconds;
  EXPECT_EQ(FormatElapsed(seconds(0)), "0:00");
  EXPECT_EQ(FormatElapsed(seconds(59)), "0:59");
  EXPECT_EQ(FormatElapsed(seconds(754)), "12:34");
  EXPECT_EQ(FormatElapsed(seconds(3723)), "1:02:03");
}

TEST(OutputWidth, ColumnsThenTerminalThenDefault) {
  EXPECT_EQ(ChooseOutputWidth("60", true, 100), 60u);
  EXPECT_EQ(ChooseOutputWidth("60", false, 0), 60u);
  EXPECT_EQ(ChooseOutputWidth(nullptr, true, 100), 100u);
  EXPECT_EQ(ChooseOutputWidth(nullptr, true, 0), 80u);
  EXPECT_EQ(ChooseOutputWidth(nullptr, false, 0), std::nullopt);
  for (const char* bad : {"", "0", "-5", "abc", "60x", " 60", "100001"}) {
    EXPECT_EQ(ChooseOutputWidth(bad, true, 100), 100u) << bad;
    EXPECT_EQ(ChooseOutputWidth(bad, false, 0), std::nullopt) << bad;
  }
}

}  // namespace
