// Internal: reads single values of a simdjson On-Demand document into std::optional members,
// with the rules every model shares: null and a value of the wrong type, a JSON path in every
// error, and every value read in full (ignored ones included) so that text that is not JSON is
// refused wherever it is. Knows nothing of any model: supersim/v1/model_walker.hpp drives it
// from the schema.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "json/json_limits.hpp"
#include "json/json_number.hpp"
#include "json/json_pointer.hpp"
#include "json/simdjson_support.hpp"
#include "twilio/decimal.hpp"
#include "twilio/errors.hpp"
#include "twilio/time_format.hpp"

namespace twilio::internal {

/// One step of the path to the value being read. The chain lives on the C++ stack and becomes a
/// JSON pointer only when an error needs it.
struct PathNode {
  const PathNode* parent = nullptr;
  std::string_view key;  // a member's name, when index < 0
  int64_t index = -1;    // an array element's index, when >= 0
};

inline std::string PathOf(const PathNode* node) {
  if (node == nullptr) return "";
  std::string path = PathOf(node->parent);
  if (node->index >= 0) return path + "/" + std::to_string(node->index);
  return path + "/" + EscapeJsonPointerToken(node->key);
}

[[noreturn]] inline void FailAt(const PathNode* at, const std::string& reason) {
  throw ParseException(PathOf(at), reason);
}

class ValueReader {
 public:
  explicit ValueReader(std::string_view text)
      : text_(text.data()), text_end_(text.data() + text.size()) {}

  // A null clears `out` only when `fresh` (the first value of the field in its object), so a
  // reused record reads as a fresh one and a repeated key's null keeps the earlier value.
  void Read(od::value& value, std::optional<std::string>& out, const PathNode& at, bool fresh) {
    od::json_type type = value.type();
    if (type == od::json_type::string) {
      std::string_view text = Text(value);
      if (out && out->size() == text.size()) {
        std::memcpy(out->data(), text.data(), text.size());  // a reused record's SID, refilled
      } else if (out) {
        out->assign(text.data(), text.size());  // keeps the heap block of a reused record
      } else {
        out.emplace(text);
      }
    } else if (type == od::json_type::null) {
      Null(value);
      if (fresh) out.reset();
    } else {
      Mismatch(value, type, "expected a string", at);
    }
  }

  void Read(od::value& value, std::optional<int64_t>& out, const PathNode& at, bool fresh) {
    od::json_type type = value.type();
    if (type == od::json_type::number) {
      // A token of at most 18 digits without a leading zero (every count Twilio sends) is read
      // here; anything else is classified the slow way, for its value or its error. The value
      // is left unconsumed: On-Demand steps over a scalar it was not asked for.
      std::string_view token = value.raw_json_token();
      if (std::optional<int64_t> plain = PlainInteger(token)) {
        out = *plain;
        return;
      }
      JsonNumber number = Classify(token);
      if (number.kind == JsonNumber::Kind::Integer) {
        out = number.value;
        return;
      }
    } else if (type == od::json_type::null) {
      Null(value);
      if (fresh) out.reset();
      return;
    }
    Mismatch(value, type, "expected an integer", at);
  }

  void Read(od::value& value, std::optional<Decimal>& out, const PathNode& at, bool fresh) {
    od::json_type type = value.type();
    std::string_view text;
    std::string integer;  // an integer token's value as text ("-0" reads as "0")
    if (type == od::json_type::string) {
      text = Text(value);
    } else if (type == od::json_type::number) {
      std::string_view token;
      JsonNumber number = Number(value, token);
      if (number.kind == JsonNumber::Kind::Integer) {
        integer = std::to_string(number.value);
        text = integer;
      } else {
        text = token;
      }
    } else if (type == od::json_type::null) {
      Null(value);
      if (fresh) out.reset();
      return;
    } else {
      Mismatch(value, type, "expected a decimal number or a string holding one", at);
    }
    try {
      out = Decimal::Parse(text);
    } catch (const std::invalid_argument& e) {
      FailAt(&at, e.what());
    }
  }

