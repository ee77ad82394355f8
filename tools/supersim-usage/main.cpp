// supersim-usage: lists Twilio Super SIM data usage from the command line (see --help).
// main wires the pieces together and turns every failure into one stderr line and an exit code.
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <clocale>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "atomic_output_file.hpp"
#include "cli_options.hpp"
#include "client_setup.hpp"
#include "error_report.hpp"
#include "exit_codes.hpp"
#include "help_text.hpp"
#include "output_format.hpp"
#include "progress_meter.hpp"
#include "signal_watcher.hpp"
#include "stdout_sink.hpp"
#include "stream_listing.hpp"
#include "table_layout.hpp"
#include "terminal.hpp"
#include "time_argument.hpp"
#include "twilio/call_context.hpp"
#include "twilio/supersim/v1/usage_records_api.hpp"
#include "verbose_log.hpp"

namespace {

using namespace supersim_usage;

std::string EnvOrEmpty(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

// Read while only this thread exists: umask() can only be read by setting it.
mode_t CurrentUmask() {
  mode_t mask = umask(0);
  umask(mask);
  return mask;
}

// Flushes stdout and maps its state to the exit status: a reader that went away is not an
// error (like `yes | head -1`), any other write failure is.
int FinishOutput(std::ostream& out, FdSink& sink, int status) {
  out.flush();
  if (sink.Finish() == 0 || sink.ReaderGone()) return status;
  std::cerr << "error: cannot write to standard output: " << std::strerror(sink.Error()) << '\n';
  return status == kExitOk ? kExitFailure : status;
}

WriterSettings SettingsFor(const CliOptions& options) {
  WriterSettings settings;
  // A file is sized like a redirected stdout, so that `--output F` and `> F` agree.
  settings.width = options.output ? ChooseOutputWidth(std::getenv("COLUMNS"), false, 0)
                                  : OutputWidth(STDOUT_FILENO);
  settings.utf8 = LocaleIsUtf8();
  settings.raw_bytes = options.raw_bytes;
  settings.group = options.params.Group;
  settings.granularity = options.params.Granularity;
  settings.table_columns = ColumnsWithValues(options.params);
  return settings;
}

void StartProgress(ProgressMeter& progress, const CliOptions& options) {
  ProgressMeter::Settings settings;
  settings.limit = options.params.Limit;
  settings.utf8 = LocaleIsUtf8();
  settings.erase_with_escape = TerminalCanEraseLine();
  progress.Start(settings);
}

struct Listing {
  const twilio::supersim::v1::UsageRecordsApi& api;
  const CliOptions& options;
  const twilio::CallContext& ctx;
  WriterSettings settings;
  ListingObserver* observer;
};

int64_t ListTo(std::ostream& out, const Listing& listing) {
  auto writer = MakeRecordWriter(listing.options.format, out, listing.settings);
  return StreamListing(listing.api, listing.options.params, listing.options.listing, listing.ctx,
                       *writer, out, listing.observer);
}

// --output: the listing into a temporary file, renamed over the target only when complete.
int64_t ListToFile(const Listing& listing, mode_t umask, TempFileRegistry& temp_files) {
  const std::string& path = *listing.options.output;
  AtomicOutputFile file(path, umask, temp_files);
  int64_t records = 0;
  {
    FdSink sink(file.Fd());
    std::ostream out(&sink);
    records = ListTo(out, listing);
    out.flush();
    if (sink.Finish() != 0) {
      throw OutputFileError("--output: cannot write " + file.TempPath() + " (for " + path +
                            "): " + std::strerror(sink.Error()));
    }
  }
  listing.ctx.ThrowIfDone();  // interrupted after the last record: still no file
  file.Commit();
  return records;
}

}  // namespace

int main(int argc, char** argv) {
  // Before any thread exists, so that every thread inherits the mask and only the watcher
  // sees these signals.
  BlockTerminationSignals();
  // A closed pipe must surface as EPIPE from write(), not kill the process.
  std::signal(SIGPIPE, SIG_IGN);
  // The character set only (for the chart's blocks): numbers stay in the C locale's format.
  std::setlocale(LC_CTYPE, "");
  // One reading of the clock for every relative time argument (and the demo's data).
  twilio::TimePoint now = std::chrono::system_clock::now();
  const mode_t file_umask = CurrentUmask();

  twilio::CancellationToken cancellation;
  std::atomic<int> interrupted_by{0};
  TempFileRegistry temp_files;
  ProgressMeter progress;
  FdSink sink(STDOUT_FILENO);
  std::ostream out(&sink);
  SignalWatcher watcher(
      [&](int signal) {
        interrupted_by.store(signal);
        cancellation.Cancel();
      },
      [&](int signal) {
        // Still cancelling (a request or a blocked write that will not end): leave now.
        temp_files.RemoveNow();
        progress.EraseForExit();
        std::string line = std::string("interrupted by ") + SignalName(signal) + " again\n";
        ssize_t ignored = write(STDERR_FILENO, line.data(), line.size());
        (void)ignored;
        _exit(kExitInterrupted);
      });

  // Masked from every diagnostic, whatever the server or a library puts in one.
  std::vector<std::string> secrets = {EnvOrEmpty("TWILIO_AUTH_TOKEN"),
                                      EnvOrEmpty("TWILIO_API_SECRET")};
  bool demo = false;  // for the label of an API error
  try {
    try {
      now = CommandNow(std::getenv("SUPERSIM_USAGE_NOW"), now);
    } catch (const std::invalid_argument& e) {
      throw UsageError(std::string(e.what()) + "; see --help");
    }
    CliOptions options = ParseCommandLine(std::vector<std::string>(argv + 1, argv + argc), now);
    demo = options.demo;
    if (options.help) {
      out << HelpText();
      return FinishOutput(out, sink, kExitOk);
    }
    if (options.version) {
      out << VersionText() << '\n';
      return FinishOutput(out, sink, kExitOk);
    }
    ClientSetup setup = SetUpClient(options, now);
    secrets.push_back(setup.config.credentials.Password());
    if (options.verbose) setup.config.logger = VerboseLogger(secrets);
    // Log lines (--verbose, or TWILIO_LOG_LEVEL's) and a progress line would overwrite each
    // other on one terminal: logging wins.
    const bool logging = options.verbose || static_cast<bool>(twilio::LoggerFromEnvironment());
    twilio::supersim::v1::UsageRecordsApi api(setup.config);
    twilio::CallContext ctx;
    ctx.cancellation = cancellation;

    // --parallel where a split could change the answer: the listing runs whole, and says why.
    const auto plan = twilio::supersim::v1::PlanListing(options.params, options.listing);
    if (!options.quiet && options.listing.parallel_slices > 1 && !plan.Parallel()) {
      std::cerr << "note: --parallel " << options.listing.parallel_slices
                << ": listing sequentially: " << plan.sequential_reason << '\n';
    }
    Listing listing{api, options, ctx, SettingsFor(options), nullptr};
    if (!options.quiet && !logging && isatty(STDERR_FILENO) == 1) {
      StartProgress(progress, options);
      listing.observer = &progress;
      // Records printed to the same terminal must not land after the progress line.
      if (!options.output && isatty(STDOUT_FILENO) == 1) sink.SetGuard(&progress);
    }

    const int64_t records =
        options.output ? ListToFile(listing, file_umask, temp_files) : ListTo(out, listing);
    progress.Stop();
    const int status = FinishOutput(out, sink, kExitOk);
    // A header and nothing under it reads like a failure: say what it means.
    if (records == 0 && !options.quiet && status == kExitOk) {
      std::cerr << "note: no usage records matched\n";
    }
    return status;
  } catch (...) {
    progress.Stop();
    Diagnosis diagnosis = DiagnoseCurrentException(demo);
    // Records already written go out before the error, so the two streams read in order.
    out.flush();
    sink.Finish();
    if (diagnosis.exit_code == kExitInterrupted) {
      int signal = interrupted_by.load();
      std::cerr << diagnosis.message << (signal ? std::string(" by ") + SignalName(signal) : "")
                << '\n';
    } else {
      std::cerr << "error: " << Redact(diagnosis.message, secrets) << '\n';
    }
    return FinishOutput(out, sink, diagnosis.exit_code);
  }
}
