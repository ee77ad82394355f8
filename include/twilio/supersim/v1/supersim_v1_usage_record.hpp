/// \file
/// SupersimV1UsageRecord: one row of Super SIM data usage, as GET /v1/UsageRecords returns it.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "twilio/decimal.hpp"
#include "twilio/export.hpp"
#include "twilio/time_format.hpp"

namespace twilio::supersim::v1 {

/// The time span a usage record covers: [start_time, end_time).
struct Period {
  /// First instant covered (inclusive), UTC.
  std::optional<TimePoint> start_time;
  /// First instant no longer covered (exclusive), UTC.
  std::optional<TimePoint> end_time;

  /// Member-wise equality.
  friend TWILIO_SUPERSIM_EXPORT bool operator==(const Period& a, const Period& b);
  /// The negation of operator==.
  friend bool operator!=(const Period& a, const Period& b) { return !(a == b); }
};

/// Every field is nullable in Twilio's schema: JSON null and an absent field both give an
/// empty optional. The fields' JSON names are in usage_record_schema.hpp.
struct SupersimV1UsageRecord {
  /// The account the usage belongs to (AC...).
  std::optional<std::string> account_sid;
  /// Present when the listing filtered on a Sim or grouped by sim.
  std::optional<std::string> sim_sid;
  /// Present when the listing filtered on a Network or grouped by network.
  std::optional<std::string> network_sid;
  /// Present when the listing filtered on a Fleet or grouped by fleet.
  std::optional<std::string> fleet_sid;
  /// Alpha-2 country code; present when filtered on IsoCountry or grouped by isoCountry.
  std::optional<std::string> iso_country;
  /// The time span this record covers.
  std::optional<Period> period;
  /// Bytes sent by the SIMs.
  std::optional<int64_t> data_upload;
  /// Bytes received by the SIMs.
  std::optional<int64_t> data_download;
  /// Bytes in all: data_upload + data_download.
  std::optional<int64_t> data_total;
  /// Amount charged, in billed_unit, exactly as Twilio sent it (a JSON string or number).
  std::optional<Decimal> data_total_billed;
  /// ISO 4217 currency code (e.g. "USD").
  std::optional<std::string> billed_unit;

  /// data_total_billed as a double (0.0 when absent), for charts and estimates.
  double DataTotalBilledValue() const {
    return data_total_billed ? data_total_billed->ToDouble() : 0.0;
  }

  /// Member-wise equality; data_total_billed compares by value ("0.10" == "0.1").
  friend TWILIO_SUPERSIM_EXPORT bool operator==(const SupersimV1UsageRecord& a,
                                                const SupersimV1UsageRecord& b);
  /// The negation of operator==.
  friend bool operator!=(const SupersimV1UsageRecord& a, const SupersimV1UsageRecord& b) {
    return !(a == b);
  }
};

/// JSON with the API's own field names; data_total_billed is written as a string, as Twilio
/// sends it, and times as `YYYY-MM-DDTHH:MM:SSZ` (sub-seconds kept when present).
TWILIO_SUPERSIM_EXPORT void to_json(nlohmann::json& j, const SupersimV1UsageRecord& record);
/// Throws ParseException naming the JSON path of a field of the wrong type.
TWILIO_SUPERSIM_EXPORT void from_json(const nlohmann::json& j, SupersimV1UsageRecord& record);

/// `{"start_time": ..., "end_time": ...}` in RFC 3339 UTC; unset times are written as null.
TWILIO_SUPERSIM_EXPORT void to_json(nlohmann::json& j, const Period& period);
/// Reads a period; throws ParseException for a value of the wrong type or a time that is not
/// RFC 3339.
TWILIO_SUPERSIM_EXPORT void from_json(const nlohmann::json& j, Period& period);

}  // namespace twilio::supersim::v1
