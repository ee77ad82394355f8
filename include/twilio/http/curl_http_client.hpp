/// \file
/// The default transport: libcurl with basic auth, TLS verification, keep-alive and no redirects.
#pragma once

#include <memory>
#include <string>

#include "twilio/client_config.hpp"
#include "twilio/export.hpp"
#include "twilio/http/http_client.hpp"
#include "twilio/http/transport_options.hpp"

namespace twilio::http {

/// HttpClient over libcurl. Reuses easy handles (and so their connections and TLS sessions)
/// across requests from a small pool, so a listing runs over one kept-alive connection and
/// several threads can send at once. Never follows redirects. Sends the credentials only to
/// URLs on base_url's scheme, host and port.
class TWILIO_SUPERSIM_EXPORT CurlHttpClient : public HttpClient {
 public:
  /// Throws ValidationException when `options.Validate()` does.
  explicit CurlHttpClient(TransportOptions options);
  /// CurlHttpClient(config.Transport()): the transport's part of `config` (its retry policy,
  /// paging and logging settings are the API's, not the transport's).
  explicit CurlHttpClient(const ClientConfig& config);
  ~CurlHttpClient() override;
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;

  /// Sends `request` with basic auth (only to the configured server), reusing a pooled
  /// connection when one is free; see HttpClient::Send for the contract.
  HttpResponse Send(const HttpRequest& request, const CallContext& ctx) override;
  /// Send into `response`, reusing its body's buffer (grown to the next body's Content-Length
  /// when that is larger).
  void SendInto(const HttpRequest& request, const CallContext& ctx,
                HttpResponse& response) override;

  /// The User-Agent this client sends:
  /// `twilio-supersim-cpp/<version> (<os> <arch>) libcurl/<version>` plus the extensions.
  const std::string& UserAgent() const noexcept;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

/// The libcurl version string this library runs against (e.g. "7.88.1").
TWILIO_SUPERSIM_EXPORT std::string CurlVersion();

}  // namespace twilio::http
