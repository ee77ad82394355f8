// How every example gets its ClientConfig and its arguments.
//
// Credentials come from the environment: TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN, or
// TWILIO_API_KEY with TWILIO_API_SECRET (and TWILIO_EDGE / TWILIO_REGION for a regional base
// URL). An optional `--base-url URL` argument, anywhere on the command line, points the example
// at another server, so the same program runs against Twilio or against a local fake server:
//
//   group_by_country                                     # https://supersim.twilio.com
//   group_by_country --base-url http://127.0.0.1:8080    # a server on this machine
//
// A bad argument or a missing variable is reported on stderr, and the program exits with 2.
#pragma once

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "twilio/client_config.hpp"
#include "twilio/errors.hpp"

namespace examples {

/// Prints `message` to stderr and exits with status 2 (a usage error).
[[noreturn]] inline void UsageError(const std::string& message) {
  std::cerr << "error: " << message << '\n';
  std::exit(2);
}

/// ClientConfig::FromEnvironment(), with base_url replaced by the value of `--base-url` when
/// given. The result is validated here, so a bad URL is reported before any work starts.
inline twilio::ClientConfig ExampleConfig(int argc, char** argv) {
  try {
    twilio::ClientConfig config = twilio::ClientConfig::FromEnvironment();
    for (int i = 1; i < argc; ++i) {
      if (std::string(argv[i]) != "--base-url") continue;
      if (i + 1 == argc) UsageError("--base-url needs a URL");
      config.base_url = argv[++i];
    }
    config.Validate();
    return config;
  } catch (const twilio::ValidationException& e) {
    UsageError(e.what());  // e.g. "invalid TWILIO_AUTH_TOKEN: environment variable is not set"
  }
}

/// The arguments after the program name, without `--base-url URL`: the example's own.
inline std::vector<std::string> ExampleArgs(int argc, char** argv) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--base-url") {
      ++i;
    } else {
      args.emplace_back(argv[i]);
    }
  }
  return args;
}

}  // namespace examples
