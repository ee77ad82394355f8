#include "e2e/curl_floor.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

#include "e2e/curl_config.hpp"

namespace twilio::bench {
namespace {

std::string WriteConfig(const std::vector<std::string>& urls, const std::string& user,
                        const std::string& password) {
  char path[] = "/tmp/stream_e2e_curl_XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("cannot create a curl config file");
  close(fd);
  WriteCurlConfig(path, urls, user, password);
  return path;
}

}  // namespace

CurlRun RunCurl(const std::vector<std::string>& urls, const std::string& user,
                const std::string& password) {
  const std::string config = WriteConfig(urls, user, password);
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");

  std::fflush(nullptr);
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    execlp("curl", "curl", "--config", config.c_str(), static_cast<char*>(nullptr));
    std::perror("stream_e2e: cannot run curl");
    _exit(127);
  }
  close(out[1]);
  std::string report;
  char buffer[4096];
  for (;;) {
    const ssize_t n = read(out[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    report.append(buffer, static_cast<std::size_t>(n));
  }
  close(out[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  const auto stop = std::chrono::steady_clock::now();
  std::remove(config.c_str());

  CurlRun run;
  run.wall_seconds = std::chrono::duration<double>(stop - start).count();
  run.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::istringstream lines(report);
  int code = 0;
  int64_t bytes = 0;
  int64_t connects = 0;
  while (lines >> code >> bytes >> connects) {
    ++run.transfers;
    if (code != 200) ++run.failed_transfers;
    run.bytes_downloaded += bytes;
    run.connects += connects;
  }
  return run;
}

}  // namespace twilio::bench
