// Shared by the fuzz targets: FUZZ_CHECK stops the run with a message when an invariant fails,
// so libFuzzer records the input as a crash.
#pragma once

#include <cxxabi.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <string>
#include <typeinfo>

namespace twilio::fuzz {

[[noreturn]] inline void Fail(const char* file, int line, const char* condition,
                              const std::string& detail) {
  std::fprintf(stderr, "%s:%d: invariant violated: %s\n  %s\n", file, line, condition,
               detail.c_str());
  std::fflush(stderr);
  __builtin_trap();
}

/// For `catch (...)`: the escaped exception's type and message.
inline std::string DescribeCurrentException() {
  std::type_info* type = abi::__cxa_current_exception_type();
  std::string name = type ? type->name() : "?";
  int status = 0;
  std::unique_ptr<char, decltype(&std::free)> demangled(
      abi::__cxa_demangle(name.c_str(), nullptr, nullptr, &status), &std::free);
  if (status == 0 && demangled) name = demangled.get();
  try {
    throw;
  } catch (const std::exception& e) {
    return "undocumented exception " + name + ": " + e.what();
  } catch (...) {
    return "undocumented exception " + name;
  }
}

}  // namespace twilio::fuzz

#define FUZZ_CHECK(condition, detail)                                                 \
  do {                                                                                \
    if (!(condition)) ::twilio::fuzz::Fail(__FILE__, __LINE__, #condition, (detail)); \
  } while (false)
