// supersim-usage's command line, diagnostics and exit codes, driving the built binary.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "run_process.hpp"
#include "twilio/http/curl_http_client.hpp"
#include "twilio/version.hpp"

namespace cli_test {
namespace {

using twilio::test_support::FakeFault;
using twilio::test_support::FakeSupersimServer;
namespace v1 = twilio::supersim::v1;

// A port on 127.0.0.1 that nothing listens on: bound, then released.
int ClosedPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  EXPECT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), length), 0);
  EXPECT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  close(fd);
  return ntohs(address.sin_port);
}

void ExpectOneErrorLine(const RunResult& result) {
  ASSERT_EQ(Lines(result.err).size(), 1u) << result.err;
  EXPECT_EQ(result.err.rfind("error: ", 0), 0u) << result.err;
  EXPECT_EQ(result.err.back(), '\n');
}

// --help fits one screen (40 lines of at most 80 columns) and names every flag with its value,
// the formats, each exit status and where the long form is; the rest is the man page's
// (CliDocs.ManPageAndMarkdownKeepWhatTheHelpLeftOut).
TEST(CliHelp, FitsOneScreenAndNamesEveryFlagFormatAndExitStatus) {
  RunResult result = RunCli({"--help"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.err, "");
  const auto lines = Lines(result.out);
  EXPECT_LE(lines.size(), 40u);
  for (const std::string& line : lines) EXPECT_LE(line.size(), 80u) << line;
  for (const char* word : {"--sim S",
                           "--fleet F",
                           "--network N",
                           "--iso-country C",
                           "--group G",
                           "--granularity G",
                           "--start-time T",
                           "--end-time T",
                           "--page-size N",
                           "--limit N",
                           "--parallel N",
                           "--format F",
                           "--output FILE",
                           "--bytes",
                           "--quiet",
                           "--base-url URL",
                           "--demo",
                           "-h, --help",
                           "--version",
                           "table | csv | jsonl | summary | chart",
                           "sim | fleet | network | isoCountry",
                           "hour | day | all",
                           "0 ok",
                           "1 output",
                           "2 usage error",
                           "3 API error",
                           "4 transport error",
                           "5 unusable response",
                           "130 interrupted",
                           "TWILIO_ACCOUNT_SID",
                           "TWILIO_AUTH_TOKEN",
                           "man supersim-usage",
                           "Examples:",
                           "default: table",
                           "default: 50"}) {
    EXPECT_NE(result.out.find(word), std::string::npos) << "--help does not mention " << word;
  }
}

// As the flag is spelt --iso-country, its value may be too; case does not matter.
TEST(CliGroup, ValuesAreReadInAnyCaseWithTheFlagsSpellings) {
  const RunResult reference =
      RunCli({"--demo", "--group", "isoCountry", "--granularity", "day", "--format", "csv"});
  ASSERT_EQ(reference.exit_code, 0) << reference.err;
  for (const char* spelling :
       {"isocountry", "ISOCOUNTRY", "iso-country", "iso_country", "IsoCountry"}) {
    RunResult result =
        RunCli({"--demo", "--group", spelling, "--granularity", "DAY", "--format", "csv"});
    EXPECT_EQ(result.exit_code, 0) << spelling << ": " << result.err;
    EXPECT_EQ(result.out, reference.out) << spelling;
  }
  RunResult sim = RunCli(
      {"--demo", "--group", "Sim", "--granularity", "Hour", "--limit", "3", "--format", "jsonl"});
  EXPECT_EQ(sim.exit_code, 0) << sim.err;
  EXPECT_EQ(Lines(sim.out).size(), 3u);
}

TEST(CliHelp, ShortFlagPrintsTheSameHelp) {
  RunResult help = RunCli({"--help"});
  RunResult h = RunCli({"-h"});
  EXPECT_EQ(h.exit_code, 0);
  EXPECT_EQ(h.out, help.out);
  EXPECT_GT(h.out.size(), 1000u);  // the help, not an error line
}

// The SDK's emulator endpoint reaches the command too: the same listing as with --base-url,
// which still wins over it.
TEST(CliBaseUrl, TwilioSupersimBaseUrlPointsTheCommandAtAServer) {
  FakeSupersimServer server(cli_test::Pinned());
  server.Start();
  std::vector<std::string> env = ServerEnv(server);
  env.push_back("TWILIO_SUPERSIM_BASE_URL=" + server.BaseUrl());
  const RunResult from_env = RunCli({"--format", "summary"}, {env});
  const RunResult from_flag =
      RunCli({"--base-url", server.BaseUrl(), "--format", "summary"}, {ServerEnv(server)});
  ASSERT_EQ(from_env.exit_code, 0) << from_env.err;
  EXPECT_EQ(from_env.out, from_flag.out);
  EXPECT_EQ(server.RequestCount(), 2u);

  env.back() = "TWILIO_SUPERSIM_BASE_URL=http://example.com";  // refused before any request
  const RunResult overridden =
      RunCli({"--base-url", server.BaseUrl(), "--format", "summary"}, {env});
  EXPECT_EQ(overridden.exit_code, 0) << overridden.err;
  const RunResult refused = RunCli({"--format", "summary"}, {env});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("base_url"), std::string::npos) << refused.err;
  EXPECT_EQ(server.RequestCount(), 3u);
}

