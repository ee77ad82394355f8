// The table and CSV columns come from the usage record's schema: every field but account_sid is
// a column exactly once, the presentation list only orders and renames, and each cell holds the
// record's own value.
#include "record_columns.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "schema_leaves.hpp"
#include "twilio/decimal.hpp"
#include "twilio/supersim/v1/usage_record_schema.hpp"
#include "twilio/time_format.hpp"

namespace {

using namespace supersim_usage;
namespace v1 = twilio::supersim::v1;
using Record = v1::SupersimV1UsageRecord;

// The schema's leaves written out from the public table, as "field" or "field.sub".
std::vector<std::string> SchemaPaths() {
  std::vector<std::string> paths;
  v1::ForEachField<Record>([&](const auto& field) {
    using Value = typename FieldValue<std::decay_t<decltype(field)>>::type;
    if constexpr (v1::HasSchema<Value>::value) {
      v1::ForEachField<Value>([&](const auto& sub) {
        paths.push_back(std::string(field.name) + "." + std::string(sub.name));
      });
    } else {
      paths.emplace_back(field.name);
    }
  });
  return paths;
}

TEST(RecordColumns, ShowEveryFieldOfTheSchemaOnceButAccountSid) {
  std::map<std::string, int> shown;
  for (std::size_t c = 0; c < kColumnCount; ++c) {
    const Leaf& leaf = kLeaves<Record>[kColumnLeaves[c]];
    ++shown[leaf.nested ? std::string(leaf.name) + "." + std::string(leaf.sub_name)
                        : std::string(leaf.name)];
  }
  for (const std::string& path : SchemaPaths()) {
    EXPECT_EQ(shown[path], path == "account_sid" ? 0 : 1) << path;
  }
  EXPECT_EQ(kColumnCount, SchemaPaths().size() - 1);
}

TEST(RecordColumns, LeadWithThePeriodAndIdentityThenFollowTheSchema) {
  std::vector<std::string> names(kColumnNames.begin(), kColumnNames.end());
  EXPECT_EQ(names,
            (std::vector<std::string>{"period_start", "period_end", "sim_sid", "fleet_sid",
                                      "network_sid", "iso_country", "data_upload", "data_download",
                                      "data_total", "data_total_billed", "billed_unit"}));
}

TEST(RecordColumns, KindsFollowTheMembersTypes) {
  for (std::size_t c = 0; c < kColumnCount; ++c) {
    const std::string name(kColumnNames[c]);
    const bool bytes = name == "data_upload" || name == "data_download" || name == "data_total";
    EXPECT_EQ(IsByteColumn(c), bytes) << name;
    EXPECT_EQ(IsNumericColumn(c), bytes || name == "data_total_billed") << name;
    EXPECT_EQ(IsTimeColumn(c), name == "period_start" || name == "period_end") << name;
  }
  EXPECT_FALSE(IsByteColumn(kColumnCount));
}

TEST(RecordColumns, CellsHoldTheRecordsOwnValues) {
  Record r;
  r.account_sid = "AC1";
  r.sim_sid = "HS1";
  r.network_sid = "HW1";
  r.fleet_sid = "HF1";
  r.iso_country = "FR";
  r.period = v1::Period{twilio::ParseRfc3339("2026-01-09T07:00:00Z"), std::nullopt};
  r.data_upload = 1;
  r.data_download = 2;
  r.data_total = 3;
  r.data_total_billed = twilio::Decimal::Parse("0.25");
  r.billed_unit = "USD";
  const auto cells = RecordCells(r);
  EXPECT_EQ(cells[kPeriodStartColumn], "2026-01-09T07:00:00Z");
  EXPECT_EQ(cells[kPeriodEndColumn], std::nullopt);
  EXPECT_EQ(cells[kSimColumn], "HS1");
  EXPECT_EQ(cells[kFleetColumn], "HF1");
  EXPECT_EQ(cells[kNetworkColumn], "HW1");
  EXPECT_EQ(cells[kIsoCountryColumn], "FR");
  EXPECT_EQ(cells[kDataUploadColumn], "1");
  EXPECT_EQ(cells[kDataDownloadColumn], "2");
  EXPECT_EQ(cells[kDataTotalColumn], "3");
  EXPECT_EQ(cells[kBilledColumn], "0.25");
  EXPECT_EQ(cells[kBilledUnitColumn], "USD");
  EXPECT_EQ(RecordCells(r, /*human_bytes=*/true)[kDataTotalColumn], "3 B");

  r.period.reset();  // a null parent leaves both of its leaves empty
  EXPECT_EQ(RecordCells(r)[kPeriodStartColumn], std::nullopt);
  EXPECT_EQ(RecordCells(Record{}), (std::array<std::optional<std::string>, kColumnCount>{}));
}

}  // namespace
