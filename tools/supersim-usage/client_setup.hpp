// Where the listing is sent and as whom: the environment's account (and --base-url), or the
// --demo server.
#pragma once

#include <memory>

#include "cli_options.hpp"
#include "twilio/client_config.hpp"

namespace supersim_usage {

struct ClientSetup {
  twilio::ClientConfig config;
  /// Keeps the --demo server running; empty otherwise.
  std::shared_ptr<void> demo_server;
};

/// Without --demo: twilio::ClientConfig::FromEnvironment() (throws ValidationException naming a
/// missing variable), with --base-url replacing the base URL. With --demo: the demo server's URL
/// and credentials (its data the 7 days before `now`), and an unset Granularity becomes day:
/// the API's default (all) would show a single row, one per day reads better.
ClientSetup SetUpClient(CliOptions& options, twilio::TimePoint now);

}  // namespace supersim_usage
