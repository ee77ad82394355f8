// to_json / from_json for the models. from_json parses the DOM's text with the nlohmann page
// parser (not the simdjson wire parser); the differential test and fuzzer hold the two to one
// set of rules (null vs absent, types, JSON paths in errors).
#include <nlohmann/json.hpp>

#include "supersim/v1/nlohmann_page_parser.hpp"
#include "time_format_internal.hpp"
#include "twilio/supersim/v1/list_usage_record_response.hpp"

namespace twilio::supersim::v1 {
namespace {

using json = nlohmann::json;

template <typename T>
json Nullable(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

}  // namespace

void to_json(json& j, const Period& period) {
  j = json::object();
  j["start_time"] = period.start_time
                        ? json(twilio::internal::FormatRfc3339UtcWithFraction(*period.start_time))
                        : json(nullptr);
  j["end_time"] = period.end_time
                      ? json(twilio::internal::FormatRfc3339UtcWithFraction(*period.end_time))
                      : json(nullptr);
}

void to_json(json& j, const SupersimV1UsageRecord& r) {
  j = json::object();
  j["account_sid"] = Nullable(r.account_sid);
  j["sim_sid"] = Nullable(r.sim_sid);
  j["network_sid"] = Nullable(r.network_sid);
  j["fleet_sid"] = Nullable(r.fleet_sid);
  j["iso_country"] = Nullable(r.iso_country);
  j["period"] = r.period ? json(*r.period) : json(nullptr);
  j["data_upload"] = Nullable(r.data_upload);
  j["data_download"] = Nullable(r.data_download);
  j["data_total"] = Nullable(r.data_total);
  j["data_total_billed"] =
      r.data_total_billed ? json(r.data_total_billed->ToString()) : json(nullptr);
  j["billed_unit"] = Nullable(r.billed_unit);
}

void to_json(json& j, const ListUsageRecordResponseMeta& m) {
  j = json::object();
  j["first_page_url"] = Nullable(m.first_page_url);
  j["key"] = Nullable(m.key);
  j["next_page_url"] = Nullable(m.next_page_url);
  j["page"] = Nullable(m.page);
  j["page_size"] = Nullable(m.page_size);
  j["previous_page_url"] = Nullable(m.previous_page_url);
  j["url"] = Nullable(m.url);
}

void to_json(json& j, const ListUsageRecordResponse& response) {
  j = json::object();
  j["usage_records"] = response.usage_records;
  j["meta"] = response.meta;
}

void from_json(const json& j, Period& period) {
  period = *internal::ParseJson(j.dump(), internal::RootKind::Period).usage_records.front().period;
}

void from_json(const json& j, SupersimV1UsageRecord& record) {
  record =
      std::move(internal::ParseJson(j.dump(), internal::RootKind::Record).usage_records.front());
}

void from_json(const json& j, ListUsageRecordResponseMeta& meta) {
  meta = internal::ParseJson(j.dump(), internal::RootKind::Meta).meta;
}

void from_json(const json& j, ListUsageRecordResponse& response) {
  response = internal::ParseJson(j.dump(), internal::RootKind::Page);
}

bool operator==(const SupersimV1UsageRecord& a, const SupersimV1UsageRecord& b) {
  return a.account_sid == b.account_sid && a.sim_sid == b.sim_sid &&
         a.network_sid == b.network_sid && a.fleet_sid == b.fleet_sid &&
         a.iso_country == b.iso_country && a.period == b.period && a.data_upload == b.data_upload &&
         a.data_download == b.data_download && a.data_total == b.data_total &&
         a.data_total_billed == b.data_total_billed && a.billed_unit == b.billed_unit;
}

bool operator==(const ListUsageRecordResponseMeta& a, const ListUsageRecordResponseMeta& b) {
  return a.first_page_url == b.first_page_url && a.key == b.key &&
         a.next_page_url == b.next_page_url && a.page == b.page && a.page_size == b.page_size &&
         a.previous_page_url == b.previous_page_url && a.url == b.url;
}

}  // namespace twilio::supersim::v1
