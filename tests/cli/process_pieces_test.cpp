// The pieces of supersim-usage that touch the process and the file system: the signal watcher
// thread, the --output file, and the flag list the help is checked against.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "atomic_output_file.hpp"
#include "cli_options.hpp"
#include "cli_support.hpp"
#include "run_process.hpp"
#include "signal_watcher.hpp"

namespace {

using namespace supersim_usage;
using cli_test::TempDir;

// Waits up to 10 s for `flag`.
bool WaitFor(const std::atomic<int>& value, int expected) {
  for (int i = 0; i < 10000 && value.load() != expected; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return value.load() == expected;
}

// Restores the calling thread's signal mask, and drops a signal a test left pending.
class SignalMaskGuard {
 public:
  SignalMaskGuard() { pthread_sigmask(SIG_BLOCK, nullptr, &saved_); }
  ~SignalMaskGuard() { pthread_sigmask(SIG_SETMASK, &saved_, nullptr); }

 private:
  sigset_t saved_;
};

TEST(SignalWatcher, FirstSignalThenLaterOnesGoToTheirHandlers) {
  SignalMaskGuard guard;
  BlockTerminationSignals();
  std::atomic<int> first{0};
  std::atomic<int> again{0};
  std::atomic<int> calls{0};
  {
    SignalWatcher watcher(
        [&](int signal) {
          first.store(signal);
          calls.fetch_add(1);
        },
        [&](int signal) {
          again.store(signal);
          calls.fetch_add(1);
        });
    ASSERT_EQ(kill(getpid(), SIGTERM), 0);
    ASSERT_TRUE(WaitFor(calls, 1));
    ASSERT_EQ(kill(getpid(), SIGINT), 0);
    ASSERT_TRUE(WaitFor(calls, 2));
  }  // joins: the stop signal reaches the watcher alone
  EXPECT_EQ(first.load(), SIGTERM);
  EXPECT_EQ(again.load(), SIGINT);
  sigset_t pending;
  sigpending(&pending);
  EXPECT_FALSE(sigismember(&pending, SIGUSR1));
}

TEST(SignalWatcher, StopsAtOnceWithoutASignal) {
  SignalMaskGuard guard;
  BlockTerminationSignals();
  auto start = std::chrono::steady_clock::now();
  {
    SignalWatcher watcher([](int) { ADD_FAILURE() << "no signal was sent"; },
                          [](int) { ADD_FAILURE() << "no signal was sent"; });
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  // SIGUSR1 is blocked only inside the watcher: this thread's mask is as it was.
  sigset_t mask;
  pthread_sigmask(SIG_BLOCK, nullptr, &mask);
  EXPECT_FALSE(sigismember(&mask, SIGUSR1));
  EXPECT_TRUE(sigismember(&mask, SIGINT));
  EXPECT_TRUE(sigismember(&mask, SIGTERM));
}

TEST(SignalWatcher, NamesTheSignals) {
  EXPECT_STREQ(SignalName(SIGINT), "SIGINT");
  EXPECT_STREQ(SignalName(SIGTERM), "SIGTERM");
  EXPECT_STREQ(SignalName(SIGHUP), "a signal");
}

mode_t CurrentUmask() {
  mode_t mask = umask(0);
  umask(mask);
  return mask;
}

void WriteText(int fd, const std::string& text) {
  ASSERT_EQ(write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
}

TEST(AtomicOutputFile, CommitRenamesAHiddenSiblingWithTheUmasksMode) {
  TempDir dir;
  TempFileRegistry registry;
  const std::string target = dir.File("usage.csv");
  {
    AtomicOutputFile file(target, 027, registry);
    EXPECT_EQ(file.TempPath().rfind(dir.File(".usage.csv."), 0), 0u) << file.TempPath();
    EXPECT_EQ(dir.Entries().size(), 1u);
    EXPECT_NE(access(target.c_str(), F_OK), 0);  // nothing at the target before Commit
    WriteText(file.Fd(), "a,b\n");
    file.Commit();
  }
  EXPECT_EQ(dir.Entries(), std::vector<std::string>{"usage.csv"});
  EXPECT_EQ(cli_test::ReadFile(target), "a,b\n");
  struct stat info {};
  ASSERT_EQ(stat(target.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0640u);
}

TEST(AtomicOutputFile, WithoutCommitNothingIsLeftAndAnOldFileStays) {
  TempDir dir;
  TempFileRegistry registry;
  const std::string target = dir.File("usage.csv");
  {
    int fd = open(target.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    WriteText(fd, "previous\n");
    close(fd);
  }
  {
    AtomicOutputFile file(target, CurrentUmask(), registry);
    WriteText(file.Fd(), "partial");
  }
  EXPECT_EQ(dir.Entries(), std::vector<std::string>{"usage.csv"});
  EXPECT_EQ(cli_test::ReadFile(target), "previous\n");
}

TEST(AtomicOutputFile, RegistryRemovesThePendingFileAndCommitThenFails) {
  TempDir dir;
  TempFileRegistry registry;
  AtomicOutputFile file(dir.File("out"), CurrentUmask(), registry);
  registry.RemoveNow();  // what a second Ctrl-C does, from the watcher thread
  EXPECT_TRUE(dir.Entries().empty());
  EXPECT_THROW(file.Commit(), OutputFileError);
  EXPECT_TRUE(dir.Entries().empty());
}

TEST(AtomicOutputFile, ErrorsNameThePath) {
  TempFileRegistry registry;
  try {
    AtomicOutputFile file("/nonexistent-folder-for-test/usage.csv", CurrentUmask(), registry);
    ADD_FAILURE() << "created a file in a folder that does not exist";
  } catch (const OutputFileError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent-folder-for-test/"), std::string::npos)
        << e.what();
  }
  TempDir dir;
  EXPECT_THROW(AtomicOutputFile(dir.Path(), CurrentUmask(), registry), OutputFileError);
  EXPECT_THROW(AtomicOutputFile(dir.Path() + "/", CurrentUmask(), registry), OutputFileError);
  EXPECT_TRUE(dir.Entries().empty());
}

// `--output /dev/null` once renamed a regular file over /dev/null. A FIFO stands in for the
// device here: it is neither a regular file nor a folder, and the test may make one.
TEST(AtomicOutputFile, ADeviceOrFifoIsWrittenInPlaceNotReplaced) {
  TempDir dir;
  TempFileRegistry registry;
  const std::string fifo = dir.File("pipe");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  std::thread reader([&] {
    const int fd = open(fifo.c_str(), O_RDONLY | O_CLOEXEC);
    char buffer[64];
    for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;) received.append(buffer, n);
    close(fd);
  });
  {
    AtomicOutputFile file(fifo, CurrentUmask(), registry);
    EXPECT_EQ(file.TempPath(), fifo);
    WriteText(file.Fd(), "a,b\n");
    file.Commit();
  }
  reader.join();
  EXPECT_EQ(received, "a,b\n");
  struct stat info {};
  ASSERT_EQ(lstat(fifo.c_str(), &info), 0);
  EXPECT_TRUE(S_ISFIFO(info.st_mode));
  EXPECT_EQ(dir.Entries(), std::vector<std::string>{"pipe"});
}

TEST(AtomicOutputFile, ASymbolicLinkStaysAndItsFileIsReplaced) {
  TempDir dir;
  TempFileRegistry registry;
  const std::string target = dir.File("real.csv");
  const std::string link = dir.File("link.csv");
  {
    int fd = open(target.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    WriteText(fd, "previous\n");
    close(fd);
  }
  ASSERT_EQ(symlink("real.csv", link.c_str()), 0);
  {
    AtomicOutputFile file(link, CurrentUmask(), registry);
    WriteText(file.Fd(), "new\n");
    file.Commit();
  }
  struct stat info {};
  ASSERT_EQ(lstat(link.c_str(), &info), 0);
  EXPECT_TRUE(S_ISLNK(info.st_mode));
  EXPECT_EQ(cli_test::ReadFile(target), "new\n");
}

TEST(CliOptions, EveryAcceptedFlagIsParsed) {
  const auto now = std::chrono::system_clock::now();
  for (const std::string& flag : AcceptedFlags()) {
    std::vector<std::string> args = {flag};
    // A value each value flag accepts; switches take none.
    if (flag == "--group") args.push_back("sim");
    if (flag == "--granularity") args.push_back("day");
    if (flag == "--format") args.push_back("chart");
    if (flag == "--page-size" || flag == "--limit" || flag == "--parallel") args.push_back("5");
    if (flag == "--start-time" || flag == "--end-time") args.push_back("-1d");
    if (flag == "--sim" || flag == "--fleet" || flag == "--network" || flag == "--iso-country" ||
        flag == "--output" || flag == "--base-url") {
      args.push_back("x");
    }
    EXPECT_NO_THROW(ParseCommandLine(args, now)) << flag;
  }
  EXPECT_THROW(ParseCommandLine({"--not-a-flag"}, now), UsageError);
  CliOptions options = ParseCommandLine({"--quiet", "--bytes", "--output", "f.csv"}, now);
  EXPECT_TRUE(options.quiet);
  EXPECT_TRUE(options.raw_bytes);
  EXPECT_EQ(options.output, "f.csv");
  EXPECT_FALSE(ParseCommandLine({}, now).quiet);
}

TEST(CliOptions, RelativeTimesShareOneNow) {
  const auto now = twilio::ParseRfc3339("2026-03-15T12:00:00Z");
  CliOptions options = ParseCommandLine({"--start-time", "-1d", "--end-time=-0m"}, now);
  EXPECT_EQ(options.params.StartTime, twilio::ParseRfc3339("2026-03-14T12:00:00Z"));
  EXPECT_EQ(options.params.EndTime, now);
}

}  // namespace
