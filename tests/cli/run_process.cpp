#include "run_process.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

namespace cli_test {
namespace {

struct Pipe {
  int read = -1;
  int write = -1;
  Pipe() {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::strerror(errno));
    read = fds[0];
    write = fds[1];
  }
};

void CloseFd(int& fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

// Reads what is available; returns false at end of file.
bool ReadSome(int fd, std::string& into) {
  char buffer[4096];
  ssize_t n = read(fd, buffer, sizeof buffer);
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return true;
  if (n <= 0) return false;
  into.append(buffer, static_cast<std::size_t>(n));
  return true;
}

}  // namespace

RunResult RunCli(const std::vector<std::string>& args, const RunOptions& options) {
  Pipe out;
  Pipe err;
  if (options.stdout_closed || !options.stdout_file.empty()) CloseFd(out.read);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  if (options.stdout_file.empty()) {
    posix_spawn_file_actions_adddup2(&actions, out.write, STDOUT_FILENO);
  } else {
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, options.stdout_file.c_str(), O_WRONLY,
                                     0);
  }
  posix_spawn_file_actions_adddup2(&actions, err.write, STDERR_FILENO);

  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigset_t no_mask;
  sigemptyset(&no_mask);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setsigmask(&attributes, &no_mask);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

  std::string path = SUPERSIM_USAGE_PATH;
  std::vector<char*> argv;
  argv.push_back(path.data());
  std::vector<std::string> args_copy = args;
  for (std::string& arg : args_copy) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_copy = options.env;
  std::vector<char*> envp;
  for (std::string& entry : env_copy) envp.push_back(entry.data());
  envp.push_back(nullptr);

  pid_t pid = -1;
  int spawn_error =
      posix_spawn(&pid, path.c_str(), &actions, &attributes, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  CloseFd(out.write);
  CloseFd(err.write);
  RunResult result;
  if (spawn_error != 0) {
    ADD_FAILURE() << "cannot run " << path << ": " << std::strerror(spawn_error);
    CloseFd(out.read);
    CloseFd(err.read);
    return result;
  }

  const auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  const auto deadline = start + std::chrono::seconds(60);
  bool timed_out = false;
  while (out.read >= 0 || err.read >= 0) {
    pollfd fds[2] = {{out.read, POLLIN, 0}, {err.read, POLLIN, 0}};
    int ready = poll(fds, 2, 1000);
    if (ready < 0 && errno != EINTR) break;
    if (std::chrono::steady_clock::now() > deadline) {
      timed_out = true;
      break;
    }
    if (ready <= 0) continue;
    if (fds[0].revents != 0) {
      std::size_t before = result.out.size();
      if (!ReadSome(out.read, result.out)) CloseFd(out.read);
      if (result.out.size() > before)
        result.out_arrivals.emplace_back(elapsed(), result.out.size());
    }
    if (options.close_stdout_after_first_line && out.read >= 0 &&
        result.out.find('\n') != std::string::npos) {
      CloseFd(out.read);
    }
    if (fds[1].revents != 0 && !ReadSome(err.read, result.err)) CloseFd(err.read);
  }
  CloseFd(out.read);
  CloseFd(err.read);
  result.seconds = elapsed();
  if (timed_out) {
    kill(pid, SIGKILL);
    ADD_FAILURE() << "supersim-usage ran longer than 60 s";
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  return result;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
  return lines;
}

}  // namespace cli_test
