/// \file
/// TransportOptions: what the libcurl transport needs to know, and nothing about retries,
/// paging or logging.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "twilio/credentials.hpp"
#include "twilio/errors.hpp"
#include "twilio/export.hpp"

namespace twilio::http {

/// The settings of CurlHttpClient, and the first part of a ClientConfig (which adds retries,
/// paging and logging); ClientConfig::Transport() copies them out of one.
struct TWILIO_SUPERSIM_EXPORT TransportOptions {
  /// Who the requests authenticate as; required (see Credentials).
  Credentials credentials;

  /// Scheme, host and optional port (and optional path prefix) of the API. Pagination follows
  /// only next_page_urls on this same scheme, host and port. Plain http:// is allowed only to
  /// loopback addresses (localhost, 127.0.0.0/8, [::1]).
  std::string base_url = "https://supersim.twilio.com";

  /// Time allowed to establish a connection (TCP and TLS).
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};
  /// Time allowed for one whole request, from connect to the last byte of the body (cut to
  /// what is left of a CallContext deadline).
  std::chrono::milliseconds request_timeout{std::chrono::seconds(60)};

  /// Words appended to the User-Agent header (e.g. "my-app/1.2").
  std::vector<std::string> user_agent_extensions;

  /// A CA bundle file to verify TLS peers with; empty uses libcurl's default store.
  std::string ca_bundle;
  /// An explicit proxy URL (`http://user:password@proxy:3128`); empty reads the environment:
  /// https_proxy/HTTPS_PROXY for https URLs, http_proxy (lower case only) for http, then
  /// all_proxy/ALL_PROXY. A proxy from the environment is never used for a loopback base_url
  /// (localhost, 127.0.0.0/8, [::1]: a local test server); an explicit one is.
  std::string proxy;
  /// Hosts that bypass the proxy, in libcurl's CURLOPT_NOPROXY syntax: comma-separated names
  /// (with their subdomains), IP addresses, CIDR ranges (10.0.0.0/8), or `*` for all. Empty
  /// reads no_proxy/NO_PROXY.
  std::string no_proxy;

  /// A response body larger than this is an error rather than an unbounded allocation.
  std::size_t max_response_bytes = 64u << 20;

  /// Throws ValidationException naming the first unusable setting: empty credentials, a
  /// base_url that is not absolute http(s) (or has user info, a query, a fragment, or is
  /// http:// to a non-loopback host), or a timeout or max_response_bytes that is not positive.
  void Validate() const;
};

}  // namespace twilio::http
