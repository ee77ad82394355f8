// ListUsageRecordParams: the optional filters, grouping and paging of GET /v1/UsageRecords.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "twilio/export.hpp"
#include "twilio/time_format.hpp"

namespace twilio::supersim::v1 {

/// Dimension to aggregate usage over (the `Group` query parameter).
enum class Group { Sim, Fleet, Network, IsoCountry };
/// Time bucket to aggregate usage into (the `Granularity` query parameter).
enum class Granularity { Hour, Day, All };

/// The wire spelling: "sim", "fleet", "network", "isoCountry".
TWILIO_SUPERSIM_EXPORT std::string_view ToString(Group group) noexcept;
/// The wire spelling: "hour", "day", "all".
TWILIO_SUPERSIM_EXPORT std::string_view ToString(Granularity granularity) noexcept;
/// Inverse of ToString; std::nullopt for any other text (case-sensitive, as the API is).
TWILIO_SUPERSIM_EXPORT std::optional<Group> ParseGroup(std::string_view text) noexcept;
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
  std::optional<v1::Group> Group;
  std::optional<v1::Granularity> Granularity;
  /// Inclusive; sent in UTC with whole seconds.
  std::optional<TimePoint> StartTime;
  /// Exclusive; sent in UTC with whole seconds.
  std::optional<TimePoint> EndTime;
  /// Records per page, 1..1000 (Twilio's default is 50).
  std::optional<int> PageSize;
  /// Most records a listing yields, >= 1. Never sent; bounds the paging.
  std::optional<int64_t> Limit;

  ListUsageRecordParams& SetSim(std::string v) {
    Sim = std::move(v);
    return *this;
  }
  ListUsageRecordParams& SetFleet(std::string v) {
    Fleet = std::move(v);
    return *this;
  }
  ListUsageRecordParams& SetNetwork(std::string v) {
    Network = std::move(v);
    return *this;
  }
  ListUsageRecordParams& SetIsoCountry(std::string v) {
    IsoCountry = std::move(v);
    return *this;
  }
  ListUsageRecordParams& SetGroup(v1::Group v) {
    Group = v;
    return *this;
  }
  ListUsageRecordParams& SetGranularity(v1::Granularity v) {
    Granularity = v;
    return *this;
  }
  ListUsageRecordParams& SetStartTime(TimePoint v) {
    StartTime = v;
    return *this;
  }
  ListUsageRecordParams& SetEndTime(TimePoint v) {
    EndTime = v;
    return *this;
  }
  ListUsageRecordParams& SetPageSize(int v) {
    PageSize = v;
    return *this;
  }
  ListUsageRecordParams& SetLimit(int64_t v) {
    Limit = v;
    return *this;
  }
};

}  // namespace twilio::supersim::v1
