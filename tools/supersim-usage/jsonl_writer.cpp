// --format jsonl: one compact JSON object per line with the API's own field names: what
// nlohmann/json dumps of the SDK's to_json (keys sorted, data_total_billed as its exact decimal
// string, null where the API sent null). A record whose strings need no escaping (every real
// one) is written field by field into one buffer, since a JSON document per record cost several
// times the listing itself; any other goes through nlohmann/json.
#include <charconv>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>

#include "byte_scan.hpp"
#include "line_output.hpp"
#include "output_format.hpp"

namespace supersim_usage {
namespace {

using twilio::supersim::v1::Period;
using twilio::supersim::v1::SupersimV1UsageRecord;

// A word of eight bytes that JSON writes as they are: printable ASCII other than '"' and '\\'.
bool IsPlainWord(uint64_t x) {
  return !(HasByteBelow(x, 0x20) || HasByteAbove7E(x) || HasByte(x, '"') || HasByte(x, '\\'));
}

bool IsPlainByte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte >= 0x20 && byte <= 0x7e && c != '"' && c != '\\';
}

// Appends to a buffer whose room was made beforehand: one size check per record, not per piece.
// Strings are checked as they are copied, a word at a time: Plain() tells whether every one was
// written as it is (else the line is dropped and the record escaped the slow way).
class Cursor {
 public:
  explicit Cursor(char* at) : at_(at) {}
  template <std::size_t N>
  void Literal(const char (&text)[N]) {
    std::memcpy(at_, text, N - 1);
    at_ += N - 1;
  }
  void Raw(std::string_view text) {
    std::memcpy(at_, text.data(), text.size());
    at_ += text.size();
  }
  void Quoted(const std::optional<std::string>& text) {
    if (!text) return Literal("null");
    *at_++ = '"';
    Checked(*text);
    *at_++ = '"';
  }
  void Checked(std::string_view text) {
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
      uint64_t x;
      std::memcpy(&x, text.data() + i, 8);
      std::memcpy(at_ + i, &x, 8);
      plain_ = plain_ && IsPlainWord(x);
    }
    for (; i < text.size(); ++i) {
      at_[i] = text[i];
      plain_ = plain_ && IsPlainByte(text[i]);
    }
    at_ += text.size();
  }
  bool Plain() const { return plain_; }
  void Integer(const std::optional<int64_t>& value) {
    if (!value) return Literal("null");
    at_ = std::to_chars(at_, at_ + 20, *value).ptr;
  }
  char* End() const { return at_; }

 private:
  char* at_;
  bool plain_ = true;
};

std::size_t Size(const std::optional<std::string>& text) {
  return text ? text->size() + 2 : 4;
}

class JsonlWriter : public RecordWriter {
 public:
  explicit JsonlWriter(std::ostream& out) : out_(out), line_(out) {}

  void Write(const SupersimV1UsageRecord& r) override {
    const std::string* billed = r.data_total_billed ? &r.data_total_billed->ToString() : nullptr;
    const std::string& period = PeriodText(r.period);
    // Keys and punctuation (163 bytes), three integers of at most 20 characters each, and the
    // strings as they are.
    const std::size_t most = 163 + 3 * 20 + Size(r.account_sid) + Size(r.billed_unit) +
                             (billed ? billed->size() + 2 : 4) + Size(r.fleet_sid) +
                             Size(r.iso_country) + Size(r.network_sid) + period.size() +
                             Size(r.sim_sid);
    Cursor c(line_.Begin(most));
    c.Literal("{\"account_sid\":");
    c.Quoted(r.account_sid);
    c.Literal(",\"billed_unit\":");
    c.Quoted(r.billed_unit);
    c.Literal(",\"data_download\":");
    c.Integer(r.data_download);
    c.Literal(",\"data_total\":");
    c.Integer(r.data_total);
    c.Literal(",\"data_total_billed\":");
    if (billed) {  // a Decimal's text is digits, '-' and '.': always plain
      c.Literal("\"");
      c.Raw(*billed);
      c.Literal("\"");
    } else {
      c.Literal("null");
    }
    c.Literal(",\"data_upload\":");
    c.Integer(r.data_upload);
    c.Literal(",\"fleet_sid\":");
    c.Quoted(r.fleet_sid);
    c.Literal(",\"iso_country\":");
    c.Quoted(r.iso_country);
    c.Literal(",\"network_sid\":");
    c.Quoted(r.network_sid);
    c.Literal(",\"period\":");
    c.Raw(period);
    c.Literal(",\"sim_sid\":");
    c.Quoted(r.sim_sid);
    c.Literal("}\n");
    if (!c.Plain()) return WriteEscaped(r);  // the line is dropped unwritten
    line_.End(c.End());
  }

 private:
  // A record with a string to escape (rare) is written by nlohmann/json whole, as before.
  void WriteEscaped(const SupersimV1UsageRecord& r) {
    out_ << nlohmann::json(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
         << '\n';
  }

  // The records of a page share their period: its text is made once, by the SDK's to_json.
  const std::string& PeriodText(const std::optional<Period>& period) {
    static const std::string kNull = "null";
    if (!period) return kNull;
    if (!last_period_ || *last_period_ != *period) {
      last_period_ = *period;
      last_period_text_ =
          nlohmann::json(*period).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    return last_period_text_;
  }

  std::ostream& out_;
  LineOutput line_;
  std::optional<Period> last_period_;
  std::string last_period_text_;
};

}  // namespace

std::unique_ptr<RecordWriter> MakeJsonlWriter(std::ostream& out) {
  return std::make_unique<JsonlWriter>(out);
}

}  // namespace supersim_usage
