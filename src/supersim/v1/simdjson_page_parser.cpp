#include "supersim/v1/simdjson_page_parser.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "body_padding.hpp"
#include "json/simdjson_support.hpp"
#include "supersim/v1/model_walker.hpp"
#include "supersim/v1/page_reader.hpp"
#include "supersim/v1/page_walker.hpp"
#include "twilio/errors.hpp"

namespace twilio::supersim::v1::internal {
namespace {

using twilio::internal::Checked;

// Without a hint, records are reserved for a body of full records (Twilio's are ~400 bytes);
// a hint is capped so that a hostile meta.page_size cannot reserve gigabytes.
constexpr std::size_t kBytesPerRecordEstimate = 320;
constexpr std::size_t kMaxReservedRecords = 10000;

// Walks a list page, `{"<key>": [records...], "meta": {...}}`: the envelope of every Twilio list
// resource. The records and the meta are read by their schemas.
template <typename Record>
class ListPageWalker : public ModelWalker {
 public:
  ListPageWalker(std::string_view text, std::string_view key, std::size_t expected_records)
      : ModelWalker(text), key_(key), expected_records_(expected_records) {}

  // Fills `records` and `meta`, which may hold an earlier page: its records are overwritten in
  // place, so their strings keep their heap blocks and a listing does not allocate per record.
  void Walk(od::document& doc, std::vector<Record>& records, ListUsageRecordResponseMeta& meta) {
    meta = ListUsageRecordResponseMeta();
    uint32_t meta_seen = 0;  // a second "meta" member merges into the first
    records_used_ = 0;
    ExpectObjectRoot(doc);
    for (auto result : doc.get_object()) {
      od::field&& field = Checked(result);
      std::string_view key = KeyOf(field);
      PathNode here{nullptr, key};
      od::value& value = field.value();
      if (key == key_) {
        Records(value, records, here);
      } else if (key == "meta") {
        Meta(value, meta, here, meta_seen);
      } else {
        Skip(value, 1, here);
      }
    }
    ExpectEnd(doc);
    records.resize(records_used_);
  }

 private:
  // A second array of records replaces the first; null keeps it.
  void Records(od::value& value, std::vector<Record>& records, const PathNode& at) {
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
      Record& record = records[records_used_++];
      uint32_t seen = 0;
      ReadFields(element.get_object(), record, &here, 3, seen);
      ResetUnseen(record, seen);  // what the earlier page's record held there goes
    }
  }

  void Meta(od::value& value, ListUsageRecordResponseMeta& meta, const PathNode& at,
            uint32_t& seen) {
    od::json_type type = value.type();
    if (type == od::json_type::null) return Null(value);
    if (type != od::json_type::object) Mismatch(value, type, "expected an object", at);
    ReadFields(value.get_object(), meta, &at, 2, seen);
  }

  std::string_view key_;
  std::size_t expected_records_;
  std::size_t records_used_ = 0;  // records of the page filled so far
};

// A reader kept by its thread keeps its parser's buffers; a larger text gets a reader of its
// own, so a rare huge page does not stay allocated for the thread's lifetime.
template <typename Model>
void ParseWithThreadReader(std::string& text, Model& model) {
  constexpr std::size_t kReusedReaderCapacity = 8u << 20;
  thread_local PageReader reused;
  std::optional<PageReader> own;
  PageReader& reader = text.size() <= kReusedReaderCapacity ? reused : own.emplace();
  reader.Index(text);
  reader.Walk(model);
}

}  // namespace

void WalkPage(od::document& doc, std::string_view text, ListUsageRecordResponse& page) {
  const std::size_t expected = std::min(text.size() / kBytesPerRecordEstimate, kMaxReservedRecords);
  ListPageWalker<SupersimV1UsageRecord>(text, "usage_records", expected)
      .Walk(doc, page.usage_records, page.meta);
}

void ParsePageWithSimdjson(std::string& body, ListUsageRecordResponse& page) {
  ParseWithThreadReader(body, page);
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

void ParseModelText(std::string& text, SupersimV1UsageRecord& record) {
  ParseWithThreadReader(text, record);
}

void ParseModelText(std::string& text, Period& period) {
  ParseWithThreadReader(text, period);
}

void ParseModelText(std::string& text, ListUsageRecordResponseMeta& meta) {
  ParseWithThreadReader(text, meta);
}

}  // namespace twilio::supersim::v1::internal

namespace twilio::supersim::v1 {

ListUsageRecordResponse ParseListUsageRecordResponse(std::string_view body) {
  return internal::ParsePageWithSimdjson(body);
}

}  // namespace twilio::supersim::v1
