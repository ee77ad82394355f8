// Test driver for the examples: starts a FakeSupersimServer, points the environment's
// credentials at it, runs `EXAMPLE --base-url <server> [ARG...]`, forwards what the example
// printed, and checks the output against listings of its own, made another way where it can
// (per SIM, per country, over the whole range), so that a wrong number fails the test.
//
//   run_with_fake_server [--sims N] [--days N] [--account-sid TEXT] [--fault PAGE:STATUS]
//                        [--check list|stream|pages|csv|csv-removed] [--file PATH]
//                        [--expect-exit N] EXAMPLE [ARG...]
//
// --sims and --days size the data set (6 SIMs over 7 days by default); --account-sid puts text
// that needs CSV quoting into every record; --fault answers every request for a page with an
// error status. The example's stderr passes straight through; its stdout is captured, then
// printed, then the driver prints "[driver] ok: ..." (without a check: the exit status and the
// number of requests the server received) or "[driver] FAIL: ...". The exit status is 0 when
// the example exited with the --expect-exit status (default 0) and the check passed.
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "twilio/decimal.hpp"
#include "twilio/supersim/v1/usage_records_api.hpp"
#include "twilio/testing/fake_supersim_server.hpp"

extern char** environ;

namespace {

namespace v1 = twilio::supersim::v1;
using twilio::Decimal;
using twilio::testing::FakeDataSet;
using twilio::testing::FakeSupersimServer;

struct DriverOptions {
  int sims = 6;
  int days = 7;
  std::optional<std::string> account_sid;
  std::vector<std::pair<int64_t, int>> faults;  // page, status
  std::string check;
  std::string file;
  int expect_exit = 0;
  std::vector<std::string> command;  // the example and its own arguments
};

[[noreturn]] void Usage(const std::string& message) {
  std::cerr << "run_with_fake_server: " << message
            << "\nusage: run_with_fake_server [--sims N] [--days N] [--account-sid TEXT]"
               " [--fault PAGE:STATUS] [--check KIND] [--file PATH] [--expect-exit N]"
               " EXAMPLE [ARG...]\n";
  std::exit(2);
}

int ToInt(const std::string& text, const std::string& option) {
  try {
    std::size_t used = 0;
    const int value = std::stoi(text, &used);
    if (used == text.size()) return value;
  } catch (const std::logic_error&) {
  }
  Usage(option + " needs a number, not '" + text + "'");
}

DriverOptions ParseOptions(int argc, char** argv) {
  DriverOptions options;
  int i = 1;
  for (; i < argc && std::strncmp(argv[i], "--", 2) == 0; i += 2) {
    const std::string name = argv[i];
    if (i + 1 == argc) Usage(name + " needs a value");
    const std::string value = argv[i + 1];
    if (name == "--sims") {
      options.sims = ToInt(value, name);
    } else if (name == "--days") {
      options.days = ToInt(value, name);
    } else if (name == "--account-sid") {
      options.account_sid = value;
    } else if (name == "--fault") {
      const std::size_t colon = value.find(':');
      if (colon == std::string::npos) Usage("--fault needs PAGE:STATUS");
      options.faults.emplace_back(ToInt(value.substr(0, colon), name),
                                  ToInt(value.substr(colon + 1), name));
    } else if (name == "--check") {
      options.check = value;
    } else if (name == "--file") {
      options.file = value;
    } else if (name == "--expect-exit") {
      options.expect_exit = ToInt(value, name);
    } else {
      Usage("unknown option " + name);
    }
  }
  if (i == argc) Usage("no example to run");
  options.command.assign(argv + i, argv + argc);
  return options;
}

// ---- Running the example. ----

struct RunResult {
  int status = 0;  // the exit status, or 128 + the signal that ended the process
  std::string out;
};

// Runs `command` with stdout captured in a temporary file (no pipe to drain while waiting) and
// stderr inherited; SIGPIPE back at its default, which the fake server set to ignored here.
RunResult Run(const std::vector<std::string>& command) {
  FILE* capture = std::tmpfile();
  if (capture == nullptr) throw std::runtime_error("tmpfile: " + std::string(std::strerror(errno)));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fileno(capture), STDOUT_FILENO);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t default_signals;
  sigemptyset(&default_signals);
  sigaddset(&default_signals, SIGPIPE);
  posix_spawnattr_setsigdefault(&attributes, &default_signals);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);

  std::vector<char*> argv;
  for (const std::string& arg : command) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  std::cout.flush();
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, argv[0], &actions, &attributes, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (spawned != 0) {
    std::fclose(capture);
    throw std::runtime_error("cannot run " + command[0] + ": " + std::strerror(spawned));
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw std::runtime_error("waitpid: " + std::string(std::strerror(errno)));
  }

  RunResult result;
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::rewind(capture);
  char buffer[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, capture)) > 0) result.out.append(buffer, n);
  std::fclose(capture);
  return result;
}

