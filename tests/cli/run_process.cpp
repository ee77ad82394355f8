#include "run_process.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>

#include "cli_support.hpp"

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

// Every signal at its default action and none blocked, whatever the test process has.
void ResetSignals(posix_spawnattr_t& attributes) {
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  sigset_t no_mask;
  sigemptyset(&no_mask);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setsigmask(&attributes, &no_mask);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
}

// `env`, plus the sanitizer settings of this process that `env` does not set: in a sanitizer
// build (scripts/sanitize.sh) the command is checked with the same options (log files,
// suppressions) as the tests.
std::vector<std::string> WithSanitizerOptions(std::vector<std::string> env) {
  for (const char* name : {"ASAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS", "TSAN_OPTIONS"}) {
    const char* value = std::getenv(name);
    const std::string prefix = std::string(name) + "=";
    bool set = false;
    for (const std::string& entry : env) set = set || entry.rfind(prefix, 0) == 0;
    if (value != nullptr && !set) env.push_back(prefix + value);
  }
  return env;
}

// argv and envp for posix_spawn, pointing into their own copies of the strings.
struct SpawnArguments {
  std::vector<std::string> strings;
  std::vector<char*> argv;
  std::vector<char*> envp;

  SpawnArguments(const std::string& path, const std::vector<std::string>& args,
                 const std::vector<std::string>& env) {
    const std::vector<std::string> full_env = WithSanitizerOptions(env);
    strings.push_back(path);
    strings.insert(strings.end(), args.begin(), args.end());
    strings.insert(strings.end(), full_env.begin(), full_env.end());
    for (std::size_t i = 0; i < strings.size(); ++i) {
      (i <= args.size() ? argv : envp).push_back(strings[i].data());
    }
    argv.push_back(nullptr);
    envp.push_back(nullptr);
  }
};

}  // namespace

RunResult RunCli(const std::vector<std::string>& args, const RunOptions& options) {
  // The demo's data and every relative time count from one fixed "now" unless a test says
  // otherwise (SUPERSIM_USAGE_NOW= with no value: the real clock).
  RunOptions pinned = options;
  const bool says = std::any_of(pinned.env.begin(), pinned.env.end(), [](const std::string& e) {
    return e.rfind("SUPERSIM_USAGE_NOW=", 0) == 0;
  });
  if (!says) pinned.env.push_back(std::string("SUPERSIM_USAGE_NOW=") + kDemoNow);
  return RunProgram(SUPERSIM_USAGE_PATH, args, pinned);
}

RunResult RunProgram(const std::string& path, const std::vector<std::string>& args,
                     const RunOptions& options) {
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
  ResetSignals(attributes);
  SpawnArguments spawn(path, args, options.env);

  pid_t pid = -1;
  int spawn_error =
      posix_spawn(&pid, path.c_str(), &actions, &attributes, spawn.argv.data(), spawn.envp.data());
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
    ADD_FAILURE() << path << " ran longer than 60 s";
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  return result;
}

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& args,
                                     const std::vector<std::string>& env,
                                     const std::string& out_file, const std::string& err_file) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  Pipe out;
  if (out_file.empty()) {
    posix_spawn_file_actions_adddup2(&actions, out.write, STDOUT_FILENO);
  } else {
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_file.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
  }
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_file.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  ResetSignals(attributes);
  const std::string path = SUPERSIM_USAGE_PATH;
  SpawnArguments spawn(path, args, env);
  int spawn_error =
      posix_spawn(&pid_, path.c_str(), &actions, &attributes, spawn.argv.data(), spawn.envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  CloseFd(out.write);
  if (out_file.empty()) {
    stdout_pipe_ = out.read;
  } else {
    CloseFd(out.read);
  }
  if (spawn_error != 0) {
    pid_ = -1;
    ADD_FAILURE() << "cannot run " << path << ": " << std::strerror(spawn_error);
  }
}

BackgroundProcess::~BackgroundProcess() {
  if (pid_ > 0 && !reaped_) {
    kill(pid_, SIGKILL);
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
  }
  CloseFd(stdout_pipe_);
}

std::size_t BackgroundProcess::StdoutPending() const {
  int pending = 0;
  if (stdout_pipe_ < 0 || ioctl(stdout_pipe_, FIONREAD, &pending) != 0) return 0;
  return static_cast<std::size_t>(pending);
}

bool BackgroundProcess::Signal(int signal) const {
  return pid_ > 0 && !reaped_ && kill(pid_, signal) == 0;
}

std::optional<int> BackgroundProcess::Wait(std::chrono::milliseconds timeout) {
  if (pid_ <= 0 || reaped_) return std::nullopt;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    pid_t done = waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      reaped_ = true;
      return status;
    }
    if (done < 0 && errno != EINTR) return std::nullopt;
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    usleep(1000);
  }
}

std::string ReadFile(const std::string& path) {
  std::string content;
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return content;
  while (ReadSome(fd, content)) {
  }
  close(fd);
  return content;
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
