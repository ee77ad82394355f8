// The ctest driver of the programs in examples/ (registered in tests/examples/CMakeLists.txt):
// starts a FakeSupersimServer, points the environment's credentials at it, runs
// `EXAMPLE --base-url <server> [ARG...]`, forwards what the example printed, and checks the
// output against listings of its own, made another way where it can (per SIM, per country, over
// the whole range), so that a wrong number fails the test.
//
//   run_with_fake_server [--sims N] [--days N] [--account-sid TEXT] [--fault PAGE:STATUS]
//                        [--check list|stream|pages|csv|csv-removed|countries] [--file PATH]
//                        [--expect-exit N] EXAMPLE [ARG...]
//
// --sims and --days size the data set (6 SIMs over 7 days by default); --account-sid puts text
// that needs CSV quoting into every record; --fault answers every request for a page with an
// error status. The example's stderr passes straight through; its stdout is captured, then
// printed, then the driver prints "[driver] ok: ..." (without a check: the exit status and the
// number of requests the server received) or "[driver] FAIL: ...". The exit status is 0 when
// the example exited with the --expect-exit status (default 0) and the check passed.
//
// Here: the command line and what to check. driver_options: parsing it; example_process:
// running the example; example_fixture: the server's data and the driver's own listings;
// example_checks: a check per example; strict_csv: the RFC 4180 reader of the CSV check.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "check_failed.hpp"
#include "driver_options.hpp"
#include "example_checks.hpp"
#include "example_fixture.hpp"
#include "example_process.hpp"
#include "twilio/testing/fake_supersim_server.hpp"

namespace {

using example_driver::CheckCountries;
using example_driver::CheckCsv;
using example_driver::CheckCsvRemoved;
using example_driver::CheckList;
using example_driver::CheckPages;
using example_driver::CheckStream;
using example_driver::DriverOptions;
using example_driver::Fixture;
using example_driver::Require;
using twilio::test_support::FakeSupersimServer;

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
  const DriverOptions options = example_driver::ParseOptions(argc, argv);

  FakeSupersimServer::Options server_options;
  server_options.data.sims = options.sims;
  server_options.data.end = server_options.data.start + std::chrono::hours(24 * options.days);
  if (options.account_sid) server_options.data.account_sid = *options.account_sid;
  // "Now" is the end of the data: an example listing without times (Twilio's defaults, the
  // month before now) covers it.
  server_options.clock = FakeSupersimServer::FixedClock(server_options.data.end);
  FakeSupersimServer server(server_options);
  server.Start();
  for (const auto& [page, status] : options.faults) {
    twilio::test_support::FakeFault fault;
    fault.status = status;
    server.InjectFault(page, fault);
  }

  // The example reads its credentials as it would at Twilio; nothing else may redirect it.
  setenv("TWILIO_ACCOUNT_SID", server.GetOptions().username.c_str(), 1);
  setenv("TWILIO_AUTH_TOKEN", server.GetOptions().password.c_str(), 1);
  for (const char* name : {"TWILIO_API_KEY", "TWILIO_API_SECRET", "TWILIO_EDGE", "TWILIO_REGION",
                           "TWILIO_SUPERSIM_BASE_URL"}) {
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
  example_driver::RunResult result;
  try {
    result = example_driver::RunExample(command);
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
