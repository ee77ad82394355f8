#include "client_setup.hpp"

#include "demo_server.hpp"

namespace supersim_usage {

ClientSetup SetUpClient(CliOptions& options, twilio::TimePoint now) {
  ClientSetup setup;
  if (!options.demo) {
    setup.config = twilio::ClientConfig::FromEnvironment();
    if (options.base_url) setup.config.base_url = *options.base_url;
    return setup;
  }
  DemoServer demo = StartDemoServer(now);
  setup.config.credentials = demo.credentials;
  setup.config.base_url = demo.base_url;
  setup.demo_server = demo.keep_alive;
  if (!options.params.Granularity) {
    options.params.Granularity = twilio::supersim::v1::Granularity::Day;
  }
  return setup;
}

}  // namespace supersim_usage