// ---- What the checks share. ----

struct CheckFailed : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void Require(bool ok, const std::string& what) {
  if (!ok) throw CheckFailed(what);
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

int64_t ToInt64(const std::string& text) {
  return std::stoll(text);
}

// What a listing adds up to.
struct Sum {
  std::size_t records = 0;
  int64_t bytes = 0;
  Decimal billed;
};

// The data set and a client of the server, for listings of the driver's own.
class Fixture {
 public:
  explicit Fixture(const FakeSupersimServer& server)
      : server_(server), data_(server.GetOptions().data), api_(Config(server)) {}

  const FakeDataSet& Data() const { return data_; }
  const FakeSupersimServer& Server() const { return server_; }

  Sum Total(const v1::ListUsageRecordParams& params) const {
    Sum sum;
    for (const auto& r : api_.StreamUsageRecord(params)) {
      ++sum.records;
      sum.bytes += r.data_total.value_or(0);
      if (r.data_total_billed) sum.billed += *r.data_total_billed;
    }
    return sum;
  }
  std::vector<v1::SupersimV1UsageRecord> List(const v1::ListUsageRecordParams& params) const {
    return api_.ListUsageRecord(params).usage_records;
  }

  // The fake data set's documented layout: SIM i uses network i % networks, and network n
  // sits in country countries[n % countries.size()]; every SIM uses data every hour.
  std::string CountryOfSim(int sim) const {
    return data_.countries[static_cast<std::size_t>(sim % data_.networks) % data_.countries.size()];
  }
  int SimIndex(const std::string& sid) const {
    for (int i = 0; i < data_.sims; ++i) {
      if (FakeSupersimServer::SimSid(i) == sid) return i;
    }
    return -1;
  }
  int64_t Hours() const {
    return std::chrono::duration_cast<std::chrono::hours>(data_.end - data_.start).count();
  }

 private:
  static twilio::ClientConfig Config(const FakeSupersimServer& server) {
    twilio::ClientConfig config;
    config.base_url = server.BaseUrl();
    config.credentials = twilio::Credentials::FromAuthToken(server.GetOptions().username,
                                                            server.GetOptions().password);
    return config;
  }

  const FakeSupersimServer& server_;
  const FakeDataSet& data_;
  const v1::UsageRecordsApi api_;
};

// ---- The checks: each returns what it verified, or throws CheckFailed. ----

// list_with_filters: the rows its arguments select, worked out from the data set's layout
// (which SIMs, which days, in which order, how many), each figure against a listing of that SIM
// and day alone.
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

// stream_with_progress: the totals against one whole-range record of all usage.
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

// page_by_page: page numbers, links and sizes against the data set's shape.
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

// Strict RFC 4180: every record ends in CRLF; a double quote appears only in a quoted field.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::size_t i = 0;
  while (i < text.size()) {
    std::string field;
    if (text[i] == '"') {
      for (++i;; ++i) {
        Require(i < text.size(), "a quoted field does not end");
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            ++i;
          } else {
            break;
          }
        }
        field += text[i];
      }
      ++i;  // the closing quote
    } else {
      for (; i < text.size() && std::strchr(",\r\n", text[i]) == nullptr; ++i) {
        Require(text[i] != '"', "a double quote in an unquoted field");
        field += text[i];
      }
    }
    row.push_back(std::move(field));
    if (i < text.size() && text[i] == ',') {
      ++i;
      Require(i < text.size(), "the text ends after a comma");
      continue;
    }
    Require(text.compare(i, 2, "\r\n") == 0, "a record does not end in CRLF");
    i += 2;
    rows.push_back(std::move(row));
    row.clear();
  }
  return rows;
}

