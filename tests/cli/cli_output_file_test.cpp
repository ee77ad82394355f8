// --output FILE: written through a temporary file renamed only once the listing is complete,
// so an error leaves no file (or the old one untouched) and no temporary file behind.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "cli_support.hpp"
#include "run_process.hpp"

namespace cli_test {
namespace {

using twilio::test_support::FakeFault;
using twilio::test_support::FakeSupersimServer;

// Sets the umask for the test (the command inherits it), then puts the old one back.
class ScopedUmask {
 public:
  explicit ScopedUmask(mode_t mask) : previous_(umask(mask)) {}
  ~ScopedUmask() { umask(previous_); }

 private:
  mode_t previous_;
};

void WriteFile(const std::string& path, const std::string& content) {
  FILE* file = std::fopen(path.c_str(), "w");
  ASSERT_NE(file, nullptr);
  std::fputs(content.c_str(), file);
  std::fclose(file);
}

TEST(CliOutputFile, HoldsExactlyWhatStdoutWouldAndNothingElseIsLeft) {
  ScopedUmask mask(027);
  TempDir dir;
  for (const char* format : {"csv", "table", "jsonl", "summary", "chart"}) {
    SCOPED_TRACE(format);
    const std::string path = dir.File(std::string("usage.") + format);
    const std::vector<std::string> args = {"--demo", "--group", "sim", "--format", format};
    RunResult to_stdout = RunCli(args);
    std::vector<std::string> with_output = args;
    with_output.insert(with_output.end(), {"--output", path});
    RunResult to_file = RunCli(with_output);
    ASSERT_EQ(to_file.exit_code, 0) << to_file.err;
    EXPECT_EQ(to_file.out, "");
    EXPECT_EQ(to_file.err, "");
    EXPECT_GT(to_stdout.out.size(), 0u);
    EXPECT_EQ(ReadFile(path), to_stdout.out);
    struct stat info {};
    ASSERT_EQ(stat(path.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0640u) << "0666 less the umask 027";
  }
  EXPECT_EQ(dir.Entries(), (std::vector<std::string>{"usage.chart", "usage.csv", "usage.jsonl",
                                                     "usage.summary", "usage.table"}));
}

TEST(CliOutputFile, ReplacesAnOlderFile) {
  TempDir dir;
  const std::string path = dir.File("usage.csv");
  WriteFile(path, "old content\n");
  RunResult result = RunCli({"--demo", "--format", "csv", "--limit", "2", "--output", path});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(Lines(ReadFile(path)).size(), 3u);
  EXPECT_EQ(dir.Entries(), std::vector<std::string>{"usage.csv"});
}

class CliOutputFileError : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.Start();
    FakeFault fault;
    fault.status = 400;  // not retried
    server_.InjectFault(1, fault);
  }
  RunResult Run(const std::string& path) {
    return RunCli({"--base-url", server_.BaseUrl(), "--group", "sim", "--granularity", "day",
                   "--page-size", "5", "--format", "csv", "--output", path},
                  {ServerEnv(server_)});
  }
  FakeSupersimServer server_{cli_test::Pinned()};
  TempDir dir_;
};

TEST_F(CliOutputFileError, ApiErrorOnPageTwoLeavesNoFile) {
  RunResult result = Run(dir_.File("usage.csv"));
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.out, "");
  ASSERT_EQ(Lines(result.err).size(), 1u) << result.err;
  EXPECT_EQ(result.err.rfind("error: Twilio API error 400", 0), 0u) << result.err;
  EXPECT_EQ(dir_.Entries(), std::vector<std::string>{});
  EXPECT_EQ(server_.RequestCount(), 2u);  // the first page was written, then the error
}

TEST_F(CliOutputFileError, ApiErrorLeavesAnExistingFileUntouched) {
  const std::string path = dir_.File("usage.csv");
  WriteFile(path, "previous listing\n");
  RunResult result = Run(path);
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(ReadFile(path), "previous listing\n");
  EXPECT_EQ(dir_.Entries(), std::vector<std::string>{"usage.csv"});
}

TEST(CliOutputFileSetup, MissingFolderExitsOneNamingThePathBeforeAnyRequest) {
  FakeSupersimServer server(cli_test::Pinned());
  server.Start();
  const std::string path = "/nonexistent-supersim-folder/usage.csv";
  RunResult result =
      RunCli({"--base-url", server.BaseUrl(), "--output", path}, {ServerEnv(server)});
  EXPECT_EQ(result.exit_code, 1);
  ASSERT_EQ(Lines(result.err).size(), 1u) << result.err;
  EXPECT_EQ(result.err.rfind("error: --output: cannot create a file in "
                             "/nonexistent-supersim-folder/ for " +
                                 path + ": No such file or directory",
                             0),
            0u)
      << result.err;
  EXPECT_EQ(server.RequestCount(), 0u);
}

TEST(CliOutputFileSetup, AFolderIsNotAFile) {
  TempDir dir;
  RunResult result = RunCli({"--demo", "--output", dir.Path()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, "error: --output: " + dir.Path() + " is a folder, not a file\n");
  EXPECT_TRUE(dir.Entries().empty());
}

}  // namespace
}  // namespace cli_test
