// Internal: which proxy, if any, a request goes through. Decided here rather than left to
// libcurl's reading of the environment, so that a loopback server (the fake server in a test)
// is never sent to a proxy the environment names, and an error can name the proxy it went
// through.
#pragma once

#include <functional>
#include <string>

#include "url.hpp"

namespace twilio::internal {

struct ProxyChoice {
  /// What CURLOPT_PROXY gets: the proxy URL as given (its user info included), or "" for none.
  std::string url;
  /// `scheme://host:port` of that proxy, never its user or password; empty for none.
  std::string description;
};

/// Looks up an environment variable (getenv by default; tests pass their own).
using EnvLookup = std::function<const char*(const char*)>;

/// The proxy for a request to `target`: `configured` (ClientConfig::proxy) when set, else the
/// environment's for the scheme (https_proxy/HTTPS_PROXY; http_proxy, lower case only; then
/// all_proxy/ALL_PROXY), the latter never for a loopback host. Either is skipped for a host
/// that `no_proxy` (ClientConfig::no_proxy; when empty, no_proxy/NO_PROXY) names.
ProxyChoice ChooseProxy(const UrlOrigin& target, const std::string& configured,
                        const std::string& no_proxy, const EnvLookup& env = nullptr);

/// Whether `host` is named by `list`, in libcurl's CURLOPT_NOPROXY syntax: comma-separated
/// host names (matching the host and its subdomains; a leading dot is ignored), IP addresses,
/// CIDR ranges such as 10.0.0.0/8, or `*` for every host.
bool NoProxyNames(const std::string& list, const std::string& host);

/// `scheme://host:port` of a proxy URL (scheme http when it has none; libcurl's default port
/// when it has none), without user info.
std::string DescribeProxy(const std::string& proxy_url);

/// The password in a proxy URL's user info (`http://user:password@proxy:3128`) as written
/// there, or "" when it has none: a secret to keep out of messages and logs.
std::string ProxyPassword(const std::string& proxy_url);

}  // namespace twilio::internal