// The SDK's events, one line each on stderr: the whole conversation with the (demo) server.
void ExpectConversation(const std::string& err) {
  for (const char* part : {" debug listing=", " request attempt=1 GET http://127.0.0.1:",
                           " response attempt=1 status=200 request_id=RQ", " page records=7 ",
                           " info listing=", " finished records=7 pages=1 requests=1 retries=0"}) {
    EXPECT_NE(err.find(part), std::string::npos) << part << " is not in:\n" << err;
  }
}

TEST(CliVerbose, LogsEveryRequestResponseAndPageOnStderr) {
  const RunResult quiet = RunCli({"--demo", "--format", "summary"});
  for (const char* flag : {"-v", "--verbose"}) {
    const RunResult verbose = RunCli({"--demo", "--format", "summary", flag});
    ASSERT_EQ(verbose.exit_code, 0) << verbose.err;
    EXPECT_EQ(verbose.out, quiet.out);  // the records are untouched
    ExpectConversation(verbose.err);
  }
  EXPECT_EQ(quiet.err, "");
}

TEST(CliVerbose, TwilioLogLevelDebugShowsTheSameConversation) {
  const RunResult result = RunCli({"--demo", "--format", "summary"}, {{"TWILIO_LOG_LEVEL=debug"}});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  ExpectConversation(result.err);
  const RunResult info = RunCli({"--demo", "--format", "summary"}, {{"TWILIO_LOG_LEVEL=info"}});
  EXPECT_EQ(info.err.find(" debug "), std::string::npos) << info.err;
  EXPECT_NE(info.err.find(" info listing="), std::string::npos) << info.err;
}

// A retry is a warning with its reason and wait, and the end counts it.
TEST(CliVerbose, ARetriedPageIsLoggedWithItsReason) {
  FakeSupersimServer server(cli_test::Pinned());
  server.Start();
  FakeFault unavailable;
  unavailable.status = 503;
  unavailable.times = 1;
  unavailable.retry_after = "0";
  server.InjectFault(0, unavailable);
  const RunResult result =
      RunCli({"--base-url", server.BaseUrl(), "--format", "summary", "-v"}, {ServerEnv(server)});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find(" warning listing="), std::string::npos) << result.err;
  EXPECT_NE(result.err.find(" retry attempt=1 delay_ms=0 retry_after=yes reason=\"Twilio API "
                            "error: HTTP 503"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("request_id=" + server.Requests().at(0).request_id), std::string::npos);
  EXPECT_NE(result.err.find(" retries=1 "), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find(server.GetOptions().password), std::string::npos);
}

TEST(CliVersion, PrintsSdkAndLibcurlVersions) {
  RunResult result = RunCli({"--version"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(result.out, std::string("supersim-usage ") + twilio::kVersion + " (twilio-supersim " +
                            twilio::Version() + ", libcurl " + twilio::http::CurlVersion() + ")\n");
}

struct UsageCase {
  std::vector<std::string> args;
  /// Must appear in the one stderr line.
  std::string names;
};

void PrintTo(const UsageCase& c, std::ostream* os) {
  for (const std::string& arg : c.args) *os << arg << ' ';
}

// "3_group_planet": the case's index and its arguments' letters and digits.
std::string CaseName(const ::testing::TestParamInfo<UsageCase>& info) {
  std::string name = std::to_string(info.index);
  for (const std::string& arg : info.param.args) {
    name += '_';
    for (char c : arg) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) name += c;
    }
  }
  return name;
}

