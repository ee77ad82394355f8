#include "http/proxy_choice.hpp"

#if defined(_WIN32)
#include <ws2tcpip.h>  // inet_pton (Vista and later), in ws2_32
#else
#include <arpa/inet.h>
#endif

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <string_view>

#include "ascii.hpp"

namespace twilio::internal {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// An IPv4 or IPv6 address in network order; false when `text` is not one.
bool ParseAddress(const std::string& text, unsigned char (&bytes)[16], int& bits) {
  if (::inet_pton(AF_INET, text.c_str(), bytes) == 1) {
    bits = 32;
    return true;
  }
  if (::inet_pton(AF_INET6, text.c_str(), bytes) == 1) {
    bits = 128;
    return true;
  }
  return false;
}

bool InRange(const std::string& host, std::string_view range) {
  const std::size_t slash = range.find('/');
  unsigned char network[16] = {};
  unsigned char address[16] = {};
  int network_bits = 0;
  int address_bits = 0;
  if (!ParseAddress(std::string(range.substr(0, slash)), network, network_bits) ||
      !ParseAddress(host, address, address_bits) || network_bits != address_bits) {
    return false;
  }
  const std::string_view length = range.substr(slash + 1);
  if (length.empty() || length.size() > 3 ||
      !std::all_of(length.begin(), length.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  const int prefix = std::atoi(std::string(length).c_str());
  if (prefix > network_bits) return false;
  const int whole = prefix / 8;
  if (std::memcmp(network, address, static_cast<std::size_t>(whole)) != 0) return false;
  const int rest = prefix % 8;
  if (rest == 0) return true;
  const auto mask = static_cast<unsigned char>(0xff << (8 - rest));
  return (network[whole] & mask) == (address[whole] & mask);
}

const char* FirstSet(const EnvLookup& env, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    const char* value = env(name);
    if (value != nullptr && *value != '\0') return value;
  }
  return nullptr;
}

}  // namespace

bool NoProxyNames(const std::string& list, const std::string& host_in) {
  const std::string host = AsciiLower(host_in);
  std::string_view rest = list;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    std::string_view entry = Trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (entry == "*") return true;
    if (entry.find('/') != std::string_view::npos) {
      if (InRange(host, entry)) return true;
      continue;
    }
    if (entry.size() > 1 && entry.front() == '[' && entry.back() == ']') {
      entry = entry.substr(1, entry.size() - 2);
    }
    while (!entry.empty() && entry.front() == '.') entry.remove_prefix(1);
    while (!entry.empty() && entry.back() == '.') entry.remove_suffix(1);
    if (entry.empty()) continue;
    const std::string name = AsciiLower(entry);
    if (host == name) return true;
    if (host.size() > name.size() &&
        host.compare(host.size() - name.size(), name.size(), name) == 0 &&
        host[host.size() - name.size() - 1] == '.') {
      return true;
    }
  }
  return false;
}

std::string DescribeProxy(const std::string& proxy_url) {
  std::string_view rest = proxy_url;
  std::string scheme = "http";
  if (const std::size_t colon = rest.find("://"); colon != std::string_view::npos) {
    scheme = AsciiLower(rest.substr(0, colon));
    rest.remove_prefix(colon + 3);
  }
  // User info is never shown, not even part of it: a password with an unencoded '/', '?' or
  // '#' would end the authority early, so everything up to the last '@' goes first.
  if (const std::size_t at = rest.rfind('@'); at != std::string_view::npos) {
    rest.remove_prefix(at + 1);
  }
  rest = rest.substr(0, rest.find_first_of("/?#"));
  std::string host(rest);
  std::string port;
  const std::size_t bracket = host.rfind(']');
  const std::size_t colon = host.rfind(':');
  if (colon != std::string::npos && (bracket == std::string::npos || colon > bracket)) {
    port = host.substr(colon + 1);
    host.resize(colon);
  }
  // libcurl's defaults: 443 for an HTTPS proxy, 1080 for every other kind.
  if (port.empty()) port = scheme == "https" ? "443" : "1080";
  return scheme + "://" + AsciiLower(host) + ":" + port;
}

std::string ProxyPassword(const std::string& proxy_url) {
  std::string_view rest = proxy_url;
  if (const std::size_t colon = rest.find("://"); colon != std::string_view::npos) {
    rest.remove_prefix(colon + 3);
  }
  const std::size_t at = rest.rfind('@');
  if (at == std::string_view::npos) return "";
  const std::string_view user_info = rest.substr(0, at);
  const std::size_t colon = user_info.find(':');
  return colon == std::string_view::npos ? "" : std::string(user_info.substr(colon + 1));
}

ProxyChoice ChooseProxy(const UrlOrigin& target, const std::string& configured,
                        const std::string& no_proxy, const EnvLookup& env_in) {
  const EnvLookup env =
      env_in ? env_in : EnvLookup([](const char* name) { return std::getenv(name); });
  std::string proxy = configured;
  if (proxy.empty() && !IsLoopbackHost(target.host)) {
    const char* from_env = target.scheme == "https"
                               ? FirstSet(env, {"https_proxy", "HTTPS_PROXY"})
                               : FirstSet(env, {"http_proxy"});  // HTTP_PROXY: CGI's header
    if (from_env == nullptr) from_env = FirstSet(env, {"all_proxy", "ALL_PROXY"});
    if (from_env != nullptr) proxy = from_env;
  }
  if (proxy.empty()) return {};
  std::string exceptions = no_proxy;
  if (exceptions.empty()) {
    if (const char* from_env = FirstSet(env, {"no_proxy", "NO_PROXY"})) exceptions = from_env;
  }
  if (NoProxyNames(exceptions, target.host)) return {};
  return {proxy, DescribeProxy(proxy)};
}

}  // namespace twilio::internal
