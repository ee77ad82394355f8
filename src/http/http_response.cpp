#include "ascii.hpp"
#include "twilio/http/http_client.hpp"

namespace twilio::http {

const std::string* HttpResponse::Header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (internal::EqualsIgnoringAsciiCase(key, name)) return &value;
  }
  return nullptr;
}

}  // namespace twilio::http
