#include "supersim/v1/nlohmann_page_parser.hpp"

#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <vector>

#include "json/json_limits.hpp"
#include "json/json_pointer.hpp"
#include "twilio/errors.hpp"

namespace twilio::supersim::v1::internal {
namespace {

using json = nlohmann::json;

// Where a value sits, decided from its parent container and key.
enum class Slot {
  Ignore,
  Records,
  Record,
  Period,
  Meta,
  // record fields
  AccountSid,
  SimSid,
  NetworkSid,
  FleetSid,
  IsoCountry,
  DataUpload,
  DataDownload,
  DataTotal,
  DataTotalBilled,
  BilledUnit,
  StartTime,
  EndTime,
  // meta fields
  FirstPageUrl,
  Key,
  NextPageUrl,
  Page,
  PageSize,
  PreviousPageUrl,
  Url,
};

enum class Frame { Page, Records, Record, Period, Meta, Skip };

struct Level {
  Frame frame;
  std::string key;     // the current member's name, in objects
  int64_t index = 0;   // the current element's index, in arrays
  int skip_depth = 0;  // nested containers inside an ignored value
};

Slot RecordField(const std::string& k) {
  static const std::pair<const char*, Slot> kFields[] = {
      {"account_sid", Slot::AccountSid}, {"sim_sid", Slot::SimSid},
      {"network_sid", Slot::NetworkSid}, {"fleet_sid", Slot::FleetSid},
      {"iso_country", Slot::IsoCountry}, {"period", Slot::Period},
      {"data_upload", Slot::DataUpload}, {"data_download", Slot::DataDownload},
      {"data_total", Slot::DataTotal},   {"data_total_billed", Slot::DataTotalBilled},
      {"billed_unit", Slot::BilledUnit}};
  for (const auto& [name, slot] : kFields) {
    if (k == name) return slot;
  }
  return Slot::Ignore;
}

Slot MetaField(const std::string& k) {
  static const std::pair<const char*, Slot> kFields[] = {
      {"first_page_url", Slot::FirstPageUrl},
      {"key", Slot::Key},
      {"next_page_url", Slot::NextPageUrl},
      {"page", Slot::Page},
      {"page_size", Slot::PageSize},
      {"previous_page_url", Slot::PreviousPageUrl},
      {"url", Slot::Url}};
  for (const auto& [name, slot] : kFields) {
    if (k == name) return slot;
  }
  return Slot::Ignore;
}

class PageSax : public nlohmann::json_sax<json> {
 public:
  explicit PageSax(RootKind root) : root_(root) {}

  ListUsageRecordResponse Take() { return std::move(page_); }
  const std::optional<ParseException>& Error() const { return error_; }

  bool null() override {
    if (Skipping()) return Done();
    if (stack_.empty()) return Fail("expected an object, got null");
    Slot slot = CurrentSlot();
    if (slot == Slot::Record) return Fail("expected an object, got null");
    return Done();  // every other field is nullable: it stays an empty optional
  }
  bool boolean(bool) override { return Scalar("a boolean", nullptr); }
  bool number_integer(number_integer_t v) override { return Integer(v, std::to_string(v)); }
  bool number_unsigned(number_unsigned_t v) override {
    if (v > static_cast<number_unsigned_t>(std::numeric_limits<int64_t>::max())) {
      return Scalar("an integer beyond int64", nullptr, std::to_string(v));
    }
    return Integer(static_cast<int64_t>(v), std::to_string(v));
  }
  bool number_float(number_float_t, const string_t& raw) override {
    return Scalar("a non-integer number", nullptr, raw);
  }
  bool string(string_t& v) override { return Scalar("a string", &v); }
  bool binary(binary_t&) override { return Scalar("binary data", nullptr); }

  bool start_object(std::size_t) override {
    if (++depth_ > twilio::internal::kMaxJsonDepth) return TooDeep();
    if (Skipping()) return Nest();
    if (stack_.empty()) return Push(RootFrame());
    switch (CurrentSlot()) {
      case Slot::Ignore:
        return Push(Frame::Skip);
      case Slot::Record:
        page_.usage_records.emplace_back();
        return Push(Frame::Record);
      case Slot::Period:
        Record().period.emplace();
        return Push(Frame::Period);
      case Slot::Meta:
        return Push(Frame::Meta);
      default:
        return Fail(Expected(CurrentSlot()) + ", got an object");
    }
  }
  bool key(string_t& k) override {
    if (!Skipping()) stack_.back().key = std::move(k);
    return true;
  }
  bool end_object() override {
    --depth_;
    return Pop();
  }

