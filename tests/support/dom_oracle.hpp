// Test oracle: a page read the obvious way, over nlohmann's DOM, with the usage record's fields
// written out by hand. It shares nothing with the library's schema or its wire parser (only the
// leaf parsers of decimals and times), so the differential tests and fuzzer compare the wire
// parser with something written independently. ordered_json keeps the members in the text's
// order, so the first error found is the wire parser's first error too.
#pragma once

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "twilio/errors.hpp"
#include "twilio/supersim/v1/list_usage_record_response.hpp"

namespace twilio::testdata {

class DomOracle {
 public:
  using Json = nlohmann::ordered_json;

  /// Whether data_total_billed of record i came from a JSON number that the DOM holds as a
  /// double (so only its value, not its text, can match the wire's).
  std::vector<bool> billed_from_double;

  /// The page in `text`; throws ParseException for a value of the wrong type and
  /// nlohmann::json::exception for text that is not JSON.
  supersim::v1::ListUsageRecordResponse ReadText(const std::string& text) {
    return ReadPage(Json::parse(text));
  }

 private:
  static constexpr int kMaxDepth = 256;

  supersim::v1::ListUsageRecordResponse ReadPage(const Json& page) {
    supersim::v1::ListUsageRecordResponse out;
    if (!page.is_object()) Fail("", "expected an object, got " + Kind(page));
    for (const auto& [key, value] : page.items()) {
      const std::string path = "/" + Token(key);
      if (key == "usage_records") {
        if (value.is_null()) continue;
        if (!value.is_array()) Fail(path, "expected an array, got " + Kind(value));
        out.usage_records.clear();
        billed_from_double.clear();
        for (std::size_t i = 0; i < value.size(); ++i) {
          const std::string at = path + "/" + std::to_string(i);
          if (!value[i].is_object()) Fail(at, "expected an object, got " + Kind(value[i]));
          out.usage_records.push_back(Record(value[i], at));
        }
      } else if (key == "meta") {
        if (value.is_null()) continue;
        if (!value.is_object()) Fail(path, "expected an object, got " + Kind(value));
        out.meta = Meta(value, path);
      } else {
        CheckDepth(value, 1, path);
      }
    }
    return out;
  }

  supersim::v1::SupersimV1UsageRecord Record(const Json& record, const std::string& at) {
    supersim::v1::SupersimV1UsageRecord r;
    bool from_double = false;
    for (const auto& [key, value] : record.items()) {
      const std::string path = at + "/" + Token(key);
      if (key == "account_sid") {
        r.account_sid = String(value, path);
      } else if (key == "sim_sid") {
        r.sim_sid = String(value, path);
      } else if (key == "network_sid") {
        r.network_sid = String(value, path);
      } else if (key == "fleet_sid") {
        r.fleet_sid = String(value, path);
      } else if (key == "iso_country") {
        r.iso_country = String(value, path);
      } else if (key == "period") {
        r.period = Period(value, path);
      } else if (key == "data_upload") {
        r.data_upload = Integer(value, path);
      } else if (key == "data_download") {
        r.data_download = Integer(value, path);
      } else if (key == "data_total") {
        r.data_total = Integer(value, path);
      } else if (key == "data_total_billed") {
        r.data_total_billed = Billed(value, path);
        from_double = value.is_number_float();
      } else if (key == "billed_unit") {
        r.billed_unit = String(value, path);
      } else {
        CheckDepth(value, 3, path);
      }
    }
    billed_from_double.push_back(from_double);
    return r;
  }

  std::optional<supersim::v1::Period> Period(const Json& value, const std::string& at) {
    if (value.is_null()) return std::nullopt;
    if (!value.is_object()) Fail(at, "expected an object, got " + Kind(value));
    supersim::v1::Period p;
    for (const auto& [key, member] : value.items()) {
      const std::string path = at + "/" + Token(key);
      if (key == "start_time") {
        p.start_time = Time(member, path);
      } else if (key == "end_time") {
        p.end_time = Time(member, path);
      } else {
        CheckDepth(member, 4, path);
      }
    }
    return p;
  }

