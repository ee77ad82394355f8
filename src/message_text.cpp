#include "message_text.hpp"

namespace twilio::internal {

std::string QuotedValue(std::string_view value, std::size_t most) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string quoted = "\"";
  for (char c : value.substr(0, most)) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += c;
    } else if (byte < 0x20 || byte == 0x7f) {
      quoted += "\\x";
      quoted += kHex[byte >> 4];
      quoted += kHex[byte & 0x0f];
    } else {
      quoted += c;
    }
  }
  quoted += '"';
  if (value.size() > most) quoted += "...";
  return quoted;
}

}  // namespace twilio::internal
