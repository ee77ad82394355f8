#include "testing/fake_usage_listing.hpp"

#include <algorithm>
#include <map>

#include "testing/fake_usage_data.hpp"

namespace twilio::test_support::fake {
namespace {

constexpr int64_t kSecondsPerHour = 3600;
constexpr int64_t kHoursPerDay = 24;

int64_t FloorDiv(int64_t a, int64_t b) {
  const int64_t quotient = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? quotient - 1 : quotient;
}

// The first whole hour starting at or after `time`, in hours since the epoch.
int64_t CeilHour(date::sys_seconds time) {
  return -FloorDiv(-static_cast<int64_t>(time.time_since_epoch().count()), kSecondsPerHour);
}

date::sys_seconds HourStart(int64_t hour) {
  return date::sys_seconds(std::chrono::seconds(hour * kSecondsPerHour));
}

}  // namespace

std::variant<UsageListing, NotFound> UsageListing::Build(const FakeDataSet& data,
                                                         const UsageTable& usage,
                                                         const UsageQuery& query) {
  std::optional<int> sim;
  std::optional<int> fleet;
  std::optional<int> network;
  if (query.sim) {
    sim = FindSim(data, *query.sim);
    if (!sim) return NotFound{"/v1/Sims/" + *query.sim};
  }
  if (query.fleet) {
    fleet = FindFleet(data, *query.fleet);
    if (!fleet) return NotFound{"/v1/Fleets/" + *query.fleet};
  }
  UsageListing listing(data, usage, query);
  if (query.network) {
    // An unknown (but well-formed) network is a filter that matches no usage.
    network = FindNetwork(data, *query.network);
    listing.network_echo_ = network ? NetworkSid(*network) : *query.network;
  }
  if (sim) listing.sim_echo_ = SimSid(*sim);
  if (fleet) listing.fleet_echo_ = FleetSid(*fleet);
  listing.country_echo_ = query.iso_country;
  if (!query.network || network) listing.SelectSims(sim, fleet, network);
  listing.BuildGroups();
  listing.BuildBuckets();
  return listing;
}

UsageListing::UsageListing(const FakeDataSet& data, const UsageTable& usage,
                           const UsageQuery& query)
    : data_(&data),
      usage_(&usage),
      group_by_(query.group),
      granularity_(query.granularity),
      window_start_(query.window_start),
      window_end_(query.window_end) {}

void UsageListing::SelectSims(std::optional<int> sim, std::optional<int> fleet,
                              std::optional<int> network) {
  const auto passes = [&](int index) {
    return (!fleet || FleetOf(*data_, index) == *fleet) &&
           (!network || NetworkOf(*data_, index) == *network) &&
           (!country_echo_ || CountryOf(*data_, index) == *country_echo_);
  };
  if (sim) {
    if (passes(*sim)) sims_.push_back(*sim);
    return;
  }
  for (int index = 0; index < data_->sims; ++index) {
    if (passes(index)) sims_.push_back(index);
  }
}

void UsageListing::BuildGroups() {
  if (sims_.empty() || group_by_ == GroupBy::kSim) return;
  if (group_by_ == GroupBy::kNone) {
    groups_.push_back(Group{0, std::string(), sims_});
  } else if (group_by_ == GroupBy::kIsoCountry) {
    std::map<std::string, std::vector<int>> by_country;
    for (int sim : sims_) by_country[CountryOf(*data_, sim)].push_back(sim);
    for (auto& [country, members] : by_country) {
      groups_.push_back(Group{0, country, std::move(members)});
    }
  } else {
    const bool by_fleet = group_by_ == GroupBy::kFleet;
    std::map<int, std::vector<int>> by_key;
    for (int sim : sims_) {
      by_key[by_fleet ? FleetOf(*data_, sim) : NetworkOf(*data_, sim)].push_back(sim);
    }
    for (auto& [key, members] : by_key) groups_.push_back(Group{key, std::string(), members});
  }
}

void UsageListing::BuildBuckets() {
  first_hour_ =
      std::max(CeilHour(window_start_), CeilHour(date::floor<std::chrono::seconds>(data_->start)));
  last_hour_ =
      std::min(CeilHour(window_end_), CeilHour(date::floor<std::chrono::seconds>(data_->end)));
  if (first_hour_ >= last_hour_ || GroupCount() == 0) {
    bucket_count_ = 0;
    return;
  }
  switch (granularity_) {
    case Granularity::kHour:
      first_bucket_ = first_hour_;
      bucket_count_ = last_hour_ - first_hour_;
      break;
    case Granularity::kDay:
      first_bucket_ = FloorDiv(first_hour_, kHoursPerDay);
      bucket_count_ = FloorDiv(last_hour_ - 1, kHoursPerDay) - first_bucket_ + 1;
      break;
    case Granularity::kAll:
      first_bucket_ = 0;
      bucket_count_ = 1;
      break;
  }
}

std::size_t UsageListing::GroupCount() const {
  return group_by_ == GroupBy::kSim ? sims_.size() : groups_.size();
}

void UsageListing::Accumulate(const int* sims, std::size_t count, int64_t first_hour,
                              int64_t last_hour, FakeUsageRecord& record) const {
  for (std::size_t i = 0; i < count; ++i) {
    const int sim = sims[i];
    for (int64_t hour = first_hour; hour < last_hour; ++hour) {
      const HourUsage usage = usage_->Of(sim, hour);
      record.data_upload += usage.upload;
      record.data_download += usage.download;
    }
  }
}

FakeUsageRecord UsageListing::At(int64_t index) const {
  const auto group_count = static_cast<int64_t>(GroupCount());
  const int64_t bucket = first_bucket_ + (bucket_count_ - 1 - index / group_count);
  const auto group = static_cast<std::size_t>(index % group_count);

  FakeUsageRecord record;
  int64_t first_hour = first_hour_;
  int64_t last_hour = last_hour_;
  switch (granularity_) {
    case Granularity::kHour:
      first_hour = bucket;
      last_hour = bucket + 1;
      record.period_start = HourStart(bucket);
      record.period_end = HourStart(bucket + 1);
      break;
    case Granularity::kDay:
      first_hour = std::max(first_hour_, bucket * kHoursPerDay);
      last_hour = std::min(last_hour_, (bucket + 1) * kHoursPerDay);
      record.period_start = HourStart(bucket * kHoursPerDay);
      record.period_end = HourStart((bucket + 1) * kHoursPerDay);
      break;
    case Granularity::kAll:
      record.period_start = window_start_;
      record.period_end = window_end_;
      break;
  }

  record.sim_sid = sim_echo_;
  record.fleet_sid = fleet_echo_;
  record.network_sid = network_echo_;
  record.iso_country = country_echo_;
  if (group_by_ == GroupBy::kSim) {
    record.sim_sid = SimSid(sims_[group]);
    Accumulate(&sims_[group], 1, first_hour, last_hour, record);
    return record;
  }
  const Group& members = groups_[group];
  if (group_by_ == GroupBy::kFleet) record.fleet_sid = FleetSid(members.key);
  if (group_by_ == GroupBy::kNetwork) record.network_sid = NetworkSid(members.key);
  if (group_by_ == GroupBy::kIsoCountry) record.iso_country = members.country;
  Accumulate(members.members.data(), members.members.size(), first_hour, last_hour, record);
  return record;
}

}  // namespace twilio::test_support::fake
