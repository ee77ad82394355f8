// What the fake server sends for one request, down to the byte: the status line, the headers
// and the body, or on purpose less (a body cut short, nothing at all). Rendering is a pure
// function so that every fault's bytes are decided in one place, before any are written.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace twilio::test_support::fake {

struct HttpResponse {
  /// How much of the answer reaches the client.
  enum class Delivery {
    kWhole,              // status line, headers and body
    kHalfBodyThenClose,  // Content-Length of the whole body, half of it, then close
    kNothing,            // close without sending a byte
  };

  int status = 200;
  /// Sent in this order after Content-Type; Content-Length and Connection are the renderer's.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string content_type;  // not sent when empty
  std::string body;
  Delivery delivery = Delivery::kWhole;
};

/// The bytes to send, and whether the connection closes after them.
struct WireResponse {
  std::string bytes;
  bool close = false;
};

/// `response` as sent to a request with `method` on a connection that `keep_alive` keeps open
/// after it: a HEAD answer has the headers of the GET answer and no body, and a connection
/// that closes says so (Connection: close).
WireResponse Render(const HttpResponse& response, const std::string& method, bool keep_alive);

/// The reason phrase of `status` ("OK", "Not Found", ...).
const char* ReasonPhrase(int status);

}  // namespace twilio::test_support::fake
