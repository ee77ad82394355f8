#include "testing/fake_usage_data.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

namespace twilio::test_support::fake {
namespace {

// Per-kind salts, so that SIM 0, fleet 0 and network 0 do not share their hex digits.
constexpr uint64_t kSimSalt = 0x53494d0000000000ULL;
constexpr uint64_t kFleetSalt = 0x464c454554000000ULL;
constexpr uint64_t kNetworkSalt = 0x4e4554574f524b00ULL;

uint64_t HighHalf(uint64_t salt, int index) {
  return Mix64(salt ^ static_cast<uint64_t>(static_cast<uint32_t>(index)));
}

std::string MakeSid(const char* prefix, uint64_t salt, int index) {
  const uint64_t high = HighHalf(salt, index);
  const uint64_t low = Mix64(high);
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%s%016llx%016llx", prefix,
                static_cast<unsigned long long>(high), static_cast<unsigned long long>(low));
  return buffer;
}

// The index in [0, count) whose SID is `sid`; the first 16 hex digits identify the index.
std::optional<int> FindBySid(const std::string& sid, const char* prefix, uint64_t salt, int count) {
  if (sid.size() != 34 || sid.compare(0, 2, prefix) != 0) return std::nullopt;
  uint64_t high = 0;
  for (std::size_t i = 2; i < 18; ++i) {
    const char c = sid[i];
    uint64_t digit = 0;
    if (c >= '0' && c <= '9') {
      digit = static_cast<uint64_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      digit = static_cast<uint64_t>(c - 'a' + 10);
    } else {
      return std::nullopt;
    }
    high = (high << 4) | digit;
  }
  for (int index = 0; index < count; ++index) {
    if (HighHalf(salt, index) == high) {
      if (MakeSid(prefix, salt, index) == sid) return index;
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::string NameOf(const std::vector<std::string>& names, const char* stem, int index) {
  if (index >= 0 && static_cast<std::size_t>(index) < names.size()) {
    return names[static_cast<std::size_t>(index)];
  }
  return stem + std::to_string(index);
}

}  // namespace

uint64_t Mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::string SimSid(int index) {
  return MakeSid("HS", kSimSalt, index);
}
std::string FleetSid(int index) {
  return MakeSid("HF", kFleetSalt, index);
}
std::string NetworkSid(int index) {
  return MakeSid("HW", kNetworkSalt, index);
}

std::string SimName(const FakeDataSet& data, int index) {
  return NameOf(data.sim_names, "sim-", index);
}

std::string FleetName(const FakeDataSet& data, int index) {
  return NameOf(data.fleet_names, "fleet-", index);
}

int FleetOf(const FakeDataSet& data, int sim) {
  return sim % data.fleets;
}
int NetworkOf(const FakeDataSet& data, int sim) {
  return sim % data.networks;
}

const std::string& CountryOfNetwork(const FakeDataSet& data, int network) {
  return data.countries[static_cast<std::size_t>(network) % data.countries.size()];
}

const std::string& CountryOf(const FakeDataSet& data, int sim) {
  return CountryOfNetwork(data, NetworkOf(data, sim));
}

std::optional<int> FindSim(const FakeDataSet& data, const std::string& sid_or_name) {
  if (auto index = FindBySid(sid_or_name, "HS", kSimSalt, data.sims)) return index;
  for (int index = 0; index < data.sims; ++index) {
    if (SimName(data, index) == sid_or_name) return index;
  }
  return std::nullopt;
}

std::optional<int> FindFleet(const FakeDataSet& data, const std::string& sid_or_name) {
  if (auto index = FindBySid(sid_or_name, "HF", kFleetSalt, data.fleets)) return index;
  for (int index = 0; index < data.fleets; ++index) {
    if (FleetName(data, index) == sid_or_name) return index;
  }
  return std::nullopt;
}

std::optional<int> FindNetwork(const FakeDataSet& data, const std::string& sid) {
  return FindBySid(sid, "HW", kNetworkSalt, data.networks);
}

HourUsage UsageOf(int sim, int64_t hour) {
  const uint64_t h = Mix64(Mix64(static_cast<uint64_t>(sim) + 0x9e3779b97f4a7c15ULL) ^
                           static_cast<uint64_t>(hour));
  HourUsage usage;
  usage.upload = 1000 + static_cast<int64_t>(h % 99001);
  usage.download = 1000 + static_cast<int64_t>((h >> 32) % 99001);
  return usage;
}

namespace {

int64_t HourIndex(std::chrono::system_clock::time_point time) {
  return std::chrono::floor<std::chrono::hours>(time).time_since_epoch().count();
}

// The SIMs a FakeUsage entry names.
std::vector<int> SimsOf(const FakeDataSet& data, const FakeUsage& usage) {
  std::vector<int> sims;
  for (int sim = 0; sim < data.sims; ++sim) {
    if ((usage.sim && *usage.sim == sim) ||
        (usage.network && NetworkOf(data, sim) == *usage.network) ||
        (usage.country && CountryOf(data, sim) == *usage.country)) {
      sims.push_back(sim);
    }
  }
  return sims;
}

std::optional<std::string> ValidateUsage(const FakeDataSet& data, const FakeUsage& usage,
                                         std::size_t index) {
  const std::string which = "usage[" + std::to_string(index) + "]: ";
  const int selectors = (usage.sim ? 1 : 0) + (usage.network ? 1 : 0) + (usage.country ? 1 : 0);
  if (selectors != 1) return which + "set exactly one of sim, network and country";
  if (usage.sim && (*usage.sim < 0 || *usage.sim >= data.sims)) {
    return which + "sim " + std::to_string(*usage.sim) + " is not in the data set";
  }
  if (usage.network && (*usage.network < 0 || *usage.network >= data.networks)) {
    return which + "network " + std::to_string(*usage.network) + " is not in the data set";
  }
  if (usage.country && std::find(data.countries.begin(), data.countries.end(), *usage.country) ==
                           data.countries.end()) {
    return which + "country \"" + *usage.country + "\" is not one of the data set's countries";
  }
  if (usage.hours < 1) return which + "hours must be at least 1";
  if (usage.upload < 0 || usage.download < 0) return which + "bytes must not be negative";
  // An entry that cannot change a record is a mistake (an unset start is 1970).
  const auto ceil_hour = [](std::chrono::system_clock::time_point t) {
    return std::chrono::ceil<std::chrono::hours>(t).time_since_epoch().count();
  };
  const int64_t first = HourIndex(usage.start);
  if (first + usage.hours <= ceil_hour(data.start) || first >= ceil_hour(data.end)) {
    return which + "its hours are all outside the data set's [start, end)";
  }
  return std::nullopt;
}

}  // namespace

UsageTable::UsageTable(const FakeDataSet& data) {
  for (const FakeUsage& usage : data.usage) {
    const int64_t first = HourIndex(usage.start);
    const auto hours = static_cast<int64_t>(usage.hours);
    for (int sim : SimsOf(data, usage)) {
      for (int64_t i = 0; i < hours; ++i) {
        HourUsage each;
        each.upload = usage.upload / hours + (i == 0 ? usage.upload % hours : 0);
        each.download = usage.download / hours + (i == 0 ? usage.download % hours : 0);
        set_[{sim, first + i}] = each;
      }
    }
  }
}

HourUsage UsageTable::Of(int sim, int64_t hour) const {
  if (set_.empty()) return UsageOf(sim, hour);
  auto it = set_.find({sim, hour});
  return it != set_.end() ? it->second : UsageOf(sim, hour);
}

std::optional<std::string> ValidateDataSet(const FakeDataSet& data) {
  if (data.sims < 0) return "sims must not be negative";
  if (data.fleets < 1) return "fleets must be at least 1";
  if (data.networks < 1) return "networks must be at least 1";
  if (data.countries.empty()) return "countries must not be empty";
  if (data.end < data.start) return "end must not be before start";
  for (std::size_t i = 0; i < data.usage.size(); ++i) {
    if (auto problem = ValidateUsage(data, data.usage[i], i)) return problem;
  }
  return std::nullopt;
}

}  // namespace twilio::test_support::fake
