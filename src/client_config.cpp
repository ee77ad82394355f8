#include "twilio/client_config.hpp"

#include <map>

#include "client_config_checks.hpp"
#include "environment.hpp"
#include "twilio/errors.hpp"
#include "url.hpp"

namespace twilio {
namespace {

// A host-name label: letters, digits and inner hyphens, so nothing can smuggle in a '/', '@'
// or '.' and change the host the credentials go to.
void RequireLabel(const std::string& value, const char* parameter) {
  bool ok = !value.empty() && value.size() <= 63 && value.front() != '-' && value.back() != '-';
  for (char c : value) {
    ok = ok &&
         ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-');
  }
  if (!ok) throw ValidationException(parameter, "must be a host name label (letters, digits, '-')");
}

}  // namespace

std::string ClientConfig::RegionalBaseUrl(const std::string& edge, const std::string& region) {
  // Twilio's documented default edge for each region.
  static const std::map<std::string, std::string> kDefaultEdge = {
      {"au1", "sydney"},    {"br1", "sao-paulo"}, {"de1", "frankfurt"},
      {"ie1", "dublin"},    {"jp1", "tokyo"},     {"jp2", "osaka"},
      {"sg1", "singapore"}, {"us1", "ashburn"},   {"us2", "umatilla"}};
  if (edge.empty() && region.empty()) return "https://supersim.twilio.com";
  std::string resolved_region = region.empty() ? "us1" : region;
  std::string resolved_edge = edge;
  if (resolved_edge.empty()) {
    auto it = kDefaultEdge.find(resolved_region);
    if (it == kDefaultEdge.end()) {
      RequireLabel(resolved_region, "region");
      return "https://supersim." + resolved_region + ".twilio.com";
    }
    resolved_edge = it->second;
  }
  RequireLabel(resolved_edge, "edge");
  RequireLabel(resolved_region, "region");
  return "https://supersim." + resolved_edge + "." + resolved_region + ".twilio.com";
}

void http::TransportOptions::Validate() const {
  if (credentials.Empty()) {
    throw ValidationException("credentials", "are required (see Credentials::FromEnvironment)");
  }
  internal::ValidatedBaseOrigin(base_url);
  if (connect_timeout.count() <= 0) {
    throw ValidationException("connect_timeout", "must be positive");
  }
  if (request_timeout.count() <= 0) {
    throw ValidationException("request_timeout", "must be positive");
  }
  if (max_response_bytes == 0) throw ValidationException("max_response_bytes", "must be positive");
}

void ClientConfig::Validate() const {
  Transport().Validate();
  internal::ValidateListingSettings(*this);
}

http::TransportOptions ClientConfig::Transport() const {
  return *this;
}

void internal::ValidateListingSettings(const ClientConfig& config) {
  config.retry.Validate();
  if (config.max_consecutive_empty_pages < 1) {
    throw ValidationException("max_consecutive_empty_pages", "must be at least 1");
  }
}

ClientConfig ClientConfig::FromEnvironment() {
  ClientConfig config;
  config.credentials = Credentials::FromEnvironment();
  // An emulator endpoint, as google-cloud-cpp and the AWS SDKs read one: the same program runs
  // against the fake server. Validate() holds it to the rules of any base_url.
  const std::string base_url = internal::EnvironmentValue("TWILIO_SUPERSIM_BASE_URL");
  config.base_url = base_url.empty() ? RegionalBaseUrl(internal::EnvironmentValue("TWILIO_EDGE"),
                                                       internal::EnvironmentValue("TWILIO_REGION"))
                                     : base_url;
  return config;
}

}  // namespace twilio