class CliUsageError : public ::testing::TestWithParam<UsageCase> {};

TEST_P(CliUsageError, ExitsTwoWithOneLineNamingTheFlag) {
  RunResult result = RunCli(GetParam().args);
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_EQ(result.out, "");
  ExpectOneErrorLine(result);
  EXPECT_NE(result.err.find(GetParam().names), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("see --help"), std::string::npos) << result.err;
}

INSTANTIATE_TEST_SUITE_P(
    Arguments, CliUsageError,
    ::testing::Values(
        UsageCase{{"--bogus"}, "--bogus: unknown option"},
        UsageCase{{"--demo", "-x"}, "-x: unknown option"},
        UsageCase{{"positional"}, "\"positional\": unexpected argument"},
        UsageCase{{"--sim"}, "--sim: missing value"},
        UsageCase{{"--fleet", "--demo"}, "--fleet: missing value"},
        UsageCase{{"--demo=yes"}, "--demo: takes no value"},
        UsageCase{{"--sim", "a", "--sim=b"}, "--sim: given more than once"},
        UsageCase{{"--group", "planet"}, "--group: invalid value \"planet\""},
        UsageCase{{"--group", "iso country"}, "--group: invalid value \"iso country\""},
        UsageCase{{"--granularity", "week"}, "--granularity: invalid value \"week\""},
        UsageCase{{"--format", "xml"}, "--format: invalid value \"xml\""},
        UsageCase{{"--page-size", "12x"}, "--page-size: not a whole number: \"12x\""},
        UsageCase{{"--page-size", " 12"}, "--page-size: not a whole number"},
        UsageCase{{"--page-size", "+12"}, "--page-size: not a whole number"},
        UsageCase{{"--page-size="}, "--page-size: not a whole number: \"\""},
        UsageCase{{"--page-size", "2147483648"}, "--page-size: out of range"},
        UsageCase{{"--limit", "9223372036854775808"}, "--limit: out of range"},
        UsageCase{{"--limit", "1e3"}, "--limit: not a whole number"},
        UsageCase{{"--parallel", "0"}, "--parallel: out of range: \"0\""},
        UsageCase{{"--parallel", "33"}, "--parallel: out of range: \"33\""},
        UsageCase{{"--start-time", "2026-1-1"}, "--start-time: not a time: \"2026-1-1\""},
        UsageCase{{"--start-time", "2026-01-01T00:00:00"}, "--start-time: not an RFC 3339"},
        UsageCase{{"--end-time", "2026-02-30T00:00:00Z"}, "--end-time:"},
        UsageCase{{"--end-time", "2026-02-30"}, "--end-time: not a calendar date: \"2026-02-30\""},
        UsageCase{{"--end-time", "yesterday"}, "--end-time: not a time: \"yesterday\""},
        UsageCase{{"--start-time", "-7x"}, "--start-time: not a relative time: \"-7x\""},
        UsageCase{{"--start-time", "-d"}, "--start-time: not a relative time"},
        UsageCase{{"--start-time", "-+7d"}, "--start-time: not a relative time"},
        UsageCase{{"--start-time", "-99999999999999999999w"}, "--start-time: too far in the past"},
        UsageCase{{"--start-time", "2026-01-05", "--end-time", "2026-01-01T00:00:00Z"},
                  "--start-time: 2026-01-05T00:00:00Z is after --end-time 2026-01-01T00:00:00Z"},
        UsageCase{{"--start-time", "-1h", "--end-time", "-2h"}, "is after --end-time"},
        UsageCase{{"--output="}, "--output: needs a file name"},
        UsageCase{{"--output"}, "--output: missing value"},
        UsageCase{{"--quiet=yes"}, "--quiet: takes no value"},
        UsageCase{{"--bytes", "--bytes"}, "--bytes: given more than once"},
        UsageCase{{"--format", "bars"}, "(expected table, csv, jsonl, summary or chart)"},
        UsageCase{{"--demo", "--base-url", "http://127.0.0.1:1"}, "--base-url: cannot be"},
        // Rejected by the SDK's ValidationException, named by parameter and flag.
        UsageCase{{"--demo", "--page-size", "5000"}, "invalid PageSize (--page-size)"},
        UsageCase{{"--demo", "--page-size", "0"}, "invalid PageSize"},
        UsageCase{{"--demo", "--limit", "0"}, "invalid Limit (--limit)"},
        UsageCase{{"--demo", "--network", "HW12"}, "invalid Network (--network)"},
        UsageCase{{"--demo", "--iso-country", "FRA"}, "invalid IsoCountry (--iso-country)"},
        UsageCase{{"--demo", "--sim="}, "invalid Sim (--sim)"},
        UsageCase{{"--demo", "--start-time", "2026-01-02T00:00:00Z", "--end-time",
                   "2026-01-02T01:00:00+01:00"},
                  "invalid StartTime (--start-time)"}),
    CaseName);

