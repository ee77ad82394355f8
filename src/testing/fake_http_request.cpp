#include "testing/fake_http_request.hpp"

#include <optional>
#include <string>

#include "ascii.hpp"

namespace twilio::test_support::fake {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view Trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// RFC 9110's tchar: what a method or a header name may be made of.
bool IsToken(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!alnum && std::string_view("!#$%&'*+-.^_`|~").find(c) == std::string_view::npos) {
      return false;
    }
  }
  return true;
}

// Whether the comma-separated list `value` holds `token` (any case), as Connection's does.
bool ListHas(std::string_view value, std::string_view token) {
  while (!value.empty()) {
    const std::size_t comma = value.find(',');
    if (internal::EqualsIgnoringAsciiCase(Trimmed(value.substr(0, comma)), token)) return true;
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return false;
}

bool ParseRequestLine(std::string_view line, HttpRequest& request, bool& http10) {
  const std::size_t first = line.find(' ');
  if (first == std::string_view::npos) return false;
  const std::size_t second = line.find(' ', first + 1);
  if (second == std::string_view::npos) return false;
  const std::string_view method = line.substr(0, first);
  const std::string_view target = line.substr(first + 1, second - first - 1);
  const std::string_view version = line.substr(second + 1);
  if (!IsToken(method) || target.empty() || target.front() != '/') return false;
  for (const char c : target) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) return false;
  }
  if (version != "HTTP/1.1" && version != "HTTP/1.0") return false;
  http10 = version == "HTTP/1.0";
  request.method = std::string(method);
  request.target = std::string(target);
  const std::size_t question = target.find('?');
  request.path = PercentDecode(target.substr(0, question), /*plus_is_space=*/false);
  request.raw_query =
      question == std::string_view::npos ? std::string() : std::string(target.substr(question + 1));
  return true;
}

}  // namespace

std::string PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+' && plus_is_space) {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
               HexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

const std::string* HttpRequest::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (internal::EqualsIgnoringAsciiCase(key, name)) return &value;
  }
  return nullptr;
}

ParseStatus ParseRequest(std::string_view buffer, HttpRequest& request, std::size_t& consumed) {
  // Empty lines before a request line are to be ignored (RFC 9112, 2.2).
  std::size_t start = 0;
  while (buffer.substr(start, 2) == "\r\n") start += 2;
  const std::size_t head_end = buffer.find("\r\n\r\n", start);
  if (head_end == std::string_view::npos) {
    return buffer.size() - start > kMaxRequestHead ? ParseStatus::kBad : ParseStatus::kIncomplete;
  }
  if (head_end - start > kMaxRequestHead) return ParseStatus::kBad;

  request = HttpRequest{};
  const std::string_view head = buffer.substr(start, head_end - start);
  std::size_t line_end = head.find("\r\n");
  bool http10 = false;
  if (!ParseRequestLine(head.substr(0, line_end), request, http10)) return ParseStatus::kBad;

  std::optional<std::size_t> content_length;
  bool keep_alive = !http10;
  while (line_end != std::string_view::npos) {
    const std::size_t begin = line_end + 2;
    line_end = head.find("\r\n", begin);
    const std::string_view line = head.substr(begin, line_end - begin);
    const std::size_t colon = line.find(':');
    // No colon, a blank in the name, a folded line (obsolete, RFC 9112 5.2) or a bare CR or LF:
    // refused.
    if (colon == std::string_view::npos || !IsToken(line.substr(0, colon)) ||
        line.find_first_of("\r\n") != std::string_view::npos) {
      return ParseStatus::kBad;
    }
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = Trimmed(line.substr(colon + 1));
    if (internal::EqualsIgnoringAsciiCase(name, "content-length")) {
      if (value.empty() || value.size() > 18 ||
          value.find_first_not_of("0123456789") != std::string_view::npos) {
        return ParseStatus::kBad;
      }
      const std::size_t length = std::stoull(std::string(value));
      if (content_length && *content_length != length) return ParseStatus::kBad;
      content_length = length;
    } else if (internal::EqualsIgnoringAsciiCase(name, "transfer-encoding")) {
      return ParseStatus::kBad;  // a chunked body: no client of this server sends one
    } else if (internal::EqualsIgnoringAsciiCase(name, "connection")) {
      if (ListHas(value, "close")) keep_alive = false;
      if (http10 && ListHas(value, "keep-alive")) keep_alive = true;
    }
    request.headers.emplace_back(std::string(name), std::string(value));
  }
  const std::size_t body_length = content_length.value_or(0);
  if (body_length > kMaxRequestBody) return ParseStatus::kBad;
  const std::size_t body_begin = head_end + 4;
  if (buffer.size() - body_begin < body_length) return ParseStatus::kIncomplete;
  request.body = std::string(buffer.substr(body_begin, body_length));
  request.keep_alive = keep_alive;
  consumed = body_begin + body_length;
  return ParseStatus::kComplete;
}

}  // namespace twilio::test_support::fake
