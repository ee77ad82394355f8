#include "side_by_side/contenders.hpp"

#include <strings.h>
#include <sys/stat.h>

#include <cstdio>
#include <cstring>

#include "e2e/curl_config.hpp"
#include "twilio/testing/fake_supersim_server.hpp"

extern char** environ;

namespace twilio::bench {
namespace {

bool Exists(const std::string& path) {
  struct stat info {};
  return stat(path.c_str(), &info) == 0;
}

bool StartsWithNoCase(const char* text, const char* prefix) {
  return strncasecmp(text, prefix, std::strlen(prefix)) == 0;
}

// This environment without the variables that would send a client elsewhere (proxies, Twilio
// edge or region) or authenticate it differently, plus the benchmark's credentials. Every
// contender gets the same.
std::vector<std::string> ChildEnvironment() {
  std::vector<std::string> env;
  for (char** var = environ; *var != nullptr; ++var) {
    const char* name_end = std::strchr(*var, '=');
    const std::string name(*var, name_end ? static_cast<std::size_t>(name_end - *var) : 0);
    const bool proxy =
        name.size() >= 6 && strcasecmp(name.c_str() + name.size() - 6, "_proxy") == 0;
    if (proxy || StartsWithNoCase(*var, "TWILIO_")) continue;
    env.emplace_back(*var);
  }
  const test_support::FakeSupersimServer::Options server;  // bench_page_server's credentials
  env.push_back("TWILIO_ACCOUNT_SID=" + server.username);
  env.push_back("TWILIO_AUTH_TOKEN=" + server.password);
  return env;
}

Command MakeCommand(const ContenderSetup& setup, const std::string& key,
                    std::vector<std::string> argv) {
  Command command;
  command.argv = std::move(argv);
  command.env = ChildEnvironment();
  command.stdout_path = setup.out_dir + "/" + key + ".out";
  command.stderr_path = setup.out_dir + "/" + key + ".err";
  return command;
}

Contender MakeSdk(const ContenderSetup& setup, const std::string& key, const std::string& mode) {
  Contender c;
  c.key = key;
  c.label = "sdk_listing " + mode;
  c.kind = ContenderKind::Sdk;
  c.command =
      MakeCommand(setup, key,
                  {setup.bin_dir + "/sdk_listing", "--base-url", setup.base_url, "--records",
                   std::to_string(setup.expected.records), "--sims", std::to_string(setup.sims),
                   "--page-size", std::to_string(setup.page_size), "--mode", mode});
  const ExpectedListing expected = setup.expected;
  const bool stream = mode == "stream";
  c.check = [expected, stream](const std::string& out) {
    return CheckSdkListing(out, expected, stream);
  };
  return c;
}

Contender MakeCli(const ContenderSetup& setup, const std::string& format,
                  Verdict (*check)(const std::string&, const ExpectedListing&)) {
  Contender c;
  c.key = "cli_" + format;
  c.label = "supersim-usage " + format;
  c.kind = ContenderKind::Cli;
  std::vector<std::string> argv = {setup.bin_dir + "/supersim-usage",
                                   "--base-url",
                                   setup.base_url,
                                   "--group",
                                   "sim",
                                   "--granularity",
                                   "hour",
                                   "--start-time",
                                   setup.start_time,
                                   "--end-time",
                                   setup.end_time,
                                   "--page-size",
                                   std::to_string(setup.page_size),
                                   "--limit",
                                   std::to_string(setup.expected.records),
                                   "--quiet",
                                   "--format",
                                   format};
  // Raw byte counts, so that the table can be read back into the digest (human units round).
  if (format == "table") {
    argv.push_back("--bytes");
    c.label += " --bytes";
  }
  c.command = MakeCommand(setup, c.key, std::move(argv));
  const ExpectedListing expected = setup.expected;
  c.check = [expected, check](const std::string& out) { return check(out, expected); };
  return c;
}

Contender MakeCurl(const ContenderSetup& setup) {
  const std::string config = setup.out_dir + "/curl.config";
  const test_support::FakeSupersimServer::Options server;  // bench_page_server's credentials
  WriteCurlConfig(config, setup.page_urls, server.username, server.password);
  // -q first: no ~/.curlrc.
  Contender c;
  c.key = "curl";
  c.label = "curl (floor)";
  c.kind = ContenderKind::Floor;
  c.command = MakeCommand(setup, c.key, {"curl", "-q", "--config", config});
  const ExpectedListing expected = setup.expected;
  c.check = [expected](const std::string& out) { return CheckCurl(out, expected); };
  return c;
}

Contender MakeNode(const ContenderSetup& setup) {
  Contender c;
  c.key = "node";
  c.label = "twilio-node 6.3.1 each()";
  c.kind = ContenderKind::Node;
  c.command = MakeCommand(
      setup, c.key,
      {"node", setup.node_dir + "/each.js", setup.base_url, std::to_string(setup.expected.records),
       std::to_string(setup.page_size), setup.start_time, setup.end_time});
  const ExpectedListing expected = setup.expected;
  c.check = [expected](const std::string& out) { return CheckNode(out, expected); };
  return c;
}

}  // namespace

std::vector<Contender> MakeContenders(const ContenderSetup& setup) {
  std::vector<Contender> contenders;
  contenders.push_back(MakeCurl(setup));
  contenders.push_back(MakeSdk(setup, "sdk_stream", "stream"));
  contenders.push_back(MakeSdk(setup, "sdk_list", "list"));
  contenders.push_back(MakeCli(setup, "summary", CheckSummary));
  contenders.push_back(MakeCli(setup, "jsonl", CheckJsonl));
  contenders.push_back(MakeCli(setup, "csv", CheckCsv));
  contenders.push_back(MakeCli(setup, "table", CheckTable));
  if (!setup.node_dir.empty()) contenders.push_back(MakeNode(setup));
  return contenders;
}

Contender MakeSdkStream(const ContenderSetup& setup, const std::string& suffix) {
  return MakeSdk(setup, "sdk_stream" + suffix, "stream");
}

std::optional<std::string> NodeUnavailable(const std::string& node_dir) {
  if (node_dir.empty()) return "no --node-dir";
  if (!Exists(node_dir + "/each.js")) return node_dir + "/each.js not found";
  if (!Exists(node_dir + "/node_modules/twilio/package.json")) {
    return "twilio-node not installed in " + node_dir + " (npm ci --prefix " + node_dir + ")";
  }
  std::FILE* version = popen("node --version 2>/dev/null", "r");
  if (version == nullptr) return "cannot run node --version";
  char text[64] = {};
  const bool read = std::fgets(text, sizeof text, version) != nullptr;
  const int status = pclose(version);
  int major = 0;
  if (!read || status != 0 || std::sscanf(text, "v%d", &major) != 1) return "node not found";
  if (major < 20) return "node v" + std::to_string(major) + " is older than v20";
  return std::nullopt;
}

}  // namespace twilio::bench
