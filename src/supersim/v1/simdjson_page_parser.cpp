#include "supersim/v1/simdjson_page_parser.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>

#include "json/json_limits.hpp"
#include "json/json_number.hpp"
#include "json/json_pointer.hpp"
#include "twilio/errors.hpp"

namespace twilio::supersim::v1::internal {
namespace {

namespace od = simdjson::ondemand;
using twilio::internal::EscapeJsonPointerToken;
using twilio::internal::JsonNumber;
using twilio::internal::kMaxJsonDepth;

static_assert(twilio::internal::kBodyPadding >= simdjson::SIMDJSON_PADDING,
              "transports must reserve the padding simdjson reads past the text");

// A parser reused by its thread keeps its buffers; a larger body gets a parser of its own, so a
// rare huge page does not stay allocated for the thread's lifetime.
constexpr std::size_t kReusedParserCapacity = 8u << 20;
// Without a hint, records are reserved for a body of full records (Twilio's are ~400 bytes);
// a hint is capped so that a hostile meta.page_size cannot reserve gigabytes.
constexpr std::size_t kBytesPerRecordEstimate = 320;
constexpr std::size_t kMaxReservedRecords = 10000;

// One step of the path to the value being read. The chain lives on the C++ stack and becomes a
// JSON pointer only when an error needs it.
struct PathNode {
  const PathNode* parent = nullptr;
  std::string_view key;  // a member's name (an empty name adds nothing, as in the SAX parser)
  int64_t index = -1;    // an array element's index, when >= 0
};

std::string PathOf(const PathNode* node) {
  if (node == nullptr) return "";
  std::string path = PathOf(node->parent);
  if (node->index >= 0) return path + "/" + std::to_string(node->index);
  if (!node->key.empty()) return path + "/" + EscapeJsonPointerToken(node->key);
  return path;
}

[[noreturn]] void Fail(const PathNode* at, const std::string& reason) {
  throw ParseException(PathOf(at), reason);
}

bool IsJsonSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The text of a string whose raw form holds no escape, read in place (stage 1 already checked
// its UTF-8 and control characters); nullopt when it has escapes to decode.
std::optional<std::string_view> Unescaped(const char* raw, const char* text_end) {
  // Stage 1 guarantees a closing quote before the end of the text.
  const auto* end =
      static_cast<const char*>(std::memchr(raw, '"', static_cast<std::size_t>(text_end - raw)));
  auto size = static_cast<std::size_t>(end - raw);
  if (std::memchr(raw, '\\', size) != nullptr) return std::nullopt;
  return std::string_view(raw, size);
}

enum class RecordField {
  Ignore,
  AccountSid,
  SimSid,
  NetworkSid,
  FleetSid,
  IsoCountry,
  Period,
  DataUpload,
  DataDownload,
  DataTotal,
  DataTotalBilled,
  BilledUnit,
};

// Dispatches on the length first: one comparison per key on the hot path.
RecordField RecordFieldOf(std::string_view k) {
  switch (k.size()) {
    case 6:
      return k == "period" ? RecordField::Period : RecordField::Ignore;
    case 7:
      return k == "sim_sid" ? RecordField::SimSid : RecordField::Ignore;
    case 9:
      return k == "fleet_sid" ? RecordField::FleetSid : RecordField::Ignore;
    case 10:
      return k == "data_total" ? RecordField::DataTotal : RecordField::Ignore;
    case 11:
      if (k == "account_sid") return RecordField::AccountSid;
      if (k == "network_sid") return RecordField::NetworkSid;
      if (k == "iso_country") return RecordField::IsoCountry;
      if (k == "data_upload") return RecordField::DataUpload;
      if (k == "billed_unit") return RecordField::BilledUnit;
      return RecordField::Ignore;
    case 13:
      return k == "data_download" ? RecordField::DataDownload : RecordField::Ignore;
    case 17:
      return k == "data_total_billed" ? RecordField::DataTotalBilled : RecordField::Ignore;
    default:
      return RecordField::Ignore;
  }
}

// Walks one page. Every value is read in full, ignored ones included, so that a text nlohmann
// rejects is rejected here too; a value of the wrong type is described after it was validated,
// as nlohmann lexes a token before its SAX callback sees it.
class PageWalker {
 public:
  PageWalker(std::string_view text, std::size_t expected_records)
      : text_(text.data()),
        text_end_(text.data() + text.size()),
        expected_records_(expected_records) {}

  ListUsageRecordResponse Walk(od::document& doc) {
    ListUsageRecordResponse page;
    od::json_type type = doc.type();
    if (type != od::json_type::object) {
      Fail(nullptr, std::string("expected an object, got ") + DescribeRoot(doc, type));
    }
    for (od::field field : doc.get_object()) {
      std::string_view key = KeyOf(field);
      PathNode here{nullptr, key};
      od::value& value = field.value();
      if (key == "usage_records") {
        Records(value, page.usage_records, here);
      } else if (key == "meta") {
        Meta(value, page.meta, here);
      } else {
        Skip(value, 1, here);
      }
    }
    // Past the object's end, current_location() fails with OUT_OF_BOUNDS unless more follows.
    const char* rest = nullptr;
    if (doc.current_location().get(rest) == simdjson::SUCCESS) {
      Malformed(rest, "content after the top-level object");
    }
    return page;
  }

 private:
  void Records(od::value& value, std::vector<SupersimV1UsageRecord>& records, const PathNode& at) {
    od::json_type type = value.type();
    if (type == od::json_type::null) return Null(value);
    if (type != od::json_type::array) Mismatch(value, type, "expected an array", at);
    records.clear();
    records.reserve(expected_records_);  // moving 1000 records as the vector grows costs ~10%
    int64_t index = 0;
    for (od::value element : value.get_array()) {
      PathNode here{&at, {}, index++};
      od::json_type element_type = element.type();
      if (element_type != od::json_type::object) {
        Mismatch(element, element_type, "expected an object", here);
      }
      Record(element.get_object(), records.emplace_back(), here);
    }
  }

  void Record(od::object object, SupersimV1UsageRecord& r, const PathNode& at) {
    for (od::field field : object) {
      std::string_view key = KeyOf(field);
      PathNode here{&at, key};
      od::value& value = field.value();
      switch (RecordFieldOf(key)) {
        case RecordField::AccountSid:
          String(value, r.account_sid, here);
          break;
        case RecordField::SimSid:
          String(value, r.sim_sid, here);
          break;
        case RecordField::NetworkSid:
          String(value, r.network_sid, here);
          break;
        case RecordField::FleetSid:
          String(value, r.fleet_sid, here);
          break;
        case RecordField::IsoCountry:
          String(value, r.iso_country, here);
          break;
        case RecordField::BilledUnit:
          String(value, r.billed_unit, here);
          break;
        case RecordField::DataUpload:
          Integer(value, r.data_upload, here);
          break;
        case RecordField::DataDownload:
          Integer(value, r.data_download, here);
          break;
        case RecordField::DataTotal:
          Integer(value, r.data_total, here);
          break;
        case RecordField::DataTotalBilled:
          Billed(value, r.data_total_billed, here);
          break;
        case RecordField::Period:
          Period(value, r.period, here);
          break;
        case RecordField::Ignore:
          Skip(value, 3, here);
          break;
      }
    }
  }

  void Period(od::value& value, std::optional<v1::Period>& period, const PathNode& at) {
    od::json_type type = value.type();
    if (type == od::json_type::null) return Null(value);
    if (type != od::json_type::object) Mismatch(value, type, "expected an object", at);
    period.emplace();
    for (od::field field : value.get_object()) {
      std::string_view key = KeyOf(field);
      PathNode here{&at, key};
      od::value& member = field.value();
      if (key == "start_time") {
        Time(member, period->start_time, last_start_, here);
      } else if (key == "end_time") {
        Time(member, period->end_time, last_end_, here);
      } else {
        Skip(member, 4, here);
      }
    }
  }

  void Meta(od::value& value, ListUsageRecordResponseMeta& meta, const PathNode& at) {
    od::json_type type = value.type();
    if (type == od::json_type::null) return Null(value);
    if (type != od::json_type::object) Mismatch(value, type, "expected an object", at);
    // Fields merge into what an earlier "meta" member set, as in the SAX parser.
    for (od::field field : value.get_object()) {
      std::string_view key = KeyOf(field);
      PathNode here{&at, key};
      od::value& member = field.value();
      if (key == "first_page_url") {
        String(member, meta.first_page_url, here);
      } else if (key == "key") {
        String(member, meta.key, here);
      } else if (key == "next_page_url") {
        String(member, meta.next_page_url, here);
      } else if (key == "page") {
        Integer(member, meta.page, here);
      } else if (key == "page_size") {
        Integer(member, meta.page_size, here);
      } else if (key == "previous_page_url") {
        String(member, meta.previous_page_url, here);
      } else if (key == "url") {
        String(member, meta.url, here);
      } else {
        Skip(member, 2, here);
      }
    }
  }

  // Nullable fields: null leaves the optional as it was.
  void String(od::value& value, std::optional<std::string>& out, const PathNode& at) {
    od::json_type type = value.type();
    if (type == od::json_type::string) {
      out.emplace(Text(value));
    } else if (type == od::json_type::null) {
      Null(value);
    } else {
      Mismatch(value, type, "expected a string", at);
    }
  }

  // A string value's text: in place when it has no escapes, else decoded by simdjson. Either
  // way the value is consumed: On-Demand would step over an unconsumed string followed by a
  // colon as if it were a key, accepting {"a":"b":"c"}.
  std::string_view Text(od::value& value) {
    std::string_view token = value.raw_json_token();  // starts at the opening quote
    if (auto text = Unescaped(token.data() + 1, text_end_)) {
      (void)od::raw_json_string(value.get_raw_json_string());
      return *text;
    }
    return value.get_string();
  }

  void Integer(od::value& value, std::optional<int64_t>& out, const PathNode& at) {
    od::json_type type = value.type();
    if (type == od::json_type::number) {
      // simdjson's integer reader accepts exactly the int64 tokens (no leading zeros, no
      // fraction or exponent); anything else is classified the slow way for its error.
      int64_t fast = 0;
      if (value.get_int64().get(fast) == simdjson::SUCCESS) {
        out = fast;
        return;
      }
      std::string_view token;
      JsonNumber number = Number(value, token);
      if (number.kind == JsonNumber::Kind::Integer) {
        out = number.value;
        return;
      }
    } else if (type == od::json_type::null) {
      return Null(value);
    }
    Mismatch(value, type, "expected an integer", at);
  }

  void Billed(od::value& value, std::optional<Decimal>& out, const PathNode& at) {
    od::json_type type = value.type();
    std::string text;
    if (type == od::json_type::string) {
      text = Text(value);
    } else if (type == od::json_type::number) {
      std::string_view token;
      JsonNumber number = Number(value, token);
      // nlohmann hands an int64 over as a value (so "-0" reads as "0"), anything else as text.
      text = number.kind == JsonNumber::Kind::Integer ? std::to_string(number.value)
                                                      : std::string(token);
    } else if (type == od::json_type::null) {
      return Null(value);
    } else {
      Mismatch(value, type, "expected a decimal number or a string holding one", at);
    }
    try {
      out = Decimal::Parse(text);
    } catch (const std::invalid_argument& e) {
      Fail(&at, e.what());
    }
  }

  // The last time text read and its value: the records of a page mostly share their period
  // (every SIM's same hour), so most times are read by one comparison.
  struct TimeMemo {
    std::string_view text;  // into the body or simdjson's string buffer: valid for the walk
    TimePoint value;
  };

  void Time(od::value& value, std::optional<TimePoint>& out, TimeMemo& memo, const PathNode& at) {
    od::json_type type = value.type();
    if (type == od::json_type::string) {
      std::string_view text = Text(value);
      if (!memo.text.empty() && text == memo.text) {
        out = memo.value;
        return;
      }
      try {
        out = ParseRfc3339(text);
      } catch (const std::invalid_argument& e) {
        Fail(&at, e.what());
      }
      memo = {text, *out};
    } else if (type == od::json_type::null) {
      Null(value);
    } else {
      Mismatch(value, type, "expected a string", at);
    }
  }

  std::string_view KeyOf(od::field& field) {
    if (auto key = Unescaped(field.key().raw(), text_end_)) return *key;
    return field.unescaped_key();
  }

  // Validates an ignored value, reporting nesting past kMaxJsonDepth at the ignored member.
  void Skip(od::value& value, int depth, const PathNode& member) {
    od::json_type type = value.type();
    if (type != od::json_type::object && type != od::json_type::array) {
      Describe(value, type);
      return;
    }
    if (depth + 1 > kMaxJsonDepth) {
      Fail(&member, "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    }
    if (type == od::json_type::object) {
      for (od::field field : value.get_object()) {
        (void)KeyOf(field);
        od::value& child = field.value();
        Skip(child, depth + 1, member);
      }
    } else {
      for (od::value child : value.get_array()) Skip(child, depth + 1, member);
    }
  }

  [[noreturn]] void Mismatch(od::value& value, od::json_type type, const char* expected,
                             const PathNode& at) {
    std::string got = Describe(value, type);
    Fail(&at, std::string(expected) + ", got " + got);
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

  // A top-level scalar is named by its token alone (nlohmann reports the type before looking
  // further), read from the text: simdjson 3.0.1 refuses some valid ones, such as a `false`
  // after leading tabs.
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

  void Null(od::value& value) {
    if (!bool(value.is_null())) Malformed(value.current_location(), "not a JSON value");
  }

  // The number's token as nlohmann reads it; `token` gets its text. The value is left
  // unconsumed: On-Demand steps over one scalar token and then checks the comma or brace after
  // it (simdjson's own number reader refuses valid tokens such as 1e-0000000000000000000001).
  JsonNumber Number(od::value& value, std::string_view& token) {
    token = value.raw_json_token();
    return Classify(token);
  }

  JsonNumber Classify(std::string_view& token) {
    while (!token.empty() && IsJsonSpace(token.back())) token.remove_suffix(1);
    JsonNumber number = twilio::internal::ClassifyJsonNumber(token);
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
  std::size_t expected_records_;
  TimeMemo last_start_, last_end_;
};

ListUsageRecordResponse ParsePadded(const char* text, std::size_t size, std::size_t capacity,
                                    std::size_t expected_records) {
  thread_local od::parser reused;
  od::parser own;
  od::parser& parser = size <= kReusedParserCapacity ? reused : own;
  // A UTF-8 byte order mark is skipped, as nlohmann does.
  std::size_t bom = size >= 3 && std::string_view(text, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  try {
    od::document doc = parser.iterate(text + bom, size - bom, capacity - bom);
    return PageWalker(std::string_view(text, size), expected_records).Walk(doc);
  } catch (const simdjson::simdjson_error& e) {
    throw ParseException("", std::string("malformed JSON: ") + e.what());
  }
}

}  // namespace

ListUsageRecordResponse ParsePageWithSimdjson(std::string& body, std::size_t expected_records) {
  // Writing the padding (rather than only reserving it) keeps every byte simdjson reads defined;
  // it reallocates only when the transport did not leave the spare capacity.
  std::size_t size = body.size();
  body.append(twilio::internal::kBodyPadding, ' ');
  body.resize(size);
  if (expected_records == 0) expected_records = size / kBytesPerRecordEstimate;
  return ParsePadded(body.data(), size, size + twilio::internal::kBodyPadding,
                     std::min(expected_records, kMaxReservedRecords));
}

ListUsageRecordResponse ParsePageWithSimdjson(std::string_view body, std::size_t expected_records) {
  std::string copy;
  copy.reserve(body.size() + twilio::internal::kBodyPadding);
  copy.assign(body);
  return ParsePageWithSimdjson(copy, expected_records);
}

}  // namespace twilio::supersim::v1::internal

namespace twilio::supersim::v1 {

ListUsageRecordResponse ParseListUsageRecordResponse(std::string_view body) {
  return internal::ParsePageWithSimdjson(body);
}

}  // namespace twilio::supersim::v1