TEST(CliCredentials, MissingAccountSidIsAUsageErrorNamingIt) {
  RunResult result = RunCli({}, {{"TWILIO_AUTH_TOKEN=token-value"}});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  ExpectOneErrorLine(result);
  EXPECT_NE(result.err.find("TWILIO_ACCOUNT_SID"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("token-value"), std::string::npos);
}

TEST(CliCredentials, MissingAuthTokenIsAUsageErrorNamingIt) {
  RunResult result = RunCli({}, {{"TWILIO_ACCOUNT_SID=AC00000000000000000000000000000000"}});
  EXPECT_EQ(result.exit_code, 2);
  ExpectOneErrorLine(result);
  EXPECT_NE(result.err.find("TWILIO_AUTH_TOKEN"), std::string::npos) << result.err;
}

TEST(CliCredentials, ApiKeyWithoutSecretNamesTheSecret) {
  RunResult result = RunCli({}, {{"TWILIO_ACCOUNT_SID=AC00000000000000000000000000000000",
                                  "TWILIO_API_KEY=SK00000000000000000000000000000000"}});
  EXPECT_EQ(result.exit_code, 2);
  ExpectOneErrorLine(result);
  EXPECT_NE(result.err.find("TWILIO_API_SECRET"), std::string::npos) << result.err;
}

TEST(CliCredentials, DemoIgnoresTheEnvironment) {
  RunResult result = RunCli({"--demo", "--format", "summary"},
                            {{"TWILIO_ACCOUNT_SID=ACffffffffffffffffffffffffffffffff",
                              "TWILIO_AUTH_TOKEN=wrong", "TWILIO_EDGE=bad/edge"}});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out.rfind("records=7 ", 0), 0u) << result.out;
}

// A proxy in the environment (a developer laptop, a CI runner) does not reach the local demo
// server, however it is spelt.
// The demo's data ends at the current hour, so a relative time finds it, as it would at Twilio.
TEST(CliDemo, RelativeTimesFindTheDemoData) {
  RunResult result = RunCli({"--demo", "--start-time", "-7d", "--format", "summary"},
                            {{"SUPERSIM_USAGE_NOW="}});  // the real clock
  ASSERT_EQ(result.exit_code, 0) << result.err;
  // One record per UTC day the last 7 days touch (the demo's granularity): 7, or 8 when now is
  // not midnight.
  EXPECT_TRUE(result.out.rfind("records=7 ", 0) == 0 || result.out.rfind("records=8 ", 0) == 0)
      << result.out;
  result = RunCli({"--demo", "--start-time", "-2d", "--end-time", "-1d", "--granularity", "hour",
                   "--format", "summary"},
                  {{"SUPERSIM_USAGE_NOW="}});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out.rfind("records=24 ", 0), 0u) << result.out;
}

TEST(CliProxy, AProxyInTheEnvironmentDoesNotBreakTheDemo) {
  for (const char* variable : {"http_proxy", "ALL_PROXY", "all_proxy", "HTTPS_PROXY"}) {
    RunResult result = RunCli({"--demo", "--format", "summary"},
                              {{std::string(variable) + "=http://127.0.0.1:1"}});
    EXPECT_EQ(result.exit_code, 0) << variable << ": " << result.err;
    EXPECT_EQ(result.out.rfind("records=7 ", 0), 0u) << result.out;
  }
}