  supersim::v1::ListUsageRecordResponseMeta Meta(const Json& meta, const std::string& at) {
    supersim::v1::ListUsageRecordResponseMeta m;
    for (const auto& [key, value] : meta.items()) {
      const std::string path = at + "/" + Token(key);
      if (key == "first_page_url") {
        m.first_page_url = String(value, path);
      } else if (key == "key") {
        m.key = String(value, path);
      } else if (key == "next_page_url") {
        m.next_page_url = String(value, path);
      } else if (key == "page") {
        m.page = Integer(value, path);
      } else if (key == "page_size") {
        m.page_size = Integer(value, path);
      } else if (key == "previous_page_url") {
        m.previous_page_url = String(value, path);
      } else if (key == "url") {
        m.url = String(value, path);
      } else {
        CheckDepth(value, 2, path);
      }
    }
    return m;
  }

  static std::optional<std::string> String(const Json& value, const std::string& path) {
    if (value.is_null()) return std::nullopt;
    if (!value.is_string()) Fail(path, "expected a string, got " + Kind(value));
    return value.get<std::string>();
  }

  static std::optional<int64_t> Integer(const Json& value, const std::string& path) {
    if (value.is_null()) return std::nullopt;
    if (value.is_number_integer() && !IsBeyondInt64(value)) return value.get<int64_t>();
    Fail(path, "expected an integer, got " + Kind(value));
  }

  static std::optional<Decimal> Billed(const Json& value, const std::string& path) {
    if (value.is_null()) return std::nullopt;
    std::string text;
    if (value.is_string()) {
      text = value.get<std::string>();
    } else if (value.is_number_unsigned()) {
      text = std::to_string(value.get<uint64_t>());
    } else if (value.is_number_integer()) {
      text = std::to_string(value.get<int64_t>());
    } else if (value.is_number_float()) {
      text = value.dump();
    } else {
      Fail(path, "expected a decimal number or a string holding one, got " + Kind(value));
    }
    try {
      return Decimal::Parse(text);
    } catch (const std::invalid_argument& e) {
      Fail(path, e.what());
    }
  }

  static std::optional<TimePoint> Time(const Json& value, const std::string& path) {
    if (value.is_null()) return std::nullopt;
    if (!value.is_string()) Fail(path, "expected a string, got " + Kind(value));
    try {
      return ParseRfc3339(value.get<std::string>());
    } catch (const std::invalid_argument& e) {
      Fail(path, e.what());
    }
  }

  // An ignored value, found in an object at nesting level `depth`, may nest 256 levels in all.
  static void CheckDepth(const Json& value, int depth, const std::string& member) {
    if (!value.is_structured()) return;
    if (depth + 1 > kMaxDepth) {
      Fail(member, "JSON nested deeper than " + std::to_string(kMaxDepth) + " levels");
    }
    for (const auto& child : value) CheckDepth(child, depth + 1, member);
  }

  static bool IsBeyondInt64(const Json& value) {
    return value.is_number_unsigned() &&
           value.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  }

  static std::string Kind(const Json& value) {
    if (value.is_object()) return "an object";
    if (value.is_array()) return "an array";
    if (value.is_string()) return "a string";
    if (value.is_boolean()) return "a boolean";
    if (value.is_null()) return "null";
    if (IsBeyondInt64(value)) return "an integer beyond int64";
    if (value.is_number_integer()) return "an integer";
    return "a non-integer number";
  }

  // A member's name as a JSON pointer token (RFC 6901).
  static std::string Token(const std::string& key) {
    std::string token;
    for (char c : key) {
      if (c == '~') {
        token += "~0";
      } else if (c == '/') {
        token += "~1";
      } else {
        token += c;
      }
    }
    return token;
  }

  [[noreturn]] static void Fail(const std::string& path, const std::string& reason) {
    throw ParseException(path, reason);
  }
};

}  // namespace twilio::testdata
