// to_json, from_json and equality for the models, each written once over the models' schemas.
// from_json reads the DOM's text with the wire parser (the simdjson walk of the schema), so a
// DOM and a page body follow one set of rules.
#include <nlohmann/json.hpp>
#include <string>
#include <type_traits>

#include "supersim/v1/simdjson_page_parser.hpp"
#include "time_format_internal.hpp"
#include "twilio/supersim/v1/list_usage_record_response.hpp"
#include "twilio/supersim/v1/usage_record_schema.hpp"

namespace twilio::supersim::v1 {
namespace {

using json = nlohmann::json;

template <typename Model>
json FieldsToJson(const Model& model);

// A field's value as the API writes it: data_total_billed as a string, times in RFC 3339 UTC
// (sub-seconds kept when present), a nested model as an object; an empty one as null.
template <typename Value>
json ValueToJson(const std::optional<Value>& value) {
  if (!value) return nullptr;
  if constexpr (HasSchema<Value>::value) {
    return FieldsToJson(*value);
  } else if constexpr (std::is_same_v<Value, TimePoint>) {
    return twilio::internal::FormatRfc3339UtcWithFraction(*value);
  } else if constexpr (std::is_same_v<Value, Decimal>) {
    return value->ToString();
  } else {
    return *value;
  }
}

template <typename Model>
json FieldsToJson(const Model& model) {
  json j = json::object();
  ForEachField<Model>(
      [&](const auto& field) { j[std::string(field.name)] = ValueToJson(model.*field.member); });
  return j;
}

template <typename Model>
bool FieldsEqual(const Model& a, const Model& b) {
  bool equal = true;
  ForEachField<Model>(
      [&](const auto& field) { equal = equal && a.*field.member == b.*field.member; });
  return equal;
}

template <typename Model>
void FromJson(const json& j, Model& model) {
  std::string text = j.dump();
  Model parsed;
  internal::ParseModelText(text, parsed);
  model = std::move(parsed);
}

}  // namespace

void to_json(json& j, const Period& period) {
  j = FieldsToJson(period);
}

void to_json(json& j, const SupersimV1UsageRecord& record) {
  j = FieldsToJson(record);
}

void to_json(json& j, const ListUsageRecordResponseMeta& meta) {
  j = FieldsToJson(meta);
}

void to_json(json& j, const ListUsageRecordResponse& response) {
  j = json::object();
  j["usage_records"] = response.usage_records;
  j["meta"] = response.meta;
}

void from_json(const json& j, Period& period) {
  FromJson(j, period);
}

void from_json(const json& j, SupersimV1UsageRecord& record) {
  FromJson(j, record);
}

void from_json(const json& j, ListUsageRecordResponseMeta& meta) {
  FromJson(j, meta);
}

void from_json(const json& j, ListUsageRecordResponse& response) {
  std::string text = j.dump();
  response = internal::ParsePageWithSimdjson(text);
}

bool operator==(const Period& a, const Period& b) {
  return FieldsEqual(a, b);
}

bool operator==(const SupersimV1UsageRecord& a, const SupersimV1UsageRecord& b) {
  return FieldsEqual(a, b);
}

bool operator==(const ListUsageRecordResponseMeta& a, const ListUsageRecordResponseMeta& b) {
  return FieldsEqual(a, b);
}

}  // namespace twilio::supersim::v1
