// supersim-usage at a terminal: the progress line on stderr and the chart, captured from a
// pseudo-terminal (util-linux `script`), and the quiet output when stderr is a pipe.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>

#include "cli_support.hpp"
#include "pty_run.hpp"
#include "run_process.hpp"

namespace cli_test {
namespace {

using twilio::test_support::FakeFault;
using twilio::test_support::FakeSupersimServer;
namespace v1 = twilio::supersim::v1;

const std::string kErase = "\r\x1b[K";
const std::string kDot = "\u00b7";

// The terminal's bytes split where the progress line is drawn or erased ("\r\x1b[K").
std::vector<std::string> Segments(const std::string& capture) {
  std::vector<std::string> segments;
  std::size_t begin = 0;
  for (std::size_t at; (at = capture.find(kErase, begin)) != std::string::npos;
       begin = at + kErase.size()) {
    segments.push_back(capture.substr(begin, at - begin));
  }
  segments.push_back(capture.substr(begin));
  return segments;
}

struct Progress {
  int64_t records;
  int64_t pages;
  int64_t rate;
  std::string elapsed;
  std::optional<int> percent;
};

int64_t Number(const std::string& grouped) {
  std::string digits;
  for (char c : grouped) {
    if (c != ',') digits += c;
  }
  return std::stoll(digits);
}

// A whole progress line, with `separator` between its fields, or std::nullopt.
std::optional<Progress> ParseProgress(const std::string& text, const std::string& separator) {
  const std::string sep = std::regex_replace(separator, std::regex(R"([|.])"), R"(\$&)");
  const std::regex line("([0-9,]+) records?" + sep + "([0-9,]+) pages?" + sep +
                        "([0-9,]+) records/s" + sep + "([0-9]+:[0-9]{2}) elapsed(" + sep +
                        "([0-9]+)%)?");
  std::smatch m;
  if (!std::regex_match(text, m, line)) return std::nullopt;
  Progress progress{Number(m[1]), Number(m[2]), Number(m[3]), m[4], std::nullopt};
  if (m[6].matched) progress.percent = std::stoi(m[6]);
  return progress;
}

std::vector<std::string> Concat(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// A fake server that takes `delay` over every page, so a listing lasts long enough for several
// redraws of the progress line (drawn every 100 ms).
class SlowServer {
 public:
  explicit SlowServer(std::chrono::milliseconds delay) {
    server_.Start();
    FakeFault slow;
    slow.delay = delay;
    server_.InjectFault(FakeSupersimServer::kEveryPage, slow);
  }
  const FakeSupersimServer& Server() const { return server_; }
  // 30 of the 42 sim-by-day records, in 5 pages of 6.
  std::vector<std::string> Args(const std::string& format) const {
    return {"--base-url",    server_.BaseUrl(),
            "--group",       "sim",
            "--granularity", "day",
            "--page-size",   "6",
            "--limit",       "30",
            "--format",      format};
  }

 private:
  FakeSupersimServer server_{cli_test::Pinned()};
};

TEST(CliProgress, TerminalShowsRecordsPagesRateElapsedAndPercentThenErasesIt) {
  SlowServer slow(std::chrono::milliseconds(250));
  TempDir dir;
  PtyOptions pty;
  pty.env = Concat(ServerEnv(slow.Server()), {"LC_ALL=C.UTF-8", "COLUMNS=120"});
  pty.stdout_file = dir.File("out.csv");
  RunResult result = RunCliInPty(slow.Args("csv"), pty);
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  const std::string& terminal = result.out;  // stderr only: stdout went to the file

  EXPECT_EQ(terminal.rfind(kErase, 0), 0u) << terminal;
  ASSERT_GE(terminal.size(), kErase.size());
  EXPECT_EQ(terminal.substr(terminal.size() - kErase.size()), kErase)
      << "the line was not erased at the end";
  EXPECT_EQ(terminal.find('\n'), std::string::npos) << "only the progress line is on stderr";

  std::set<std::string> distinct;
  std::vector<Progress> drawn;
  for (const std::string& segment : Segments(terminal)) {
    if (segment.empty()) continue;
    auto progress = ParseProgress(segment, " " + kDot + " ");
    ASSERT_TRUE(progress) << "not a progress line: " << segment;
    drawn.push_back(*progress);
    distinct.insert(segment);
  }
  EXPECT_GE(distinct.size(), 3u) << terminal;
  for (std::size_t i = 0; i < drawn.size(); ++i) {
    ASSERT_TRUE(drawn[i].percent) << "--limit gives a percentage";
    EXPECT_EQ(*drawn[i].percent, drawn[i].records * 100 / 30);
    if (i > 0) {
      EXPECT_GE(drawn[i].records, drawn[i - 1].records);
    }
  }
  const Progress& last = drawn.back();
  EXPECT_EQ(last.records, 30);
  EXPECT_EQ(last.pages, 5);
  EXPECT_EQ(*last.percent, 100);
  EXPECT_GT(last.rate, 0);
  EXPECT_EQ(drawn.front().records, 0);

  // Every record reached the file, and no progress text did.
  auto expected = SdkListing(v1::ListUsageRecordParams()
                                 .SetGroup(v1::Group::Sim)
                                 .SetGranularity(v1::Granularity::Day)
                                 .SetLimit(30));
  std::string file = ReadFile(dir.File("out.csv"));
  EXPECT_EQ(Lines(file).size(), expected.size() + 1);
  EXPECT_EQ(file.find('\x1b'), std::string::npos);
  EXPECT_EQ(file.find("records/s"), std::string::npos);
}

TEST(CliProgress, RecordsOnTheSameTerminalNeverFollowTheProgressLine) {
  SlowServer slow(std::chrono::milliseconds(250));
  PtyOptions pty;
  pty.env = Concat(ServerEnv(slow.Server()), {"LC_ALL=C.UTF-8", "COLUMNS=200"});
  RunResult terminal = RunCliInPty(slow.Args("table"), pty);
  ASSERT_EQ(terminal.exit_code, 0) << terminal.out << terminal.err;
  // Whatever is not a whole progress line is standard output, and must be exactly it.
  std::string records;
  int progress_lines = 0;
  for (const std::string& segment : Segments(terminal.out)) {
    if (ParseProgress(segment, " " + kDot + " ")) {
      ++progress_lines;
    } else {
      records += segment;
    }
  }
  EXPECT_GE(progress_lines, 2);
  RunResult piped = RunCli(Concat(slow.Args("table"), {"--quiet"}),
                           {Concat(ServerEnv(slow.Server()), {"COLUMNS=200"})});
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(Lines(piped.out).size(), 31u);
  EXPECT_EQ(WithoutCarriageReturns(records), piped.out);
}

TEST(CliProgress, PipedStderrGetsNothingAndStdoutEqualsQuiet) {
  SlowServer slow(std::chrono::milliseconds(150));
  RunResult piped = RunCli(slow.Args("table"), {ServerEnv(slow.Server())});
  RunResult quiet = RunCli(Concat(slow.Args("table"), {"--quiet"}), {ServerEnv(slow.Server())});
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_EQ(piped.err, "");
  EXPECT_EQ(quiet.err, "");
  EXPECT_EQ(piped.out, quiet.out);
  EXPECT_EQ(piped.out.find('\x1b'), std::string::npos);
  EXPECT_EQ(piped.out.find('\r'), std::string::npos);
  EXPECT_EQ(Lines(piped.out).size(), 31u);
}

TEST(CliProgress, QuietDrawsNothingOnATerminal) {
  SlowServer slow(std::chrono::milliseconds(150));
  TempDir dir;
  PtyOptions pty;
  pty.env = Concat(ServerEnv(slow.Server()), {"LC_ALL=C.UTF-8", "COLUMNS=120"});
  pty.stdout_file = dir.File("out.txt");
  RunResult result = RunCliInPty(Concat(slow.Args("csv"), {"--quiet"}), pty);
  ASSERT_EQ(result.exit_code, 0) << result.out;
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(Lines(ReadFile(dir.File("out.txt"))).size(), 31u);
}

TEST(CliProgress, AsciiSeparatorsAndBlankErasureOnADumbTerminal) {
  SlowServer slow(std::chrono::milliseconds(150));
  TempDir dir;
  PtyOptions pty;
  pty.env = Concat(ServerEnv(slow.Server()), {"LC_ALL=C", "COLUMNS=120", "TERM=dumb"});
  pty.stdout_file = dir.File("out.txt");
  RunResult result = RunCliInPty(slow.Args("csv"), pty);
  ASSERT_EQ(result.exit_code, 0) << result.out;
  EXPECT_EQ(result.out.find('\x1b'), std::string::npos) << "no escape sequence for TERM=dumb";
  for (char c : result.out) ASSERT_LT(static_cast<unsigned char>(c), 0x80) << result.out;
  EXPECT_NE(result.out.find(" records | "), std::string::npos) << result.out;
  // It ends on blanks over the line and a return to its start.
  EXPECT_EQ(result.out.back(), '\r');
  EXPECT_EQ(result.out.find_last_not_of(' ', result.out.size() - 2),
            result.out.rfind('\r', result.out.size() - 2));
}

TEST(CliTableTerminal, TerminalWithoutASizeIsEightyColumns) {
  PtyOptions pty;
  pty.env = {"LC_ALL=C.UTF-8"};
  RunResult result = RunCliInPty({"--demo", "--quiet"}, pty);
  ASSERT_EQ(result.exit_code, 0) << result.out;
  auto lines = Lines(WithoutCarriageReturns(result.out));
  ASSERT_EQ(lines.size(), 8u) << result.out;
  std::vector<std::string> header;
  for (const Word& word : Words(lines[0])) header.push_back(word.text);
  EXPECT_EQ(header, (std::vector<std::string>{"period_start", "period_end", "data_total", "billed",
                                              "billed_unit"}));
  for (const std::string& line : lines) EXPECT_LE(line.size(), 80u) << line;
}

// Per-day data_total of the demo's default listing, in time order, from the SDK.
std::vector<std::pair<std::string, int64_t>> DemoDailyTotals() {
  std::map<std::string, int64_t> totals;
  for (const auto& r :
       SdkListing(v1::ListUsageRecordParams().SetGranularity(v1::Granularity::Day))) {
    totals[twilio::FormatRfc3339Utc(*r.period->start_time).substr(0, 10)] += *r.data_total;
  }
  return {totals.begin(), totals.end()};
}

// The bar length the documented rule gives: value / max of `cells` cells, to the nearest
// eighth, halves up.
int64_t ExpectedEighths(int64_t value, int64_t max, int64_t cells) {
  return (value * cells * 8 * 2 + max) / (2 * max);
}

// Columns of a UTF-8 text (every character here is one column wide).
std::size_t Columns(const std::string& text) {
  std::size_t columns = 0;
  for (char c : text) columns += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return columns;
}

TEST(CliChart, Utf8TerminalDrawsProportionalBlockBars) {
  PtyOptions pty;
  pty.env = {"LC_ALL=C.UTF-8", "COLUMNS=72"};
  RunResult result = RunCliInPty({"--demo", "--format", "chart", "--quiet"}, pty);
  ASSERT_EQ(result.exit_code, 0) << result.out;
  auto lines = Lines(WithoutCarriageReturns(result.out));
  auto totals = DemoDailyTotals();
  ASSERT_EQ(totals.size(), 7u);
  ASSERT_EQ(lines.size(), totals.size() + 1) << result.out;
  EXPECT_EQ(lines[0], "data_total per day (UTC)");
  int64_t max = 0;
  for (const auto& [day, total] : totals) max = std::max(max, total);

  // The eighths each block character stands for.
  const std::vector<std::pair<std::string, int>> kBlocks = {
      {"\u2588", 8}, {"\u2589", 7}, {"\u258a", 6}, {"\u258b", 5},
      {"\u258c", 4}, {"\u258d", 3}, {"\u258e", 2}, {"\u258f", 1}};
  int full_width_lines = 0;
  for (std::size_t i = 0; i < totals.size(); ++i) {
    const std::string& line = lines[i + 1];
    EXPECT_EQ(line.substr(0, 10), totals[i].first) << line;
    std::size_t bar_at = line.find("\xe2\x96");
    ASSERT_NE(bar_at, std::string::npos) << line;
    const int64_t cells = 72 - static_cast<int64_t>(Columns(line.substr(0, bar_at)));
    int64_t eighths = 0;
    for (std::size_t at = bar_at; at < line.size(); at += 3) {
      bool known = false;
      for (const auto& [glyph, value] : kBlocks) {
        if (line.compare(at, 3, glyph) == 0) {
          eighths += value;
          known = true;
        }
      }
      ASSERT_TRUE(known) << "not a block character at byte " << at << " of " << line;
    }
    EXPECT_EQ(eighths, ExpectedEighths(totals[i].second, max, cells)) << line;
    if (totals[i].second == max) {
      EXPECT_EQ(Columns(line), 72u) << "the largest bar fills the width: " << line;
      ++full_width_lines;
    } else {
      EXPECT_LT(Columns(line), 72u) << line;
    }
  }
  EXPECT_EQ(full_width_lines, 1);
}

TEST(CliChart, CLocaleDrawsAsciiOnly) {
  PtyOptions pty;
  pty.env = {"LC_ALL=C", "COLUMNS=72"};
  RunResult result = RunCliInPty({"--demo", "--format", "chart"}, pty);
  ASSERT_EQ(result.exit_code, 0) << result.out;
  for (char c : result.out) {
    ASSERT_LT(static_cast<unsigned char>(c), 0x80) << "a byte beyond ASCII in " << result.out;
  }
  // The chart follows the last erasure of the progress line, which used ASCII separators.
  EXPECT_NE(result.out.find(" records | "), std::string::npos) << result.out;
  std::string chart = WithoutCarriageReturns(Segments(result.out).back());
  auto lines = Lines(chart);
  auto totals = DemoDailyTotals();
  ASSERT_EQ(lines.size(), totals.size() + 1) << chart;
  EXPECT_EQ(lines[0], "data_total per day (UTC)");
  int64_t max = 0;
  for (const auto& [day, total] : totals) max = std::max(max, total);
  for (std::size_t i = 0; i < totals.size(); ++i) {
    const std::string& line = lines[i + 1];
    std::size_t bar_at = line.find('#');
    ASSERT_NE(bar_at, std::string::npos) << line;
    EXPECT_EQ(line.find_first_not_of('#', bar_at), std::string::npos) << line;
    const auto cells = static_cast<int64_t>(72 - bar_at);
    const auto hashes = static_cast<int64_t>(line.size() - bar_at);
    EXPECT_EQ(hashes, (ExpectedEighths(totals[i].second, max, cells) + 4) / 8) << line;
    if (totals[i].second == max) {
      EXPECT_EQ(line.size(), 72u) << line;
    }
  }
}

TEST(CliChart, GroupChartHasABarPerValueLargestFirst) {
  RunResult result =
      RunCli({"--demo", "--format", "chart", "--group", "isoCountry"}, {{"COLUMNS=50"}});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  std::map<std::string, int64_t> totals;
  for (const auto& r : SdkListing(v1::ListUsageRecordParams()
                                      .SetGroup(v1::Group::IsoCountry)
                                      .SetGranularity(v1::Granularity::Day))) {
    totals[*r.iso_country] += *r.data_total;
  }
  ASSERT_EQ(totals.size(), 3u);
  auto lines = Lines(result.out);
  ASSERT_EQ(lines.size(), 4u) << result.out;
  EXPECT_EQ(lines[0], "data_total per isoCountry");
  int64_t previous = INT64_MAX;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::string country = lines[i].substr(0, 2);
    ASSERT_EQ(totals.count(country), 1u) << lines[i];
    EXPECT_LE(totals[country], previous) << "largest first";
    previous = totals[country];
    EXPECT_LE(lines[i].size(), 50u);
  }
  RunResult raw =
      RunCli({"--demo", "--format", "chart", "--group", "isoCountry", "--bytes"}, {{"COLUMNS=50"}});
  ASSERT_EQ(raw.exit_code, 0) << raw.err;
  auto raw_lines = Lines(raw.out);
  ASSERT_EQ(raw_lines.size(), 4u);
  EXPECT_EQ(raw_lines[0], "data_total (bytes) per isoCountry");
  for (std::size_t i = 1; i < raw_lines.size(); ++i) {
    auto words = Words(raw_lines[i]);
    ASSERT_GE(words.size(), 2u);
    EXPECT_EQ(words[1].text, std::to_string(totals[words[0].text])) << raw_lines[i];
  }
}

// The issue's note: what a user sees running the demo at a terminal.
TEST(CliDemoTerminal, ShowsTheProgressLineAndTheChart) {
  PtyOptions pty;
  pty.env = {"LC_ALL=C.UTF-8", "COLUMNS=100"};
  RunResult table = RunCliInPty({"--demo"}, pty);
  ASSERT_EQ(table.exit_code, 0) << table.out;
  bool final_counts = false;
  for (const std::string& segment : Segments(table.out)) {
    auto progress = ParseProgress(segment, " " + kDot + " ");
    if (progress && progress->records == 7 && progress->pages == 1) final_counts = true;
  }
  EXPECT_TRUE(final_counts) << table.out;
  EXPECT_NE(table.out.find("period_start"), std::string::npos);

  RunResult chart = RunCliInPty({"--demo", "--format", "chart"}, pty);
  ASSERT_EQ(chart.exit_code, 0) << chart.out;
  EXPECT_NE(chart.out.find("data_total per day (UTC)"), std::string::npos) << chart.out;
  EXPECT_NE(chart.out.find("\u2588"), std::string::npos) << chart.out;
  EXPECT_NE(chart.out.find(" records " + kDot + " "), std::string::npos) << chart.out;
}

}  // namespace
}  // namespace cli_test
