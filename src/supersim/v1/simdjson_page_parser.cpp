#include "supersim/v1/simdjson_page_parser.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>

#include "json/json_limits.hpp"
#include "json/json_number.hpp"
#include "json/json_pointer.hpp"
#include "json/simdjson_support.hpp"
#include "supersim/v1/page_reader.hpp"
#include "supersim/v1/page_walker.hpp"
#include "twilio/errors.hpp"

namespace twilio::supersim::v1::internal {
namespace {

namespace od = simdjson::ondemand;
using twilio::internal::Checked;
using twilio::internal::EscapeJsonPointerToken;
using twilio::internal::HasBackslash;
using twilio::internal::IsJsonSpace;
using twilio::internal::JsonNumber;
using twilio::internal::kMaxJsonDepth;

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
  Unknown,  // not a field's name as written: an unknown key, or a known one with escapes
};

constexpr unsigned Bit(RecordField field) {
  return 1u << static_cast<unsigned>(field);
}

// The names, indexed by RecordField, for the JSON path of an error.
constexpr std::string_view kRecordFieldNames[] = {
    "",       "account_sid", "sim_sid",       "network_sid", "fleet_sid",         "iso_country",
    "period", "data_upload", "data_download", "data_total",  "data_total_billed", "billed_unit",
    ""};

// Dispatches on the length first: one comparison per key.
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

// The hot path: a key as it stands in the text (`raw` starts after the opening quote), matched
// by its first letters and one fixed-size comparison that includes the closing quote, with no
// scan for the key's end. The text is padded, so reading a few bytes past a short key is safe.
RecordField RecordFieldOfRaw(od::raw_json_string raw) {
  const auto is = [&raw](std::string_view name, RecordField field) {
    return raw.unsafe_is_equal(name) ? field : RecordField::Unknown;
  };
  const char* k = raw.raw();
  switch (k[0]) {
    case 'p':
      return is("period", RecordField::Period);
    case 's':
      return is("sim_sid", RecordField::SimSid);
    case 'a':
      return is("account_sid", RecordField::AccountSid);
    case 'n':
      return is("network_sid", RecordField::NetworkSid);
    case 'f':
      return is("fleet_sid", RecordField::FleetSid);
    case 'i':
      return is("iso_country", RecordField::IsoCountry);
    case 'b':
      return is("billed_unit", RecordField::BilledUnit);
    case 'd':
      switch (k[5]) {  // data_?
        case 'u':
          return is("data_upload", RecordField::DataUpload);
        case 'd':
          return is("data_download", RecordField::DataDownload);
        case 't':
          return k[10] == '"' ? is("data_total", RecordField::DataTotal)
                              : is("data_total_billed", RecordField::DataTotalBilled);
        default:
          return RecordField::Unknown;
      }
    default:
      return RecordField::Unknown;
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

  // Fills `page`, which may hold an earlier page: its records are overwritten in place, so their
  // strings keep their heap blocks and a listing does not allocate per record.
  void Walk(od::document& doc, ListUsageRecordResponse& page) {
    page.meta = ListUsageRecordResponseMeta();
    records_used_ = 0;
    od::json_type type = doc.type();
    if (type != od::json_type::object) {
      Fail(nullptr, std::string("expected an object, got ") + DescribeRoot(doc, type));
    }
    for (auto result : doc.get_object()) {
      od::field&& field = Checked(result);
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
    page.usage_records.resize(records_used_);
  }

 private:
  // A second "usage_records" member replaces the first (as in the SAX parser); null keeps it.
  void Records(od::value& value, std::vector<SupersimV1UsageRecord>& records, const PathNode& at) {
    od::json_type type = value.type();
    if (type == od::json_type::null) return Null(value);
    if (type != od::json_type::array) Mismatch(value, type, "expected an array", at);
    records_used_ = 0;
    // Moving 1000 records as the vector grows costs ~10%.
    if (records.capacity() < expected_records_) records.reserve(expected_records_);
    int64_t index = 0;
    for (auto result : value.get_array()) {
      od::value&& element = Checked(result);
      PathNode here{&at, {}, index++};
      od::json_type element_type = element.type();
      if (element_type != od::json_type::object) {
        Mismatch(element, element_type, "expected an object", here);
      }
      if (records_used_ == records.size()) records.emplace_back();
      Record(element.get_object(), records[records_used_], here);
      ++records_used_;
    }
  }

  // `r` may hold a record of an earlier page: a field this record does not set ends up null,
  // exactly as in a fresh record. Within the record, a null after a value keeps the value (as a
  // repeated key does in the SAX parser).
  void Record(od::object object, SupersimV1UsageRecord& r, const PathNode& at) {
    unsigned seen = 0;
    for (auto result : object) {
      od::field&& field = Checked(result);
      RecordField which = RecordFieldOfRaw(field.key());
      std::string_view key;
      if (which == RecordField::Unknown) {
        key = KeyOf(field);
        which = RecordFieldOf(key);
      } else {
        key = kRecordFieldNames[static_cast<int>(which)];
      }
      PathNode here{&at, key};
      od::value& value = field.value();
      const bool fresh = (seen & Bit(which)) == 0;
      seen |= Bit(which);
      switch (which) {
        case RecordField::AccountSid:
          String(value, r.account_sid, here, fresh);
          break;
        case RecordField::SimSid:
          String(value, r.sim_sid, here, fresh);
          break;
        case RecordField::NetworkSid:
          String(value, r.network_sid, here, fresh);
          break;
        case RecordField::FleetSid:
          String(value, r.fleet_sid, here, fresh);
          break;
        case RecordField::IsoCountry:
          String(value, r.iso_country, here, fresh);
          break;
        case RecordField::BilledUnit:
          String(value, r.billed_unit, here, fresh);
          break;
        case RecordField::DataUpload:
          Integer(value, r.data_upload, here, fresh);
          break;
        case RecordField::DataDownload:
          Integer(value, r.data_download, here, fresh);
          break;
        case RecordField::DataTotal:
          Integer(value, r.data_total, here, fresh);
          break;
        case RecordField::DataTotalBilled:
          Billed(value, r.data_total_billed, here, fresh);
          break;
        case RecordField::Period:
          Period(value, r.period, here, fresh);
          break;
        case RecordField::Ignore:
        case RecordField::Unknown:
          Skip(value, 3, here);
          break;
      }
    }
    ResetUnseen(r, seen);
  }

  static void ResetUnseen(SupersimV1UsageRecord& r, unsigned seen) {
    const auto reset = [seen](auto& field, RecordField which) {
      if ((seen & Bit(which)) == 0) field.reset();
    };
    reset(r.account_sid, RecordField::AccountSid);
    reset(r.sim_sid, RecordField::SimSid);
    reset(r.network_sid, RecordField::NetworkSid);
    reset(r.fleet_sid, RecordField::FleetSid);
    reset(r.iso_country, RecordField::IsoCountry);
    reset(r.period, RecordField::Period);
    reset(r.data_upload, RecordField::DataUpload);
    reset(r.data_download, RecordField::DataDownload);
    reset(r.data_total, RecordField::DataTotal);
    reset(r.data_total_billed, RecordField::DataTotalBilled);
    reset(r.billed_unit, RecordField::BilledUnit);
  }

  void Period(od::value& value, std::optional<v1::Period>& period, const PathNode& at, bool fresh) {
    od::json_type type = value.type();
    if (type == od::json_type::null) {
      Null(value);
      if (fresh) period.reset();
      return;
    }
    if (type != od::json_type::object) Mismatch(value, type, "expected an object", at);
    period.emplace();
    for (auto result : value.get_object()) {
      od::field&& field = Checked(result);
      od::raw_json_string raw = field.key();
      constexpr std::string_view kStart = "start_time", kEnd = "end_time";
      std::string_view key = raw.unsafe_is_equal(kStart) ? kStart
                             : raw.unsafe_is_equal(kEnd) ? kEnd
                                                         : KeyOf(field);
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
    for (auto result : value.get_object()) {
      od::field&& field = Checked(result);
      std::string_view key = KeyOf(field);
      PathNode here{&at, key};
      od::value& member = field.value();
      if (key == "first_page_url") {
        String(member, meta.first_page_url, here, false);
      } else if (key == "key") {
        String(member, meta.key, here, false);
      } else if (key == "next_page_url") {
        String(member, meta.next_page_url, here, false);
      } else if (key == "page") {
        Integer(member, meta.page, here, false);
      } else if (key == "page_size") {
        Integer(member, meta.page_size, here, false);
      } else if (key == "previous_page_url") {
        String(member, meta.previous_page_url, here, false);
      } else if (key == "url") {
        String(member, meta.url, here, false);
      } else {
        Skip(member, 2, here);
      }
    }
  }

  // A null clears `out` only when `fresh` (the first value of the field in this object), so a
  // reused record reads as a fresh one and a repeated key's null keeps the earlier value.
  void String(od::value& value, std::optional<std::string>& out, const PathNode& at, bool fresh) {
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

  void Integer(od::value& value, std::optional<int64_t>& out, const PathNode& at, bool fresh) {
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

  void Billed(od::value& value, std::optional<Decimal>& out, const PathNode& at, bool fresh) {
    od::json_type type = value.type();
    std::string_view text;
    std::string integer;  // the text of an integer token as nlohmann hands it over
    if (type == od::json_type::string) {
      text = Text(value);
    } else if (type == od::json_type::number) {
      std::string_view token;
      JsonNumber number = Number(value, token);
      // nlohmann hands an int64 over as a value (so "-0" reads as "0"), anything else as text.
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
      Fail(&at, e.what());
    }
  }

  // The last time text read and its value: the records of a page mostly share their period
  // (every SIM's same hour), so most times are read by one comparison.
  struct TimeMemo {
    std::string_view text;  // into the body or simdjson's string buffer: valid for the walk
    TimePoint value;
  };

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

  void Time(od::value& value, std::optional<TimePoint>& out, TimeMemo& memo, const PathNode& at) {
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
        Fail(&at, e.what());
      }
      memo = {text, *out};
    } else if (type == od::json_type::null) {
      Null(value);
    } else {
      Mismatch(value, type, "expected a string", at);
    }
  }

  std::string_view KeyOf(od::field& field) { return twilio::internal::KeyOf(field, text_end_); }

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
  std::size_t records_used_ = 0;  // records of the page filled so far
};

}  // namespace

void WalkPage(od::document& doc, std::string_view text, ListUsageRecordResponse& page) {
  const std::size_t expected = std::min(text.size() / kBytesPerRecordEstimate, kMaxReservedRecords);
  PageWalker(text, expected).Walk(doc, page);
}

void ParsePageWithSimdjson(std::string& body, ListUsageRecordResponse& page) {
  // A reader kept by its thread keeps its parser's buffers; a larger body gets a reader of its
  // own, so a rare huge page does not stay allocated for the thread's lifetime.
  constexpr std::size_t kReusedReaderCapacity = 8u << 20;
  thread_local PageReader reused;
  std::optional<PageReader> own;
  PageReader& reader = body.size() <= kReusedReaderCapacity ? reused : own.emplace();
  reader.Index(body);
  reader.Walk(page);
}

ListUsageRecordResponse ParsePageWithSimdjson(std::string& body) {
  ListUsageRecordResponse page;
  ParsePageWithSimdjson(body, page);
  return page;
}

ListUsageRecordResponse ParsePageWithSimdjson(std::string_view body) {
  std::string copy;
  copy.reserve(body.size() + twilio::internal::kBodyPadding);
  copy.assign(body);
  return ParsePageWithSimdjson(copy);
}

}  // namespace twilio::supersim::v1::internal

namespace twilio::supersim::v1 {

ListUsageRecordResponse ParseListUsageRecordResponse(std::string_view body) {
  return internal::ParsePageWithSimdjson(body);
}

}  // namespace twilio::supersim::v1