  bool start_array(std::size_t) override {
    if (++depth_ > twilio::internal::kMaxJsonDepth) return TooDeep();
    if (Skipping()) return Nest();
    if (stack_.empty()) return Fail("expected an object, got an array");
    Slot slot = CurrentSlot();
    if (slot == Slot::Ignore) return Push(Frame::Skip);
    if (slot == Slot::Records) {
      page_.usage_records.clear();
      return Push(Frame::Records);
    }
    return Fail(Expected(slot) + ", got an array");
  }
  bool end_array() override {
    --depth_;
    return Pop();
  }

  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    std::string what = ex.what();
    // nlohmann's text starts "[json.exception.parse_error.101] parse error at line 1, ...".
    std::size_t start = what.find("] ");
    error_.emplace("", "malformed JSON at byte " + std::to_string(position) + ": " +
                           (start == std::string::npos ? what : what.substr(start + 2)));
    return false;
  }

 private:
  Frame RootFrame() {
    switch (root_) {
      case RootKind::Record:
        page_.usage_records.emplace_back();
        return Frame::Record;
      case RootKind::Period:
        page_.usage_records.emplace_back().period.emplace();
        return Frame::Period;
      case RootKind::Meta:
        return Frame::Meta;
      case RootKind::Page:
        break;
    }
    return Frame::Page;
  }

  bool Skipping() const { return !stack_.empty() && stack_.back().frame == Frame::Skip; }
  bool Nest() {
    ++stack_.back().skip_depth;
    return true;
  }
  bool Push(Frame frame) {
    stack_.push_back(Level{frame, {}, 0, 0});
    return true;
  }
  bool Pop() {
    if (Skipping() && stack_.back().skip_depth > 0) {
      --stack_.back().skip_depth;
      return true;
    }
    stack_.pop_back();
    return Done();
  }
  // A value ended: the enclosing array moves to its next index.
  bool Done() {
    if (!stack_.empty() && stack_.back().frame == Frame::Records) ++stack_.back().index;
    return true;
  }

  Slot CurrentSlot() const {
    const Level& parent = stack_.back();
    switch (parent.frame) {
      case Frame::Page:
        if (parent.key == "usage_records") return Slot::Records;
        if (parent.key == "meta") return Slot::Meta;
        return Slot::Ignore;
      case Frame::Records:
        return Slot::Record;
      case Frame::Record:
        return RecordField(parent.key);
      case Frame::Period:
        if (parent.key == "start_time") return Slot::StartTime;
        if (parent.key == "end_time") return Slot::EndTime;
        return Slot::Ignore;
      case Frame::Meta:
        return MetaField(parent.key);
      case Frame::Skip:
        break;
    }
    return Slot::Ignore;
  }

  static std::string Expected(Slot slot) {
    switch (slot) {
      case Slot::Records:
        return "expected an array";
      case Slot::Record:
      case Slot::Period:
      case Slot::Meta:
        return "expected an object";
      case Slot::DataUpload:
      case Slot::DataDownload:
      case Slot::DataTotal:
      case Slot::Page:
      case Slot::PageSize:
        return "expected an integer";
      case Slot::DataTotalBilled:
        return "expected a decimal number or a string holding one";
      default:
        return "expected a string";
    }
  }

  SupersimV1UsageRecord& Record() { return page_.usage_records.back(); }

  bool Integer(int64_t v, const std::string& text) {
    if (Skipping()) return true;
    if (stack_.empty()) return Fail("expected an object, got an integer");
    switch (CurrentSlot()) {
      case Slot::Ignore:
        return Done();
      case Slot::DataUpload:
        Record().data_upload = v;
        return Done();
      case Slot::DataDownload:
        Record().data_download = v;
        return Done();
      case Slot::DataTotal:
        Record().data_total = v;
        return Done();
      case Slot::DataTotalBilled:
        Record().data_total_billed = Decimal::Parse(text);
        return Done();
      case Slot::Page:
        page_.meta.page = v;
        return Done();
      case Slot::PageSize:
        page_.meta.page_size = v;
        return Done();
      default:
        return Fail(Expected(CurrentSlot()) + ", got an integer");
    }
  }

