// PlanListing: where a listing may be split into time slices, and why not elsewhere.
#include <gtest/gtest.h>

#include "supersim/v1/time_slices.hpp"
#include "twilio/errors.hpp"
#include "twilio/supersim/v1/listing_options.hpp"

namespace twilio::supersim::v1 {
namespace {

ListUsageRecordParams Hourly() {
  return ListUsageRecordParams()
      .SetGranularity(Granularity::Hour)
      .SetStartTime(ParseRfc3339("2026-01-01T00:00:00Z"))
      .SetEndTime(ParseRfc3339("2026-01-31T00:00:00Z"));
}

ListingOptions Slices(std::size_t n) {
  ListingOptions options;
  options.parallel_slices = n;
  return options;
}

TEST(PlanListing, SplitsAnAlignedHourOrDayWindow) {
  EXPECT_EQ(PlanListing(Hourly(), Slices(8)).concurrency, 8u);
  EXPECT_TRUE(PlanListing(Hourly(), Slices(8)).sequential_reason.empty());
  EXPECT_EQ(PlanListing(Hourly().SetGranularity(Granularity::Day), Slices(3)).concurrency, 3u);
}

TEST(PlanListing, OneSliceIsSequentialWithoutAReason) {
  const ListingPlan plan = PlanListing(Hourly(), ListingOptions());
  EXPECT_FALSE(plan.Parallel());
  EXPECT_TRUE(plan.sequential_reason.empty());
}

void ExpectSequential(const ListUsageRecordParams& params, const std::string& because) {
  const ListingPlan plan = PlanListing(params, Slices(8));
  EXPECT_EQ(plan.concurrency, 1u);
  EXPECT_NE(plan.sequential_reason.find(because), std::string::npos) << plan.sequential_reason;
}

TEST(PlanListing, RunsWholeWhereASplitCouldChangeTheAnswerAndSaysWhy) {
  ExpectSequential(Hourly().SetGranularity(Granularity::All), "Granularity all");
  ListUsageRecordParams unset = Hourly();
  unset.Granularity.reset();
  ExpectSequential(unset, "Granularity is not set");
  ListUsageRecordParams no_start = Hourly();
  no_start.StartTime.reset();
  ExpectSequential(no_start, "StartTime and EndTime must both be set");
  ListUsageRecordParams no_end = Hourly();
  no_end.EndTime.reset();
  ExpectSequential(no_end, "StartTime and EndTime must both be set");
  ExpectSequential(Hourly().SetStartTime(ParseRfc3339("2026-01-01T00:30:00Z")), "a whole hour");
  ExpectSequential(Hourly().SetEndTime(ParseRfc3339("2026-01-30T23:00:00.5Z")), "a whole hour");
  // Hours are not enough for days: their buckets start at midnight UTC.
  ExpectSequential(
      Hourly().SetGranularity(Granularity::Day).SetStartTime(ParseRfc3339("2026-01-01T01:00:00Z")),
      "midnight UTC");
  ExpectSequential(Hourly().SetEndTime(ParseRfc3339("2026-01-01T01:00:00Z")), "single bucket");
  // A Limit the first page holds: one request may be the whole listing.
  ExpectSequential(Hourly().SetPageSize(100).SetLimit(100), "fits in the first page");
  ExpectSequential(Hourly().SetLimit(1000), "fits in the first page");
  EXPECT_TRUE(PlanListing(Hourly().SetPageSize(100).SetLimit(101), Slices(8)).Parallel());
}

TEST(PlanListing, RefusesAParallelismOutOfRangeNamingIt) {
  for (std::size_t bad : {0, 33}) {
    try {
      PlanListing(Hourly(), Slices(bad));
      ADD_FAILURE() << bad << " accepted";
    } catch (const ValidationException& e) {
      EXPECT_EQ(e.Parameter(), "parallel_slices");
      EXPECT_NE(std::string(e.what()).find(std::to_string(bad)), std::string::npos) << e.what();
    }
  }
  EXPECT_NO_THROW(PlanListing(Hourly(), Slices(32)));
}

TEST(PlanListing, ValidatesTheParamsFirst) {
  EXPECT_THROW(PlanListing(Hourly().SetPageSize(0), Slices(8)), ValidationException);
}

TEST(SliceFrame, SlicesCountBackFromTheEndAndStopAtTheStart) {
  std::string reason;
  auto frame = internal::FrameOf(Hourly(), reason);
  ASSERT_TRUE(frame) << reason;
  EXPECT_EQ(frame->buckets, 30 * 24);
  const ListUsageRecordParams newest = frame->Slice(Hourly(), 0, 1);
  EXPECT_EQ(FormatRfc3339Utc(*newest.StartTime), "2026-01-30T23:00:00Z");
  EXPECT_EQ(FormatRfc3339Utc(*newest.EndTime), "2026-01-31T00:00:00Z");
  const ListUsageRecordParams next = frame->Slice(Hourly(), 1, 20);
  EXPECT_EQ(FormatRfc3339Utc(*next.StartTime), "2026-01-30T03:00:00Z");
  EXPECT_EQ(FormatRfc3339Utc(*next.EndTime), "2026-01-30T23:00:00Z");
  const ListUsageRecordParams oldest = frame->Slice(Hourly(), 30 * 24 - 5, 20);
  EXPECT_EQ(FormatRfc3339Utc(*oldest.StartTime), "2026-01-01T00:00:00Z");
  EXPECT_EQ(FormatRfc3339Utc(*oldest.EndTime), "2026-01-01T05:00:00Z");
}

}  // namespace
}  // namespace twilio::supersim::v1
