// supersim-usage: lists Twilio Super SIM data usage from the command line (see --help).
// main wires the pieces together and turns every failure into one stderr line and an exit code.
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "cli_options.hpp"
#include "client_setup.hpp"
#include "error_report.hpp"
#include "exit_codes.hpp"
#include "help_text.hpp"
#include "output_format.hpp"
#include "stdout_sink.hpp"
#include "stream_listing.hpp"
#include "twilio/supersim/v1/usage_records_api.hpp"

namespace {

using namespace supersim_usage;

std::string EnvOrEmpty(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

// Flushes stdout and maps its state to the exit status: a reader that went away is not an
// error (like `yes | head -1`), any other write failure is.
int FinishOutput(std::ostream& out, const FdSink& sink, int status) {
  out.flush();
  if (sink.Error() == 0 || sink.ReaderGone()) return status;
  std::cerr << "error: cannot write to standard output: " << std::strerror(sink.Error()) << '\n';
  return status == kExitOk ? kExitFailure : status;
}

}  // namespace

int main(int argc, char** argv) {
  // A closed pipe must surface as EPIPE from write(), not kill the process.
  std::signal(SIGPIPE, SIG_IGN);
  FdSink sink(STDOUT_FILENO);
  std::ostream out(&sink);
  // Masked from every diagnostic, whatever the server or a library puts in one.
  std::vector<std::string> secrets = {EnvOrEmpty("TWILIO_AUTH_TOKEN"),
                                      EnvOrEmpty("TWILIO_API_SECRET")};
  try {
    CliOptions options = ParseCommandLine(std::vector<std::string>(argv + 1, argv + argc));
    if (options.help) {
      out << HelpText();
      return FinishOutput(out, sink, kExitOk);
    }
    if (options.version) {
      out << VersionText() << '\n';
      return FinishOutput(out, sink, kExitOk);
    }
    ClientSetup setup = SetUpClient(options);
    secrets.push_back(setup.config.credentials.Password());
    twilio::supersim::v1::UsageRecordsApi api(setup.config);
    auto writer = MakeRecordWriter(options.format, out);
    StreamListing(api, options.params, *writer, out);
    return FinishOutput(out, sink, kExitOk);
  } catch (...) {
    Diagnosis diagnosis = DiagnoseCurrentException();
    // Records already written go out before the error, so the two streams read in order.
    out.flush();
    std::cerr << "error: " << Redact(diagnosis.message, secrets) << '\n';
    return FinishOutput(out, sink, diagnosis.exit_code);
  }
}
