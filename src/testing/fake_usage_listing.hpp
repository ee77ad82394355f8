// The fake server's listing for one validated query: which SIMs pass the filters, the time
// buckets and groups, and record i of the listing computed directly from i (so that one page of
// a huge listing costs only that page).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "date_include.hpp"
#include "testing/fake_usage_data.hpp"
#include "testing/fake_usage_query.hpp"
#include "twilio/testing/fake_supersim_server.hpp"

namespace twilio::test_support::fake {

/// One usage record before it becomes JSON.
struct FakeUsageRecord {
  date::sys_seconds period_start;
  date::sys_seconds period_end;
  int64_t data_upload = 0;
  int64_t data_download = 0;
  std::optional<std::string> sim_sid;
  std::optional<std::string> fleet_sid;
  std::optional<std::string> network_sid;
  std::optional<std::string> iso_country;
};

/// A Sim or Fleet filter naming nothing in the data set; `resource` is its path
/// ("/v1/Sims/<value>").
struct NotFound {
  std::string resource;
};

/// Records are ordered newest bucket first, then by group (SIM, fleet or network index;
/// country code). Hour usage counts in a bucket when the hour starts inside both the bucket and
/// the requested window [StartTime, EndTime), and inside [data.start, data.end).
class UsageListing {
 public:
  /// `data` and `usage` (its UsageTable) must outlive the listing.
  static std::variant<UsageListing, NotFound> Build(const FakeDataSet& data,
                                                    const UsageTable& usage,
                                                    const UsageQuery& query);

  int64_t Size() const { return bucket_count_ * static_cast<int64_t>(GroupCount()); }
  /// Record `index` of the listing, 0 <= index < Size().
  FakeUsageRecord At(int64_t index) const;

 private:
  struct Group {
    int key = 0;               // fleet or network index
    std::string country;       // for Group=isoCountry
    std::vector<int> members;  // SIM indexes
  };

  UsageListing(const FakeDataSet& data, const UsageTable& usage, const UsageQuery& query);
  void SelectSims(std::optional<int> sim, std::optional<int> fleet, std::optional<int> network);
  void BuildGroups();
  void BuildBuckets();
  std::size_t GroupCount() const;
  void Accumulate(const int* sims, std::size_t count, int64_t first_hour, int64_t last_hour,
                  FakeUsageRecord& record) const;

  const FakeDataSet* data_;
  const UsageTable* usage_;
  GroupBy group_by_;
  Granularity granularity_;
  date::sys_seconds window_start_;
  date::sys_seconds window_end_;
  int64_t first_hour_ = 0;  // usage hours [first_hour_, last_hour_), in hours since the epoch
  int64_t last_hour_ = 0;
  int64_t first_bucket_ = 0;  // in hours or days since the epoch, as granularity_ says
  int64_t bucket_count_ = 0;
  std::vector<int> sims_;  // the SIMs passing the filters, ascending
  std::vector<Group> groups_;
  std::optional<std::string> sim_echo_;
  std::optional<std::string> fleet_echo_;
  std::optional<std::string> network_echo_;
  std::optional<std::string> country_echo_;
};

}  // namespace twilio::test_support::fake
