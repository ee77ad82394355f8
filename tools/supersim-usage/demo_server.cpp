// --demo in a build with the testing component.
#include "demo_server.hpp"

#include <chrono>
#include <stdexcept>
#include <utility>

#include "twilio/testing/fake_supersim_server.hpp"

namespace supersim_usage {

DemoServer StartDemoServer(twilio::TimePoint now) {
  twilio::test_support::FakeSupersimServer::Options options;
  const auto hour = std::chrono::floor<std::chrono::hours>(now);
  options.data.end = hour;
  options.data.start = hour - std::chrono::hours(24 * 7);
  options.clock = twilio::test_support::FakeSupersimServer::FixedClock(now);
  auto server = std::make_shared<twilio::test_support::FakeSupersimServer>(std::move(options));
  try {
    server->Start();
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("--demo: cannot start the demo server: ") + e.what());
  }
  DemoServer demo;
  demo.base_url = server->BaseUrl();
  demo.credentials = twilio::Credentials::FromAuthToken(server->GetOptions().username,
                                                        server->GetOptions().password);
  demo.keep_alive = server;
  return demo;
}

}  // namespace supersim_usage
