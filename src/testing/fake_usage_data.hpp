// The fake server's deterministic data model: SIDs, unique names, who belongs to what, and the
// bytes each SIM moves in each hour. Pure functions of a FakeDataSet; no sockets, no state.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "twilio/testing/fake_supersim_server.hpp"

namespace twilio::test_support::fake {

/// "HS"/"HF"/"HW" + 32 lower-case hex digits, distinct for distinct indexes.
std::string SimSid(int index);
std::string FleetSid(int index);
std::string NetworkSid(int index);

/// data.sim_names[index] when present, else "sim-<index>"; fleets likewise ("fleet-<index>").
std::string SimName(const FakeDataSet& data, int index);
std::string FleetName(const FakeDataSet& data, int index);

/// SIM `sim` belongs to fleet sim % fleets, uses network sim % networks, and network n sits in
/// country countries[n % countries.size()].
int FleetOf(const FakeDataSet& data, int sim);
int NetworkOf(const FakeDataSet& data, int sim);
const std::string& CountryOfNetwork(const FakeDataSet& data, int network);
const std::string& CountryOf(const FakeDataSet& data, int sim);

/// The index of the SIM whose SID or unique name is exactly `sid_or_name`.
std::optional<int> FindSim(const FakeDataSet& data, const std::string& sid_or_name);
/// The index of the fleet whose SID or unique name is exactly `sid_or_name`.
std::optional<int> FindFleet(const FakeDataSet& data, const std::string& sid_or_name);
/// The index of the network whose SID is exactly `sid`.
std::optional<int> FindNetwork(const FakeDataSet& data, const std::string& sid);

/// Bytes one SIM moved in one hour.
struct HourUsage {
  int64_t upload = 0;
  int64_t download = 0;
};

/// The usage of SIM `sim` in the UTC hour starting `hour` hours after the Unix epoch:
///   h = Mix64(Mix64(sim + 0x9e3779b97f4a7c15) ^ hour)
///   upload = 1000 + h % 99001, download = 1000 + (h >> 32) % 99001
/// where Mix64 is the splitmix64 finalizer. Each value lies in [1000, 100000].
HourUsage UsageOf(int sim, int64_t hour);

/// The usage of every SIM in every hour: the formula's, but where FakeDataSet::usage sets it.
class UsageTable {
 public:
  /// `data` must be valid (ValidateDataSet).
  explicit UsageTable(const FakeDataSet& data);
  HourUsage Of(int sim, int64_t hour) const;

 private:
  std::map<std::pair<int, int64_t>, HourUsage> set_;  // (SIM, hour since the epoch)
};

/// The splitmix64 finalizer (a bijection on 64-bit integers).
uint64_t Mix64(uint64_t z);

/// A validation message if the data set cannot be served (no fleets, no networks, ...).
std::optional<std::string> ValidateDataSet(const FakeDataSet& data);

}  // namespace twilio::test_support::fake
