// --demo in a build without the testing component: the flag stays documented, and says why it
// cannot run.
#include <stdexcept>

#include "demo_server.hpp"

namespace supersim_usage {

DemoServer StartDemoServer(twilio::TimePoint) {
  throw std::runtime_error(
      "--demo: this build has no demo server (configure with "
      "TWILIO_SUPERSIM_BUILD_TESTING_LIB=ON)");
}

}  // namespace supersim_usage