TEST(CliCredentials, BadEdgeVariableIsAUsageError) {
  RunResult result = RunCli({}, {{"TWILIO_ACCOUNT_SID=AC00000000000000000000000000000000",
                                  "TWILIO_AUTH_TOKEN=t", "TWILIO_EDGE=a/b"}});
  EXPECT_EQ(result.exit_code, 2);
  ExpectOneErrorLine(result);
  EXPECT_NE(result.err.find("TWILIO_EDGE"), std::string::npos) << result.err;
}

TEST(CliBaseUrl, PlainHttpToAnotherHostIsRefusedBeforeSending) {
  RunResult result =
      RunCli({"--base-url", "http://example.com"},
             {{"TWILIO_ACCOUNT_SID=AC00000000000000000000000000000000", "TWILIO_AUTH_TOKEN=t"}});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  ExpectOneErrorLine(result);
  EXPECT_NE(result.err.find("invalid base_url (--base-url)"), std::string::npos) << result.err;
}

TEST(CliValidation, NothingIsSentForAParameterTheSdkRejects) {
  FakeSupersimServer server(cli_test::Pinned());
  server.Start();
  RunResult result =
      RunCli({"--base-url", server.BaseUrl(), "--page-size", "5000"}, {ServerEnv(server)});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("PageSize"), std::string::npos) << result.err;
  EXPECT_EQ(server.RequestCount(), 0u);
}

TEST(CliTransport, ClosedPortExitsFour) {
  RunResult result =
      RunCli({"--base-url", "http://127.0.0.1:" + std::to_string(ClosedPort())},
             {{"TWILIO_ACCOUNT_SID=AC00000000000000000000000000000000", "TWILIO_AUTH_TOKEN=t"}});
  EXPECT_EQ(result.exit_code, 4) << result.err;
  EXPECT_EQ(result.out, "");
  ExpectOneErrorLine(result);
  EXPECT_EQ(result.err.rfind("error: transport error: ", 0), 0u) << result.err;
}

TEST(CliTransport, DroppedConnectionExitsFour) {
  FakeSupersimServer server(cli_test::Pinned());
  server.Start();
  FakeFault fault;
  fault.drop_connection = true;
  server.InjectFault(0, fault);
  RunResult result = RunCli({"--base-url", server.BaseUrl()}, {ServerEnv(server)});
  EXPECT_EQ(result.exit_code, 4) << result.err;
  EXPECT_EQ(result.out, "");
}

class CliApiError : public ::testing::Test {
 protected:
  void SetUp() override { server_.Start(); }
  FakeSupersimServer server_{cli_test::Pinned()};
  // Known text that must never be echoed.
  const std::string secret_ = "s3cr3t-Tok3n-9f8e7d6c5b4a";
};

TEST_F(CliApiError, WrongAuthTokenExitsThreeWithTwilioCodeAndNoSecret) {
  RunResult result = RunCli(
      {"--base-url", server_.BaseUrl()},
      {{"TWILIO_ACCOUNT_SID=" + server_.GetOptions().username, "TWILIO_AUTH_TOKEN=" + secret_}});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.out, "");
  // The request id, what Twilio support asks for, is the one the server answered with.
  ASSERT_EQ(server_.Requests().size(), 1u);
  EXPECT_EQ(result.err,
            "error: Twilio API error 401 (code 20003): Authenticate (more info: "
            "https://www.twilio.com/docs/errors/20003) (request " +
                server_.Requests()[0].request_id + ")\n");
  EXPECT_EQ(result.All().find(secret_), std::string::npos);
  ASSERT_EQ(server_.RequestCount(), 1u);  // the secret really was sent, and refused
}

TEST_F(CliApiError, WrongApiSecretExitsThreeAndNeverPrintsIt) {
  for (const char* format : {"table", "csv", "jsonl", "summary"}) {
    RunResult result = RunCli(
        {"--base-url", server_.BaseUrl(), "--format", format},
        {{"TWILIO_ACCOUNT_SID=" + server_.GetOptions().username,
          "TWILIO_API_KEY=SK00000000000000000000000000000001", "TWILIO_API_SECRET=" + secret_}});
    EXPECT_EQ(result.exit_code, 3) << format;
    EXPECT_NE(result.err.find("(code 20003)"), std::string::npos) << result.err;
    EXPECT_EQ(result.All().find(secret_), std::string::npos) << format;
  }
}

