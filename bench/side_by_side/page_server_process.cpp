#include "side_by_side/page_server_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace twilio::bench {
namespace {

// Lines of the server's standard output, without their newline; false at EOF.
bool ReadLine(std::FILE* in, std::string& line) {
  line.clear();
  for (int c; (c = std::fgetc(in)) != EOF;) {
    if (c == '\n') return true;
    line += static_cast<char>(c);
  }
  return !line.empty();
}

}  // namespace

PageServerProcess::PageServerProcess(const std::string& server, int64_t records, int sims,
                                     int page_size) {
  // Close-on-exec, so that contenders spawned later do not hold the server's stdin open.
  int in[2];
  int out[2];
  if (pipe2(in, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  if (pipe2(out, O_CLOEXEC) != 0) {
    close(in[0]);
    close(in[1]);
    throw std::runtime_error("pipe failed");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], 0);  // dup2 clears close-on-exec
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  std::vector<std::string> args = {server,
                                   "--records",
                                   std::to_string(records),
                                   "--sims",
                                   std::to_string(sims),
                                   "--page-size",
                                   std::to_string(page_size),
                                   "--list-pages"};
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const int error = posix_spawn(&pid_, server.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(in[0]);
  close(out[1]);
  stdin_fd_ = in[1];
  if (error != 0) {
    pid_ = -1;
    close(out[0]);
    Stop();
    throw std::runtime_error("cannot run " + server + ": " + std::strerror(error));
  }

  std::FILE* lines = fdopen(out[0], "r");
  std::string line;
  bool ready = false;
  if (lines != nullptr && ReadLine(lines, base_url_)) {
    while (ReadLine(lines, line)) {
      if (line == "ready") {
        ready = true;
        break;
      }
      // "<body bytes> <url>"
      ServedPage page;
      char* end = nullptr;
      page.body_bytes = std::strtoll(line.c_str(), &end, 10);
      if (end == line.c_str() || *end != ' ' || page.body_bytes <= 0) break;
      page.url = end + 1;
      pages_.push_back(std::move(page));
    }
  }
  if (lines != nullptr) {
    std::fclose(lines);
  } else {
    close(out[0]);
  }
  if (!ready || base_url_.rfind("http://", 0) != 0 || pages_.empty()) {
    Stop();
    throw std::runtime_error(server + " did not report its URL, pages and 'ready'");
  }
}

PageServerProcess::~PageServerProcess() {
  Stop();
}

int64_t PageServerProcess::BodyBytes() const {
  int64_t total = 0;
  for (const ServedPage& page : pages_) total += page.body_bytes;
  return total;
}

void PageServerProcess::Stop() {
  if (stdin_fd_ >= 0) close(stdin_fd_);
  stdin_fd_ = -1;
  if (pid_ <= 0) return;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  int status = 0;
  for (;;) {
    const pid_t done = waitpid(pid_, &status, WNOHANG);
    if (done == pid_ || (done < 0 && errno != EINTR)) break;
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  pid_ = -1;
}

}  // namespace twilio::bench
