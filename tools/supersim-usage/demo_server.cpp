// --demo in a build with the testing component.
#include "demo_server.hpp"

#include <chrono>
#include <stdexcept>
#include <utility>

#include "twilio/testing/fake_supersim_server.hpp"
#include "twilio/time_format.hpp"

namespace supersim_usage {

DemoServer StartDemoServer(twilio::TimePoint now) {
  twilio::testing::FakeSupersimServer::Options options;
  const auto hour = std::chrono::floor<std::chrono::hours>(now);
  options.data.end = hour;
  options.data.start = hour - std::chrono::hours(24 * 7);
  options.clock = twilio::testing::FakeSupersimServer::FixedClock(now);
  auto server = std::make_shared<twilio::testing::FakeSupersimServer>(std::move(options));
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

std::string DemoDataDescription() {
  twilio::testing::FakeDataSet data;
  std::string countries;
  for (std::size_t i = 0; i < data.countries.size(); ++i) {
    countries += (i == 0                           ? ""
                  : i + 1 == data.countries.size() ? " and "
                                                   : ", ") +
                 data.countries[i];
  }
  return std::to_string(data.sims) + " SIMs (sim-0.." + "sim-" + std::to_string(data.sims - 1) +
         ") in " + std::to_string(data.fleets) + " fleets on " + std::to_string(data.networks) +
         " networks in " + countries +
         ", each using data every hour of the 7 days before the current hour, billed in USD";
}

}  // namespace supersim_usage
