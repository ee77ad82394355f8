#include "testing/fake_usage_data.hpp"

#include <cstdio>

namespace twilio::testing::fake {
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

std::optional<std::string> ValidateDataSet(const FakeDataSet& data) {
  if (data.sims < 0) return "sims must not be negative";
  if (data.fleets < 1) return "fleets must be at least 1";
  if (data.networks < 1) return "networks must be at least 1";
  if (data.countries.empty()) return "countries must not be empty";
  if (data.end < data.start) return "end must not be before start";
  return std::nullopt;
}

}  // namespace twilio::testing::fake
