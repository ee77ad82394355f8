// --demo in a build with the testing component.
#include "demo_server.hpp"

#include <stdexcept>

#include "twilio/testing/fake_supersim_server.hpp"
#include "twilio/time_format.hpp"

namespace supersim_usage {

DemoServer StartDemoServer() {
  auto server = std::make_shared<twilio::testing::FakeSupersimServer>();
  try {
    server->Start();
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("--demo: cannot start the demo server: ") + e.what());
  }
  const auto& options = server->GetOptions();
  DemoServer demo;
  demo.base_url = server->BaseUrl();
  demo.credentials = twilio::Credentials::FromAuthToken(options.username, options.password);
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
         " networks in " + countries + ", each using data every hour from " +
         twilio::FormatRfc3339Utc(data.start) + " to " + twilio::FormatRfc3339Utc(data.end) +
         ", billed in USD";
}

}  // namespace supersim_usage