// export_csv: every row, field by field, against the driver's own listing of the same records,
// and the sum of data_total against a whole-range record.
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

// group_by_country: each country against a listing filtered on it, the total against a
// whole-range record, and the decimal points in one column.
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

std::string RunCheck(const DriverOptions& options, const FakeSupersimServer& server,
                     const std::string& out, std::size_t requests) {
  const Fixture fx(server);
  if (options.check == "list") {
    return CheckList(fx, {options.command.begin() + 1, options.command.end()}, out);
  }
  if (options.check == "stream") return CheckStream(fx, out);
  if (options.check == "pages") return CheckPages(fx, out);
  if (options.check == "countries") return CheckCountries(fx, out);
  if (options.check == "csv-removed") return CheckCsvRemoved(options.file);
  if (options.check == "csv") {
    if (options.file.empty()) return CheckCsv(fx, out);
    std::ifstream in(options.file, std::ios::binary);
    Require(in.good(), "cannot read " + options.file);
    return CheckCsv(fx, std::string(std::istreambuf_iterator<char>(in), {}));
  }
  Require(options.check.empty(), "unknown check " + options.check);
  return "exited with status " + std::to_string(options.expect_exit) + " after " +
         std::to_string(requests) + " requests";
}

}  // namespace

int main(int argc, char** argv) {
  const DriverOptions options = ParseOptions(argc, argv);

  FakeSupersimServer::Options server_options;
  server_options.data.sims = options.sims;
  server_options.data.end = server_options.data.start + std::chrono::hours(24 * options.days);
  if (options.account_sid) server_options.data.account_sid = *options.account_sid;
  FakeSupersimServer server(server_options);
  server.Start();
  for (const auto& [page, status] : options.faults) {
    twilio::testing::FakeFault fault;
    fault.status = status;
    server.InjectFault(page, fault);
  }

  // The example reads its credentials as it would at Twilio; nothing else may redirect it.
  setenv("TWILIO_ACCOUNT_SID", server.GetOptions().username.c_str(), 1);
  setenv("TWILIO_AUTH_TOKEN", server.GetOptions().password.c_str(), 1);
  for (const char* name : {"TWILIO_API_KEY", "TWILIO_API_SECRET", "TWILIO_EDGE", "TWILIO_REGION"}) {
    unsetenv(name);
  }

  // A stale file must not pass for the example's output, and a failed export must remove
  // whatever is there.
  if (!options.file.empty()) {
    std::remove(options.file.c_str());
    if (options.check == "csv-removed") std::ofstream(options.file) << "stale\r\n";
  }

  std::vector<std::string> command = {options.command[0], "--base-url", server.BaseUrl()};
  command.insert(command.end(), options.command.begin() + 1, options.command.end());
  RunResult result;
  try {
    result = Run(command);
  } catch (const std::exception& e) {
    std::cout << "[driver] FAIL: " << e.what() << std::endl;
    return 1;
  }
  const std::size_t requests = server.RequestCount();  // before the checks add their own
  std::cout << result.out;
  if (result.status != options.expect_exit) {
    std::cout << "[driver] FAIL: " << options.command[0] << " exited with status " << result.status
              << ", expected " << options.expect_exit << std::endl;
    return result.status != 0 ? result.status : 1;
  }
  try {
    const std::string verified = RunCheck(options, server, result.out, requests);
    std::cout << "[driver] ok: " << verified << std::endl;
  } catch (const std::exception& e) {  // CheckFailed, or a listing of the driver's own failing
    std::cout << "[driver] FAIL: " << options.check << " check: " << e.what() << std::endl;
    return 1;
  }
  return 0;
}
