// One HTTP/1.1 request as the fake server reads it off a connection, and the parser that cuts
// it out of the bytes received. The client under test (libcurl) sends simple requests: a request
// line, headers, and at most a Content-Length body; anything else is refused, not guessed at.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace twilio::test_support::fake {

struct HttpRequest {
  std::string method;
  std::string target;     // as sent: path and query, still percent-encoded
  std::string path;       // the target before '?', percent-decoded
  std::string raw_query;  // the target after '?', as sent
  // In the order received, names as sent, values without surrounding blanks.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // HTTP/1.1 without "Connection: close", or HTTP/1.0 with "Connection: keep-alive".
  bool keep_alive = true;

  /// The first value of header `name` (any case), or nullptr.
  const std::string* Header(std::string_view name) const;
};

// Generous for a GET from libcurl (a few hundred bytes), small enough that a broken client
// cannot make the server hold much.
inline constexpr std::size_t kMaxRequestHead = 64 * 1024;
inline constexpr std::size_t kMaxRequestBody = 1024 * 1024;

enum class ParseStatus {
  kIncomplete,  // more bytes are needed
  kComplete,    // `request` is filled and `consumed` bytes of the buffer were it
  kBad,         // not a request this server can read: answer 400 and close
};

/// Parses the request at the start of `buffer`.
ParseStatus ParseRequest(std::string_view buffer, HttpRequest& request, std::size_t& consumed);

/// `text` with each %XX escape decoded to its byte (a malformed escape is kept as it is), and
/// with `plus_is_space` each '+' as a space (a query's form encoding; in a path '+' is a plus).
std::string PercentDecode(std::string_view text, bool plus_is_space);

}  // namespace twilio::test_support::fake
