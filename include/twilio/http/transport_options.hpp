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

/// The settings of CurlHttpClient. ClientConfig::Transport() copies them out of a ClientConfig,
/// whose members of the same names document each one.
struct TWILIO_SUPERSIM_EXPORT TransportOptions {
  /// Sent as basic auth, and only to base_url's scheme, host and port.
  Credentials credentials;
  /// The server that receives the credentials.
  std::string base_url = "https://supersim.twilio.com";
  /// Time allowed to establish a connection (TCP and TLS).
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};
  /// Time allowed for one whole request, cut to what is left of a CallContext deadline.
  std::chrono::milliseconds request_timeout{std::chrono::seconds(60)};
  /// Words appended to the User-Agent header.
  std::vector<std::string> user_agent_extensions;
  /// A CA bundle file to verify TLS peers with; empty uses libcurl's default store.
  std::string ca_bundle;
  /// An explicit proxy URL; empty reads the environment (never for a loopback base_url).
  std::string proxy;
  /// Hosts that bypass the proxy (CURLOPT_NOPROXY syntax); empty reads no_proxy/NO_PROXY.
  std::string no_proxy;
  /// A response body larger than this fails the request instead of growing without bound.
  std::size_t max_response_bytes = 64u << 20;

  /// Throws ValidationException naming the first unusable setting ("credentials", "base_url",
  /// "connect_timeout", "request_timeout", "max_response_bytes"), with ClientConfig's rules.
  void Validate() const;
};

}  // namespace twilio::http
