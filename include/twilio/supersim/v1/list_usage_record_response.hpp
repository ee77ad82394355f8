// ListUsageRecordResponse: one page of usage records and the paging links Twilio sent with it.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "twilio/export.hpp"
#include "twilio/supersim/v1/supersim_v1_usage_record.hpp"

namespace twilio::supersim::v1 {

/// The `meta` object of a list page.
struct ListUsageRecordResponseMeta {
  std::optional<std::string> first_page_url;
  /// The name of the records array ("usage_records").
  std::optional<std::string> key;
  /// Absolute URL of the next page; empty on the last page.
  std::optional<std::string> next_page_url;
  std::optional<int64_t> page;
  std::optional<int64_t> page_size;
  std::optional<std::string> previous_page_url;
  std::optional<std::string> url;

  friend TWILIO_SUPERSIM_EXPORT bool operator==(const ListUsageRecordResponseMeta& a,
                                                const ListUsageRecordResponseMeta& b);
  friend bool operator!=(const ListUsageRecordResponseMeta& a,
                         const ListUsageRecordResponseMeta& b) {
    return !(a == b);
  }
};

struct ListUsageRecordResponse {
  std::vector<SupersimV1UsageRecord> usage_records;
  ListUsageRecordResponseMeta meta;

  friend bool operator==(const ListUsageRecordResponse& a, const ListUsageRecordResponse& b) {
    return a.usage_records == b.usage_records && a.meta == b.meta;
  }
  friend bool operator!=(const ListUsageRecordResponse& a, const ListUsageRecordResponse& b) {
    return !(a == b);
  }
};

/// Parses a page body straight from the wire text (no intermediate DOM): unknown fields are
/// ignored, null and absent fields give empty optionals, and a value of the wrong type throws
/// ParseException with its JSON path (e.g. "/usage_records/3/data_upload").
TWILIO_SUPERSIM_EXPORT ListUsageRecordResponse ParseListUsageRecordResponse(std::string_view body);

TWILIO_SUPERSIM_EXPORT void to_json(nlohmann::json& j, const ListUsageRecordResponseMeta& meta);
TWILIO_SUPERSIM_EXPORT void from_json(const nlohmann::json& j, ListUsageRecordResponseMeta& meta);
TWILIO_SUPERSIM_EXPORT void to_json(nlohmann::json& j, const ListUsageRecordResponse& response);
TWILIO_SUPERSIM_EXPORT void from_json(const nlohmann::json& j, ListUsageRecordResponse& response);

}  // namespace twilio::supersim::v1
