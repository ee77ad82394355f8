// The version compiled into the library, so an application can tell which build it loaded.
#include "twilio/version.hpp"

namespace twilio {

const char* Version() noexcept {
  return kVersion;
}

}  // namespace twilio
