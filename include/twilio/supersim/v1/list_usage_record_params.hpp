/// \file
/// ListUsageRecordParams: the optional filters, grouping and paging of GET /v1/UsageRecords.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "twilio/export.hpp"
#include "twilio/time_format.hpp"

namespace twilio::supersim::v1 {

/// Dimension to aggregate usage over (the `Group` query parameter).
enum class Group {
  Sim,        ///< One record per Sim ("sim").
  Fleet,      ///< One record per Fleet ("fleet").
  Network,    ///< One record per Network ("network").
  IsoCountry  ///< One record per country ("isoCountry").
};
/// Time bucket to aggregate usage into (the `Granularity` query parameter).
enum class Granularity {
  Hour,  ///< One record per hour ("hour").
  Day,   ///< One record per day ("day").
  All    ///< One record for the whole period ("all").
};

/// The wire spelling: "sim", "fleet", "network", "isoCountry".
TWILIO_SUPERSIM_EXPORT std::string_view ToString(Group group) noexcept;
/// The wire spelling: "hour", "day", "all".
TWILIO_SUPERSIM_EXPORT std::string_view ToString(Granularity granularity) noexcept;
/// Inverse of ToString(Group); std::nullopt for any other text (case-sensitive, as the API is).
TWILIO_SUPERSIM_EXPORT std::optional<Group> ParseGroup(std::string_view text) noexcept;
/// Inverse of ToString(Granularity); std::nullopt for any other text (case-sensitive).
TWILIO_SUPERSIM_EXPORT std::optional<Granularity> ParseGranularity(std::string_view text) noexcept;

/// Every member is optional; unset ones are not sent. Setters chain:
/// `ListUsageRecordParams().SetGroup(Group::Sim).SetLimit(500)`.
struct ListUsageRecordParams {
  /// SID (HS...) or unique name of a Sim.
  std::optional<std::string> Sim;
  /// SID (HF...) or unique name of a Fleet.
  std::optional<std::string> Fleet;
  /// SID of a Network: `^HW[0-9a-fA-F]{32}$`.
  std::optional<std::string> Network;
  /// Alpha-2 ISO country code (e.g. "FR").
  std::optional<std::string> IsoCountry;
  /// Aggregate usage per Sim, Fleet, Network or country; unset, usage is not split.
  std::optional<v1::Group> Group;
  /// Aggregate usage per hour, per day, or over the whole period (Twilio's default, All).
  std::optional<v1::Granularity> Granularity;
  /// Inclusive; sent in UTC with whole seconds.
  std::optional<TimePoint> StartTime;
  /// Exclusive; sent in UTC with whole seconds.
  std::optional<TimePoint> EndTime;
  /// Records per page, 1..1000 (Twilio's default is 50).
  std::optional<int> PageSize;
  /// Most records a listing yields, >= 1. Never sent; bounds the paging.
  std::optional<int64_t> Limit;

  /// Sets Sim; returns `*this` for chaining.
  ListUsageRecordParams& SetSim(std::string v) {
    Sim = std::move(v);
    return *this;
  }
  /// Sets Fleet; returns `*this` for chaining.
  ListUsageRecordParams& SetFleet(std::string v) {
    Fleet = std::move(v);
    return *this;
  }
  /// Sets Network; returns `*this` for chaining.
  ListUsageRecordParams& SetNetwork(std::string v) {
    Network = std::move(v);
    return *this;
  }
  /// Sets IsoCountry; returns `*this` for chaining.
  ListUsageRecordParams& SetIsoCountry(std::string v) {
    IsoCountry = std::move(v);
    return *this;
  }
  /// Sets Group; returns `*this` for chaining.
  ListUsageRecordParams& SetGroup(v1::Group v) {
    Group = v;
    return *this;
  }
  /// Sets Granularity; returns `*this` for chaining.
  ListUsageRecordParams& SetGranularity(v1::Granularity v) {
    Granularity = v;
    return *this;
  }
  /// Sets StartTime; returns `*this` for chaining.
  ListUsageRecordParams& SetStartTime(TimePoint v) {
    StartTime = v;
    return *this;
  }
  /// Sets EndTime; returns `*this` for chaining.
  ListUsageRecordParams& SetEndTime(TimePoint v) {
    EndTime = v;
    return *this;
  }
  /// Sets PageSize; returns `*this` for chaining.
  ListUsageRecordParams& SetPageSize(int v) {
    PageSize = v;
    return *this;
  }
  /// Sets Limit; returns `*this` for chaining.
  ListUsageRecordParams& SetLimit(int64_t v) {
    Limit = v;
    return *this;
  }
};

}  // namespace twilio::supersim::v1
