#include "request_id.hpp"

#include <algorithm>
#include <cctype>

namespace twilio::internal {

std::optional<std::string> RequestIdOf(const http::HttpResponse& response) {
  const std::string* id = response.Header("Twilio-Request-Id");
  if (id == nullptr || id->empty() || id->size() > 64) return std::nullopt;
  const bool plain = std::all_of(id->begin(), id->end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
  });
  return plain ? std::optional<std::string>(*id) : std::nullopt;
}

}  // namespace twilio::internal
