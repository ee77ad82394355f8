/// \file
/// ListUsageRecordResponse: one page of usage records and the paging links Twilio sent with it.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "twilio/export.hpp"
#include "twilio/listing_stats.hpp"
#include "twilio/supersim/v1/supersim_v1_usage_record.hpp"

namespace twilio::supersim::v1 {

/// The `meta` object of a list page.
struct ListUsageRecordResponseMeta {
  /// Absolute URL of the listing's first page.
  std::optional<std::string> first_page_url;
  /// The name of the records array ("usage_records").
  std::optional<std::string> key;
  /// Absolute URL of the next page; empty on the last page.
  std::optional<std::string> next_page_url;
  /// 0-based number of this page.
  std::optional<int64_t> page;
  /// Records per page the server used for this listing.
  std::optional<int64_t> page_size;
  /// Absolute URL of the page before; empty on the first page.
  std::optional<std::string> previous_page_url;
  /// Absolute URL of this page.
  std::optional<std::string> url;

  /// Member-wise equality.
  friend TWILIO_SUPERSIM_EXPORT bool operator==(const ListUsageRecordResponseMeta& a,
                                                const ListUsageRecordResponseMeta& b);
  /// The negation of operator==.
  friend bool operator!=(const ListUsageRecordResponseMeta& a,
                         const ListUsageRecordResponseMeta& b) {
    return !(a == b);
  }
};

/// A page of usage records and its `meta`; from ListUsageRecord, every record of the listing
/// (up to Limit) with the meta of the last page read.
struct ListUsageRecordResponse {
  /// The records, in the order the API sent them.
  std::vector<SupersimV1UsageRecord> usage_records;
  /// Paging links and counters.
  ListUsageRecordResponseMeta meta;

  /// Not from the body, but about the call that got it: the Twilio-Request-Id of the page the
  /// meta came from (the last page of a listing), when the answer had one. Not compared, not
  /// serialized.
  std::optional<std::string> request_id;
  /// The listing's counts (pages, requests, retries, bytes, times). Not compared, not
  /// serialized.
  ListingStats stats;

  /// Equality of the records and the meta (request_id and stats describe the call, not the
  /// data).
  friend bool operator==(const ListUsageRecordResponse& a, const ListUsageRecordResponse& b) {
    return a.usage_records == b.usage_records && a.meta == b.meta;
  }
  /// The negation of operator==.
  friend bool operator!=(const ListUsageRecordResponse& a, const ListUsageRecordResponse& b) {
    return !(a == b);
  }
};

/// Parses a page body straight from the wire text (no intermediate DOM): unknown fields are
/// ignored, null and absent fields give empty optionals, and a value of the wrong type throws
/// ParseException with its JSON path (e.g. "/usage_records/3/data_upload").
TWILIO_SUPERSIM_EXPORT ListUsageRecordResponse ParseListUsageRecordResponse(std::string_view body);

/// The meta as JSON with the API's field names; unset fields are written as null.
TWILIO_SUPERSIM_EXPORT void to_json(nlohmann::json& j, const ListUsageRecordResponseMeta& meta);
/// Reads a meta object; throws ParseException naming the path of a field of the wrong type.
TWILIO_SUPERSIM_EXPORT void from_json(const nlohmann::json& j, ListUsageRecordResponseMeta& meta);
/// The page as the API sends it: `{"usage_records": [...], "meta": {...}}`.
TWILIO_SUPERSIM_EXPORT void to_json(nlohmann::json& j, const ListUsageRecordResponse& response);
/// Reads a page from a parsed DOM, with the same rules and errors as
/// ParseListUsageRecordResponse.
TWILIO_SUPERSIM_EXPORT void from_json(const nlohmann::json& j, ListUsageRecordResponse& response);

}  // namespace twilio::supersim::v1
