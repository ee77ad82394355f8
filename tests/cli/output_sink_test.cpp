// How supersim-usage's output leaves the process: the eight-byte scans the writers check strings
// with, the sink that writes full buffers on a thread of its own, and the writers formatting in
// place in that sink's buffer, each against the plain way.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ostream>
#include <sstream>
#include <string>
#include <thread>

#include "byte_scan.hpp"
#include "cli_support.hpp"
#include "output_format.hpp"
#include "run_process.hpp"
#include "stdout_sink.hpp"

namespace {

using namespace supersim_usage;
using cli_test::TempDir;

uint64_t Word(const unsigned char (&bytes)[8]) {
  uint64_t x;
  std::memcpy(&x, bytes, 8);
  return x;
}

// A scan may report a byte that is not there, never miss one that is: every byte value at every
// lane, among every other value as the filler.
TEST(ByteScan, NeverMissesAByteThatIsThere) {
  for (int filler = 0; filler < 256; ++filler) {
    for (int target = 0; target < 256; ++target) {
      for (int lane = 0; lane < 8; ++lane) {
        unsigned char bytes[8];
        std::memset(bytes, filler, 8);
        bytes[lane] = static_cast<unsigned char>(target);
        const uint64_t x = Word(bytes);
        if (target == '"') {
          ASSERT_TRUE(HasByte(x, '"')) << filler << " " << lane;
        }
        if (target < 0x20) {
          ASSERT_TRUE(HasByteBelow(x, 0x20)) << filler << " " << target;
        }
        if (target >= 0x7f) {
          ASSERT_TRUE(HasByteAbove7E(x)) << filler << " " << target;
        }
      }
    }
    // With no such byte, the exact tests say so.
    unsigned char bytes[8];
    std::memset(bytes, filler, 8);
    EXPECT_EQ(HasByte(Word(bytes), '"'), filler == '"') << filler;
    EXPECT_EQ(HasByteBelow(Word(bytes), 0x20), filler < 0x20) << filler;
  }
}

TEST(ByteScan, AnyByteLooksAtTheTailByteByByte) {
  const auto comma_word = [](uint64_t x) { return HasByte(x, ','); };
  const auto comma = [](char c) { return c == ','; };
  for (std::size_t size = 0; size < 20; ++size) {
    for (std::size_t at = 0; at < size; ++at) {
      std::string text(size, 'a');
      text[at] = ',';
      EXPECT_TRUE(AnyByte(text, comma_word, comma)) << size << " " << at;
    }
    EXPECT_FALSE(AnyByte(std::string(size, 'a'), comma_word, comma)) << size;
  }
}

std::string ReadAll(int fd) {
  std::string text;
  char buffer[4096];
  for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;) text.append(buffer, n);
  return text;
}

// Into a regular file, full buffers go to a thread of their own: every byte still arrives, in
// order, and Finish() returns only once it has.
TEST(FdSink, WritesEveryByteInOrderAndFinishWaitsForThem) {
  TempDir dir;
  const std::string path = dir.File("out");
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  ASSERT_GE(fd, 0);
  std::string expected;
  {
    FdSink sink(fd, 100);  // a small buffer: many blocks handed to the writer thread
    std::ostream out(&sink);
    for (int i = 0; i < 5000; ++i) {
      const std::string line = "line " + std::to_string(i) + "\n";
      out << line;
      expected += line;
      if (i == 2500) {
        EXPECT_EQ(sink.Finish(), 0);
        EXPECT_EQ(cli_test::ReadFile(path), expected);  // written once Finish returned
      }
    }
    EXPECT_EQ(sink.Finish(), 0);
    EXPECT_EQ(cli_test::ReadFile(path), expected);
  }
  close(fd);
  EXPECT_EQ(cli_test::ReadFile(path), expected);
}

TEST(FdSink, AReaderThatWentAwayIsReportedAndNothingMoreIsWritten) {
  std::signal(SIGPIPE, SIG_IGN);
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  close(pipe_fds[0]);
  FdSink sink(pipe_fds[1], 64);
  std::ostream out(&sink);
  for (int i = 0; i < 100 && out; ++i) out << std::string(50, 'x');
  out.flush();  // a pipe: written at once, so the failure is known now
  EXPECT_TRUE(sink.ReaderGone());
  EXPECT_EQ(sink.Error(), EPIPE);
  EXPECT_FALSE(out);
  close(pipe_fds[1]);
}

using MakeWriter = std::unique_ptr<RecordWriter> (*)(std::ostream&);

// 300 copies of `r` through `make`'s writer into `out`.
void WriteRecords(MakeWriter make, std::ostream& out,
                  const twilio::supersim::v1::SupersimV1UsageRecord& r) {
  auto writer = make(out);
  writer->Begin();
  for (int i = 0; i < 300; ++i) writer->Write(r);
  writer->End();
}

// The same through an FdSink of `capacity` on `fd`; the sink is finished before it goes.
void WriteRecords(MakeWriter make, int fd, std::size_t capacity,
                  const twilio::supersim::v1::SupersimV1UsageRecord& r) {
  FdSink sink(fd, capacity);
  std::ostream out(&sink);
  WriteRecords(make, out, r);
  EXPECT_EQ(sink.Finish(), 0);
}

// The jsonl and csv writers format straight into an FdSink's buffer (or, for a line longer than
// the buffer, beside it): the bytes are those written to a string stream, into a pipe (written
// at once) and into a file (written behind).
TEST(FdSink, WritersInPlaceWriteWhatTheyWriteToAStringStream) {
  twilio::supersim::v1::SupersimV1UsageRecord r;
  r.account_sid = "AC00000000000000000000000000000000";
  r.sim_sid = "HS\"quoted\"";
  r.data_upload = 1;
  r.data_total_billed = twilio::Decimal::Parse("0.25");
  for (MakeWriter make : {MakeJsonlWriter, MakeCsvWriter}) {
    std::ostringstream plain;
    WriteRecords(make, plain, r);
    for (std::size_t capacity : {64, 1000, 1 << 16}) {
      int pipe_fds[2];
      ASSERT_EQ(pipe(pipe_fds), 0);
      std::string received;
      std::thread reader([&] { received = ReadAll(pipe_fds[0]); });
      WriteRecords(make, pipe_fds[1], capacity, r);
      close(pipe_fds[1]);
      reader.join();
      close(pipe_fds[0]);
      EXPECT_EQ(received, plain.str()) << "pipe, capacity " << capacity;

      TempDir dir;
      const std::string path = dir.File("out");
      const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
      ASSERT_GE(fd, 0);
      WriteRecords(make, fd, capacity, r);
      close(fd);
      EXPECT_EQ(cli_test::ReadFile(path), plain.str()) << "file, capacity " << capacity;
    }
  }
}

}  // namespace
