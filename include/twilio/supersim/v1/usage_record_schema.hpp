/// \file
/// The schema of the usage models, written once: each model's fields with their names in the
/// API's JSON and the members that hold them. The wire parser, from_json, to_json, equality and
/// the supersim-usage columns all read these tables, so a new field of the API is one row here
/// (beside its member) plus its tests.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "twilio/supersim/v1/list_usage_record_response.hpp"
#include "twilio/supersim/v1/supersim_v1_usage_record.hpp"

namespace twilio::supersim::v1 {

/// One field of `Model`: its name in the API's JSON and the member that holds it. Every field of
/// Twilio's schema is nullable, so every member is a std::optional (JSON null and an absent field
/// both leave it empty); the member's value type is the field's JSON kind: std::string a string,
/// int64_t an integer, Decimal a decimal number or a string holding one, TimePoint an RFC 3339
/// string, and a type with a Schema of its own a nested object.
template <typename Model, typename Value>
struct Field {
  /// The member's name in the API's JSON.
  std::string_view name;
  /// The member of Model that holds it.
  std::optional<Value> Model::*member;
};

/// The fields of a model, as `static constexpr auto kFields` (a std::tuple of Field), in the
/// order the API documents them. Only the specialisations below exist.
template <typename Model>
struct Schema;

/// The fields of Period.
template <>
struct Schema<Period> {
  /// start_time, end_time.
  static constexpr auto kFields =
      std::make_tuple(Field<Period, TimePoint>{"start_time", &Period::start_time},
                      Field<Period, TimePoint>{"end_time", &Period::end_time});
};

/// The fields of SupersimV1UsageRecord.
template <>
struct Schema<SupersimV1UsageRecord> {
  /// The model, for the rows below.
  using R = SupersimV1UsageRecord;
  /// The record's fields in the OpenAPI description's order.
  // One row per field, as clang-format would not keep them.
  // clang-format off
  static constexpr auto kFields = std::make_tuple(
      Field<R, std::string>{"account_sid", &R::account_sid},
      Field<R, std::string>{"sim_sid", &R::sim_sid},
      Field<R, std::string>{"network_sid", &R::network_sid},
      Field<R, std::string>{"fleet_sid", &R::fleet_sid},
      Field<R, std::string>{"iso_country", &R::iso_country},
      Field<R, Period>{"period", &R::period},
      Field<R, int64_t>{"data_upload", &R::data_upload},
      Field<R, int64_t>{"data_download", &R::data_download},
      Field<R, int64_t>{"data_total", &R::data_total},
      Field<R, Decimal>{"data_total_billed", &R::data_total_billed},
      Field<R, std::string>{"billed_unit", &R::billed_unit});
  // clang-format on
};

/// The fields of ListUsageRecordResponseMeta.
template <>
struct Schema<ListUsageRecordResponseMeta> {
  /// The model, for the rows below.
  using M = ListUsageRecordResponseMeta;
  /// The meta's fields in the OpenAPI description's order.
  static constexpr auto kFields = std::make_tuple(
      Field<M, std::string>{"first_page_url", &M::first_page_url},
      Field<M, std::string>{"key", &M::key},
      Field<M, std::string>{"next_page_url", &M::next_page_url},
      Field<M, int64_t>{"page", &M::page}, Field<M, int64_t>{"page_size", &M::page_size},
      Field<M, std::string>{"previous_page_url", &M::previous_page_url},
      Field<M, std::string>{"url", &M::url});
};

/// Whether T is a model with a Schema (a nested object when it is a field's value type).
template <typename T, typename = void>
struct HasSchema : std::false_type {};
/// \cond
template <typename T>
struct HasSchema<T, std::void_t<decltype(Schema<T>::kFields)>> : std::true_type {};
/// \endcond

/// How many fields Model has.
template <typename Model>
inline constexpr std::size_t kFieldCount =
    std::tuple_size_v<std::decay_t<decltype(Schema<Model>::kFields)>>;

/// Calls `visit(field)` for each Field of Model, in the schema's order.
template <typename Model, typename Visit>
constexpr void ForEachField(Visit&& visit) {
  std::apply([&visit](const auto&... field) { (visit(field), ...); }, Schema<Model>::kFields);
}

}  // namespace twilio::supersim::v1
