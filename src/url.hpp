// Internal: just enough URL parsing to decide where credentials may be sent.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace twilio::internal {

/// The parts of an absolute http(s) URL that identify the server it reaches.
struct UrlOrigin {
  std::string scheme;  // lower case: "http" or "https"
  std::string host;    // lower case; IPv6 literals without brackets
  int port = 0;        // explicit, or the scheme's default
  std::string path;    // from the first '/' after the authority (query included), may be empty

  bool SameServer(const UrlOrigin& other) const {
    return scheme == other.scheme && host == other.host && port == other.port;
  }
};

/// Parses `url`; std::nullopt when it is not an absolute http(s) URL, or carries user info,
/// whitespace, control characters or backslashes (all ways to confuse where a request goes),
/// or when libcurl's own parser (curl_url) reads another scheme, host or port from it than this
/// one does, with `problem` (when given) saying which. A problem never quotes more of the URL than
/// its scheme or port: a URL may hold a secret.
std::optional<UrlOrigin> ParseUrlOrigin(std::string_view url, std::string* problem = nullptr);

/// localhost, 127.0.0.0/8 or ::1.
bool IsLoopbackHost(const std::string& host);

/// The origin of a configured base URL: absolute http(s), no user info, query or fragment, and
/// http:// only to a loopback host. Throws ValidationException naming "base_url".
UrlOrigin ValidatedBaseOrigin(const std::string& base_url);

}  // namespace twilio::internal
