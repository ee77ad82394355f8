#include "pty_run.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include "cli_support.hpp"

namespace cli_test {
namespace {

bool HasVariable(const std::vector<std::string>& env, const std::string& name) {
  for (const std::string& entry : env) {
    if (entry.rfind(name + "=", 0) == 0) return true;
  }
  return false;
}

}  // namespace

std::string ScriptPath() {
  for (const char* path : {"/usr/bin/script", "/bin/script"}) {
    if (access(path, X_OK) == 0) return path;
  }
  return "";
}

std::string ShellQuote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

RunResult RunCliInPty(const std::vector<std::string>& args, const PtyOptions& options) {
  const std::string script = ScriptPath();
  if (script.empty()) {
    ADD_FAILURE() << "util-linux `script` is not installed (Debian: bsdutils)";
    return {};
  }
  std::string command = "exec " + ShellQuote(SUPERSIM_USAGE_PATH);
  for (const std::string& arg : args) command += " " + ShellQuote(arg);
  if (!options.stdout_file.empty()) command += " >" + ShellQuote(options.stdout_file);
  RunOptions run;
  run.env = options.env;
  if (!HasVariable(run.env, "SHELL")) run.env.push_back("SHELL=/bin/sh");
  if (!HasVariable(run.env, "PATH")) run.env.push_back("PATH=/usr/bin:/bin");
  if (!HasVariable(run.env, "TERM")) run.env.push_back("TERM=xterm");
  if (!HasVariable(run.env, "SUPERSIM_USAGE_NOW")) {
    run.env.push_back(std::string("SUPERSIM_USAGE_NOW=") + kDemoNow);  // as RunCli does
  }
  // -q: no "Script started" lines; -f: flush as output comes; -e: the command's exit status;
  // -c: the command; /dev/null: no typescript file.
  return RunProgram(script, {"-qfec", command, "/dev/null"}, run);
}

std::string WithoutCarriageReturns(const std::string& text) {
  std::string plain;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    plain += text[i];
  }
  return plain;
}

}  // namespace cli_test
