/// \file
/// The transport seam: one virtual Send, so users and tests can inject their own HTTP client.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "twilio/call_context.hpp"
#include "twilio/export.hpp"

namespace twilio::http {

/// HTTP header fields as (name, value) pairs, in the order sent or received.
using Headers = std::vector<std::pair<std::string, std::string>>;

/// One HTTP request, as UsageRecordsApi hands it to an HttpClient.
struct HttpRequest {
  /// The HTTP method; the Super SIM UsageRecords API only uses GET.
  std::string method = "GET";
  /// Absolute URL, query string included and already percent-encoded.
  std::string url;
  /// Extra headers; the client adds Authorization, Accept and User-Agent itself.
  Headers headers;
};

/// One complete HTTP response, as an HttpClient returns it.
struct TWILIO_SUPERSIM_EXPORT HttpResponse {
  /// The HTTP status code, e.g. 200 or 429.
  int status = 0;
  /// Header names as the server sent them; look them up with Header(), case-insensitively.
  Headers headers;
  /// The whole body, decompressed.
  std::string body;
  /// From the start of the transfer to the first byte of the answer (on a new connection, name
  /// lookup, connect and TLS included), when the transport measures it (CurlHttpClient does);
  /// for logging only.
  std::optional<std::chrono::microseconds> time_to_first_byte;

  /// The first value of header `name` (case-insensitive), or nullptr.
  const std::string* Header(const std::string& name) const;
};

/// Sends one request and returns the response, whatever its status. Throws TransportException
/// when no complete response arrived, CancelledException / DeadlineExceededException when
/// `ctx` stops it. Implementations must be safe to call from several threads at once.
class TWILIO_SUPERSIM_EXPORT HttpClient {
 public:
  virtual ~HttpClient() = default;
  /// Sends `request` and returns the response, whatever its status.
  virtual HttpResponse Send(const HttpRequest& request, const CallContext& ctx) = 0;

  /// The same into `response`, which may hold an earlier response: a listing hands the same one
  /// back for every page, so a client that overrides this can reuse the body's buffer instead
  /// of allocating one per page. Every member of `response` is replaced. The default calls
  /// Send.
  virtual void SendInto(const HttpRequest& request, const CallContext& ctx,
                        HttpResponse& response) {
    response = Send(request, ctx);
  }
};

}  // namespace twilio::http