  /// The last time text read and its value: the records of a page mostly share their period
  /// (every SIM's same hour), so most times are read by one comparison.
  struct TimeMemo {
    std::string_view text;  // into the body or simdjson's string buffer: valid for the walk
    TimePoint value;
  };

  void Read(od::value& value, std::optional<TimePoint>& out, const PathNode& at, bool fresh,
            TimeMemo& memo) {
    od::json_type type = value.type();
    if (type == od::json_type::string) {
      std::string_view text = Text(value);
      if (!memo.text.empty() && SameText(text, memo.text)) {
        out = memo.value;
        return;
      }
      try {
        out = ParseRfc3339(text);
      } catch (const std::invalid_argument& e) {
        FailAt(&at, e.what());
      }
      memo = {text, *out};
    } else if (type == od::json_type::null) {
      Null(value);
      if (fresh) out.reset();
    } else {
      Mismatch(value, type, "expected a string", at);
    }
  }

  /// A member's name: in place when it has no escapes, else decoded by simdjson.
  std::string_view KeyOf(od::field& field) { return twilio::internal::KeyOf(field, text_end_); }

  /// Validates an ignored value found in an object at nesting level `depth`, reporting nesting
  /// past kMaxJsonDepth at the ignored member.
  void Skip(od::value& value, int depth, const PathNode& member) {
    od::json_type type = value.type();
    if (type != od::json_type::object && type != od::json_type::array) {
      Describe(value, type);
      return;
    }
    if (depth + 1 > kMaxJsonDepth) {
      FailAt(&member, "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    }
    if (type == od::json_type::object) {
      for (auto result : value.get_object()) {
        od::field&& field = Checked(result);
        (void)KeyOf(field);
        od::value& child = field.value();
        Skip(child, depth + 1, member);
      }
    } else {
      for (auto result : value.get_array()) {
        od::value&& child = Checked(result);
        Skip(child, depth + 1, member);
      }
    }
  }

  [[noreturn]] void Mismatch(od::value& value, od::json_type type, const char* expected,
                             const PathNode& at) {
    std::string got = Describe(value, type);
    FailAt(&at, std::string(expected) + ", got " + got);
  }

  /// Reads a null (which On-Demand only peeked at) and refuses a token that merely starts as one.
  void Null(od::value& value) {
    if (!bool(value.is_null())) Malformed(value.current_location(), "not a JSON value");
  }

  /// Refuses the top-level value unless it is an object. A scalar is named by its token alone,
  /// read from the text: simdjson 3.0.1 refuses some valid ones, such as a `false` after leading
  /// tabs.
  void ExpectObjectRoot(od::document& doc) {
    od::json_type type = doc.type();
    if (type == od::json_type::object) return;
    FailAt(nullptr, std::string("expected an object, got ") + DescribeRoot(doc, type));
  }

  /// Refuses text after the top-level value: past its end, current_location() fails with
  /// OUT_OF_BOUNDS unless more follows.
  void ExpectEnd(od::document& doc) {
    const char* rest = nullptr;
    if (doc.current_location().get(rest) == simdjson::SUCCESS) {
      Malformed(rest, "content after the top-level object");
    }
  }

 private:
  // A string value's text: in place when it has no escapes, else decoded by simdjson. Either
  // way the value is consumed: On-Demand would step over an unconsumed string followed by a
  // colon as if it were a key, accepting {"a":"b":"c"}.
  std::string_view Text(od::value& value) {
    // The token runs from the opening quote to the next structural character: the closing
    // quote is its last non-space byte, so its length needs no scan.
    std::string_view token = value.raw_json_token();
    while (IsJsonSpace(token.back())) token.remove_suffix(1);
    if (token.size() >= 2 && !HasBackslash(token.data() + 1, token.size() - 2)) {
      (void)od::raw_json_string(value.get_raw_json_string());
      return token.substr(1, token.size() - 2);
    }
    return value.get_string();
  }

  // The value of `token` (a number's raw token, trailing spaces included) when it is a plain
  // non-negative integer of 1 to 18 digits, which int64_t always holds.
  static std::optional<int64_t> PlainInteger(std::string_view token) {
    const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    std::size_t digits = 0;
    int64_t value = 0;  // 18 digits never overflow it
    while (digits < token.size() && digits < 18 && is_digit(token[digits])) {
      value = value * 10 + (token[digits++] - '0');
    }
    if (digits == 0 || (token[0] == '0' && digits > 1)) return std::nullopt;
    // The token must end here: at a space before the next structural character, or at its end.
    for (std::size_t i = digits; i < token.size(); ++i) {
      if (!IsJsonSpace(token[i])) return std::nullopt;
    }
    return value;
  }

  // Equality of two short texts; an RFC 3339 time of Twilio's (20 bytes) in two loads and a
  // compare each, without a call to memcmp.
  static bool SameText(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    if (a.size() == 20) {
      uint64_t x[2], y[2];
      uint32_t u, v;
      std::memcpy(x, a.data(), 16);
      std::memcpy(y, b.data(), 16);
      std::memcpy(&u, a.data() + 16, 4);
      std::memcpy(&v, b.data() + 16, 4);
      return ((x[0] ^ y[0]) | (x[1] ^ y[1]) | (u ^ v)) == 0;
    }
    return a == b;
  }

  // Reads a value in full (a container is not entered) and names its kind.
  const char* Describe(od::value& value, od::json_type type) {
    switch (type) {
      case od::json_type::array:
        return "an array";
      case od::json_type::object:
        return "an object";
      case od::json_type::string:
        (void)std::string_view(value.get_string());
        return "a string";
      case od::json_type::boolean:
        (void)bool(value.get_bool());
        return "a boolean";
      case od::json_type::null:
        Null(value);
        return "null";
      case od::json_type::number: {
        std::string_view token;
        return KindOf(Number(value, token));
      }
    }
    return "a value";
  }

  const char* DescribeRoot(od::document& doc, od::json_type type) {
    if (type == od::json_type::array) return "an array";
    std::string_view token = doc.raw_json_token();
    while (!token.empty() && IsJsonSpace(token.back())) token.remove_suffix(1);
    switch (type) {
      case od::json_type::string:
        (void)std::string_view(doc.get_string());
        return "a string";
      case od::json_type::boolean:
        if (token != "true" && token != "false") Malformed(token.data(), "not a JSON value");
        return "a boolean";
      case od::json_type::null:
        if (token != "null") Malformed(token.data(), "not a JSON value");
        return "null";
      case od::json_type::number:
        return KindOf(Classify(token));
      default:
        return "an object";
    }
  }

  static const char* KindOf(const JsonNumber& number) {
    switch (number.kind) {
      case JsonNumber::Kind::Integer:
        return "an integer";
      case JsonNumber::Kind::BigInteger:
        return "an integer beyond int64";
      default:
        return "a non-integer number";
    }
  }

  // The number's token by RFC 8259's grammar; `token` gets its text. The value is left
  // unconsumed: On-Demand steps over one scalar token and then checks the comma or brace after
  // it (simdjson's own number reader refuses valid tokens such as 1e-0000000000000000000001).
  JsonNumber Number(od::value& value, std::string_view& token) {
    token = value.raw_json_token();
    return Classify(token);
  }

  JsonNumber Classify(std::string_view& token) {
    while (!token.empty() && IsJsonSpace(token.back())) token.remove_suffix(1);
    JsonNumber number = ClassifyJsonNumber(token);
    if (number.kind == JsonNumber::Kind::Invalid) Malformed(token.data(), "not a JSON number");
    if (number.kind == JsonNumber::Kind::Overflow) {
      Malformed(token.data(), "number overflow: " + std::string(token));
    }
    return number;
  }

  [[noreturn]] void Malformed(const char* where, const std::string& what) const {
    throw ParseException("",
                         "malformed JSON at byte " + std::to_string(where - text_) + ": " + what);
  }

  const char* text_;
  const char* text_end_;
};

}  // namespace twilio::internal
