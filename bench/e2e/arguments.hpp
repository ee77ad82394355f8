// Reading the benchmarks' command lines, and the main() they share.
#pragma once

#include <cstdint>
#include <cstdio>
#include <exception>
#include <functional>
#include <string>

namespace twilio::bench {

/// `text` as an integer in [1, max]; throws std::invalid_argument naming `name`.
int64_t ParsePositive(const std::string& name, const char* text, int64_t max);

/// Takes the value after the argument being read; throws std::invalid_argument when there is
/// none.
using NextValue = std::function<const char*()>;

/// Calls `on_argument` for every argument after argv[0], in order; it may take the next one as
/// its value.
void ForEachArgument(
    int argc, char** argv,
    const std::function<void(const std::string& arg, const NextValue& value)>& on_argument);

/// A benchmark's main(): `parse()` makes its options (an exception prints "<name>: <what>" and
/// `usage` on stderr: exit 2), then `run(options)` returns the exit status (an exception prints
/// "<name>: <what>": exit 1).
template <typename Parse, typename Run>
int BenchMain(const char* name, const char* usage, Parse parse, Run run) {
  decltype(parse()) options;
  try {
    options = parse();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n%s", name, e.what(), usage);
    return 2;
  }
  try {
    return run(options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", name, e.what());
    return 1;
  }
}

}  // namespace twilio::bench