TEST_F(CliApiError, SecretEchoedByTheServerIsRedacted) {
  FakeFault fault;
  fault.status = 400;
  fault.body = R"({"code":20001,"message":"token )" + secret_ +
               R"( is not valid","more_info":"https://example.com/)" + secret_ +
               R"(","status":400})";
  server_.InjectFault(0, fault);
  RunResult result = RunCli(
      {"--base-url", server_.BaseUrl()},
      {{"TWILIO_ACCOUNT_SID=" + server_.GetOptions().username, "TWILIO_AUTH_TOKEN=" + secret_}});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.err,
            "error: Twilio API error 400 (code 20001): token [redacted] is not valid (more info: "
            "https://example.com/[redacted]) (request " +
                server_.Requests().at(0).request_id + ")\n");
}

TEST_F(CliApiError, ErrorOnALaterPageKeepsTheRecordsBeforeIt) {
  FakeFault fault;
  fault.status = 400;
  server_.InjectFault(1, fault);
  RunResult result = RunCli({"--base-url", server_.BaseUrl(), "--group", "sim", "--granularity",
                             "day", "--page-size", "5", "--format", "jsonl"},
                            {ServerEnv(server_)});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(Lines(result.out).size(), 5u);
  ExpectOneErrorLine(result);
  EXPECT_EQ(result.err.rfind("error: Twilio API error 400 (code ", 0), 0u) << result.err;
}

TEST(CliBadResponse, BodyThatIsNotJsonExitsFive) {
  FakeSupersimServer server(cli_test::Pinned());
  server.Start();
  FakeFault fault;
  fault.body = "<html>maintenance</html>";
  server.InjectFault(0, fault);
  RunResult result =
      RunCli({"--base-url", server.BaseUrl(), "--format", "csv"}, {ServerEnv(server)});
  EXPECT_EQ(result.exit_code, 5) << result.err;
  EXPECT_EQ(result.out, "");  // not even the CSV header
  ExpectOneErrorLine(result);
  EXPECT_EQ(result.err.rfind("error: unusable response from the API: ", 0), 0u) << result.err;
}

TEST(CliBadResponse, NextPageOnAnotherHostExitsFiveAfterThePage) {
  FakeSupersimServer server(cli_test::Pinned());
  server.Start();
  FakeFault fault;
  fault.next_page_url = "https://evil.example.com/v1/UsageRecords?Page=1";
  server.InjectFault(0, fault);
  RunResult result = RunCli(
      {"--base-url", server.BaseUrl(), "--group", "sim", "--page-size", "4", "--format", "jsonl"},
      {ServerEnv(server)});
  EXPECT_EQ(result.exit_code, 5) << result.err;
  EXPECT_EQ(Lines(result.out).size(), 4u);
  ExpectOneErrorLine(result);
  EXPECT_EQ(result.err.rfind("error: cannot continue paging: ", 0), 0u) << result.err;
  EXPECT_EQ(server.RequestCount(), 1u);
}

TEST(CliEnvironment, ListsFromTheBaseUrlWithEnvironmentCredentials) {
  FakeSupersimServer server(cli_test::Pinned());
  server.Start();
  RunResult result = RunCli({"--base-url", server.BaseUrl(), "--group", "fleet", "--granularity",
                             "day", "--format", "jsonl", "--page-size", "3"},
                            {ServerEnv(server)});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  auto expected = SdkListing(v1::ListUsageRecordParams()
                                 .SetGroup(v1::Group::Fleet)
                                 .SetGranularity(v1::Granularity::Day)
                                 .SetPageSize(3));
  ASSERT_EQ(expected.size(), 14u);
  auto lines = Lines(result.out);
  ASSERT_EQ(lines.size(), expected.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(nlohmann::json::parse(lines[i]), nlohmann::json(expected[i])) << i;
  }
  // --page-size reached the wire, and every page was asked for.
  ASSERT_EQ(server.RequestCount(), 5u);
  EXPECT_EQ(server.Requests().front().Param("PageSize"), "3");
}

}  // namespace
}  // namespace cli_test
