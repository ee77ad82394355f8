// --demo: a twilio::test_support::FakeSupersimServer started inside this process on 127.0.0.1, so
// the command can be tried, and its output formats seen, without a Twilio account.
#pragma once

#include <memory>
#include <string>

#include "twilio/credentials.hpp"
#include "twilio/time_format.hpp"

namespace supersim_usage {

struct DemoServer {
  std::string base_url;
  /// The credentials the server accepts (never the environment's).
  twilio::Credentials credentials;
  /// Owns the running server; it stops when the last copy goes.
  std::shared_ptr<void> keep_alive;
};

/// Starts the server with the default data set moved to the 7 days before `now`'s hour, and
/// `now` as its clock: relative times (--start-time -2d) and Twilio's defaults (EndTime now,
/// StartTime a month before it) both find the data. Throws std::runtime_error when it cannot
/// bind, or when this build has no testing component (TWILIO_SUPERSIM_BUILD_TESTING_LIB=OFF).
DemoServer StartDemoServer(twilio::TimePoint now);

}  // namespace supersim_usage
