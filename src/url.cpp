#include "url.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <memory>

#include "ascii.hpp"
#include "message_text.hpp"
#include "twilio/errors.hpp"

namespace twilio::internal {
namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct CurlUrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
struct CurlFree {
  void operator()(char* text) const { curl_free(text); }
};

// One part of `url` as libcurl reads it; empty when it has none.
std::string CurlPart(CURLU* url, CURLUPart part, unsigned int flags = 0) {
  char* raw = nullptr;
  if (curl_url_get(url, part, &raw, flags) != CURLUE_OK) return {};
  const std::unique_ptr<char, CurlFree> text(raw);
  return text ? std::string(text.get()) : std::string();
}

// Whether libcurl, which makes the connection, reads the same scheme, host and port from `url`
// as `origin` says: a URL the two parse apart is one whose credentials could go astray.
bool CurlAgrees(std::string_view url, const UrlOrigin& origin) {
  const std::unique_ptr<CURLU, CurlUrlDeleter> handle(curl_url());
  if (!handle) return false;
  if (curl_url_set(handle.get(), CURLUPART_URL, std::string(url).c_str(), 0) != CURLUE_OK) {
    return false;
  }
  std::string host = AsciiLower(CurlPart(handle.get(), CURLUPART_HOST));
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (!host.empty() && host.back() == '.') host.pop_back();
  const std::string port = CurlPart(handle.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
  return AsciiLower(CurlPart(handle.get(), CURLUPART_SCHEME)) == origin.scheme &&
         host == origin.host && port == std::to_string(origin.port) &&
         CurlPart(handle.get(), CURLUPART_USER).empty();
}

}  // namespace

std::optional<UrlOrigin> ParseUrlOrigin(std::string_view url, std::string* problem) {
  const auto fail = [problem](std::string why) -> std::optional<UrlOrigin> {
    if (problem != nullptr) *problem = std::move(why);
    return std::nullopt;
  };
  for (char c : url) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '\\') {
      return fail("must not contain spaces, control characters or backslashes");
    }
  }
  std::size_t colon = url.find("://");
  if (colon == std::string_view::npos) {
    return fail("must be an absolute URL with a scheme, such as https://supersim.twilio.com");
  }
  UrlOrigin origin;
  origin.scheme = AsciiLower(url.substr(0, colon));
  if (origin.scheme != "http" && origin.scheme != "https") {
    return fail("scheme must be http or https, got " + QuotedValue(url.substr(0, colon), 16));
  }
  std::string_view rest = url.substr(colon + 3);
  std::size_t authority_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authority_end);
  if (authority_end != std::string_view::npos) {
    origin.path = std::string(rest.substr(authority_end));
    if (origin.path[0] != '/') origin.path.insert(0, "/");
  }
  if (authority.find('@') != std::string_view::npos) {
    return fail(
        "must not contain user info (user:password@); credentials go in "
        "ClientConfig::credentials");
  }
  if (authority.empty()) return fail("has no host");

  std::string_view host = authority;
  std::string_view port;
  if (authority.front() == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return fail("has an IPv6 address without its ']'");
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return fail("has text after its IPv6 address");
      port = after.substr(1);
    }
  } else {
    std::size_t port_colon = authority.rfind(':');
    if (port_colon != std::string_view::npos) {
      host = authority.substr(0, port_colon);
      port = authority.substr(port_colon + 1);
    }
  }
  if (host.empty()) return fail("has no host");
  origin.host = AsciiLower(host);
  if (!origin.host.empty() && origin.host.back() == '.') origin.host.pop_back();  // FQDN dot
  if (port.empty()) {
    origin.port = origin.scheme == "https" ? 443 : 80;
  } else {
    const auto bad_port = [&] {
      return fail("port must be a number from 1 to 65535, got " + QuotedValue(port, 16));
    };
    if (!AllDigits(port) || port.size() > 5) return bad_port();
    origin.port = std::stoi(std::string(port));
    if (origin.port < 1 || origin.port > 65535) return bad_port();
  }
  if (!CurlAgrees(url, origin)) return fail("is read differently by libcurl (an unusual host)");
  return origin;
}

bool IsLoopbackHost(const std::string& host) {
  if (host == "localhost" || host == "::1") return true;
  // 127.0.0.0/8 as a dotted quad.
  if (host.rfind("127.", 0) != 0) return false;
  int parts = 0;
  std::size_t start = 0;
  while (start <= host.size()) {
    std::size_t dot = host.find('.', start);
    std::string_view part = std::string_view(host).substr(
        start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!AllDigits(part) || part.size() > 3 || std::stoi(std::string(part)) > 255) return false;
    ++parts;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts == 4;
}

UrlOrigin ValidatedBaseOrigin(const std::string& base_url) {
  std::string problem;
  auto origin = ParseUrlOrigin(base_url, &problem);
  if (!origin) throw ValidationException("base_url", problem);
  if (origin->path.find_first_of("?#") != std::string::npos) {
    throw ValidationException("base_url", "must not have a query or fragment");
  }
  if (origin->scheme == "http" && !IsLoopbackHost(origin->host)) {
    throw ValidationException("base_url",
                              "plain http:// is allowed only to loopback addresses; use https://");
  }
  return *origin;
}

}  // namespace twilio::internal
