#include "testing/fake_http_response.hpp"

namespace twilio::test_support::fake {

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 413:
      return "Payload Too Large";
    case 414:
      return "URI Too Long";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      break;
  }
  if (status >= 100 && status < 200) return "Informational";
  if (status >= 200 && status < 300) return "Success";
  if (status >= 300 && status < 400) return "Redirection";
  if (status >= 400 && status < 500) return "Client Error";
  return "Server Error";
}

WireResponse Render(const HttpResponse& response, const std::string& method, bool keep_alive) {
  using Delivery = HttpResponse::Delivery;
  WireResponse wire;
  if (response.delivery == Delivery::kNothing) {
    wire.close = true;
    return wire;
  }
  // Cutting an empty body short would leave a whole answer: that fault then changes nothing.
  const bool cut = response.delivery == Delivery::kHalfBodyThenClose && !response.body.empty();
  wire.close = cut || !keep_alive;

  std::string& out = wire.bytes;
  out.reserve(256 + response.body.size());
  out += "HTTP/1.1 ";
  out += std::to_string(response.status);
  out += ' ';
  out += ReasonPhrase(response.status);
  out += "\r\n";
  const auto header = [&out](const std::string& name, const std::string& value) {
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  };
  if (!response.content_type.empty()) header("Content-Type", response.content_type);
  header("Content-Length", std::to_string(response.body.size()));
  for (const auto& [name, value] : response.headers) header(name, value);
  if (wire.close) header("Connection", "close");
  out += "\r\n";
  if (method == "HEAD") return wire;
  out.append(response.body, 0, cut ? response.body.size() / 2 : response.body.size());
  return wire;
}

}  // namespace twilio::test_support::fake