  // A string (`text` set) or a value described by `kind` (a number's raw text in `raw`).
  bool Scalar(const char* kind, std::string* text, const std::string& raw = {}) {
    if (Skipping()) return true;
    if (stack_.empty()) return Fail(std::string("expected an object, got ") + kind);
    Slot slot = CurrentSlot();
    if (slot == Slot::Ignore) return Done();
    if (slot == Slot::DataTotalBilled && (text || !raw.empty())) {
      try {
        Record().data_total_billed = Decimal::Parse(text ? *text : raw);
      } catch (const std::invalid_argument& e) {
        return Fail(e.what());
      }
      return Done();
    }
    if (text == nullptr) return Fail(Expected(slot) + ", got " + kind);
    return String(slot, std::move(*text));
  }

  bool String(Slot slot, std::string&& v) {
    auto& meta = page_.meta;
    switch (slot) {
      case Slot::AccountSid:
        Record().account_sid = std::move(v);
        break;
      case Slot::SimSid:
        Record().sim_sid = std::move(v);
        break;
      case Slot::NetworkSid:
        Record().network_sid = std::move(v);
        break;
      case Slot::FleetSid:
        Record().fleet_sid = std::move(v);
        break;
      case Slot::IsoCountry:
        Record().iso_country = std::move(v);
        break;
      case Slot::BilledUnit:
        Record().billed_unit = std::move(v);
        break;
      case Slot::FirstPageUrl:
        meta.first_page_url = std::move(v);
        break;
      case Slot::Key:
        meta.key = std::move(v);
        break;
      case Slot::NextPageUrl:
        meta.next_page_url = std::move(v);
        break;
      case Slot::PreviousPageUrl:
        meta.previous_page_url = std::move(v);
        break;
      case Slot::Url:
        meta.url = std::move(v);
        break;
      case Slot::StartTime:
      case Slot::EndTime:
        try {
          TimePoint t = ParseRfc3339(v);
          (slot == Slot::StartTime ? Record().period->start_time : Record().period->end_time) = t;
        } catch (const std::invalid_argument& e) {
          return Fail(e.what());
        }
        break;
      default:
        return Fail(Expected(slot) + ", got a string");
    }
    return Done();
  }

  bool TooDeep() {
    return Fail("JSON nested deeper than " + std::to_string(twilio::internal::kMaxJsonDepth) +
                " levels");
  }

  bool Fail(const std::string& reason) {
    error_.emplace(Path(), reason);
    return false;
  }

  // The JSON pointer of the value being read: each level's key or index.
  std::string Path() const {
    std::string path;
    for (const Level& level : stack_) {
      if (level.frame == Frame::Skip) break;
      if (level.frame == Frame::Records) {
        path += "/" + std::to_string(level.index);
      } else if (!level.key.empty()) {
        path += "/" + twilio::internal::EscapeJsonPointerToken(level.key);
      }
    }
    return path;
  }

  RootKind root_;
  ListUsageRecordResponse page_;
  std::vector<Level> stack_;
  std::optional<ParseException> error_;
  int depth_ = 0;  // open objects and arrays, ignored ones included
};

}  // namespace

ListUsageRecordResponse ParseJson(std::string_view body, RootKind root) {
  // nlohmann reads a NUL byte as the end of the input, so "{}\0junk" would pass; JSON allows
  // no NUL anywhere (and simdjson refuses it).
  std::size_t nul = body.find('\0');
  if (nul != std::string_view::npos) {
    throw ParseException("", "malformed JSON at byte " + std::to_string(nul) + ": a NUL byte");
  }
  PageSax sax(root);
  bool ok = json::sax_parse(body.begin(), body.end(), &sax, json::input_format_t::json,
                            /*strict=*/true);
  if (sax.Error()) throw *sax.Error();
  if (!ok) throw ParseException("", "malformed JSON");
  return sax.Take();
}

}  // namespace twilio::supersim::v1::internal
