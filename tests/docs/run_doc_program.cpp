// Runs a program from the documentation against a FakeSupersimServer, as a reader would run it
// against Twilio: its credentials in TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN and the server in
// TWILIO_SUPERSIM_BASE_URL (which ClientConfig::FromEnvironment reads). The demo data ends at
// the current hour, so Twilio's default window (the month before now) and relative times find
// it. Prints what the program printed and exits with its status.
//
//   run_doc_program PROGRAM
#include <chrono>
#include <cstdlib>
#include <exception>
#include <iostream>

#include "example_process.hpp"
#include "twilio/testing/fake_supersim_server.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: run_doc_program PROGRAM\n";
    return 2;
  }
  using twilio::test_support::FakeSupersimServer;
  FakeSupersimServer::Options options;
  options.data.end = std::chrono::floor<std::chrono::hours>(std::chrono::system_clock::now());
  options.data.start = options.data.end - std::chrono::hours(24 * 7);
  FakeSupersimServer server(options);
  server.Start();

  setenv("TWILIO_ACCOUNT_SID", server.GetOptions().username.c_str(), 1);
  setenv("TWILIO_AUTH_TOKEN", server.GetOptions().password.c_str(), 1);
  setenv("TWILIO_SUPERSIM_BASE_URL", server.BaseUrl().c_str(), 1);
  for (const char* name : {"TWILIO_API_KEY", "TWILIO_API_SECRET", "TWILIO_EDGE", "TWILIO_REGION"}) {
    unsetenv(name);
  }
  try {
    const example_driver::RunResult result = example_driver::RunExample({argv[1]});
    std::cout << result.out << "[" << server.RequestCount() << " requests to the fake server]\n";
    return result.status;
  } catch (const std::exception& e) {
    std::cerr << "run_doc_program: " << e.what() << '\n';
    return 1;
  }
}
