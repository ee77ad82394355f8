#include "twilio/supersim/v1/list_usage_record_request.hpp"

#include <gtest/gtest.h>

#include "twilio/errors.hpp"

namespace twilio::supersim::v1 {
namespace {

const std::string kNetwork = "HW" + std::string(32, 'a');

std::string ParameterRejected(const ListUsageRecordParams& params) {
  try {
    ValidateListUsageRecordParams(params);
  } catch (const ValidationException& e) {
    return e.Parameter();
  }
  return "";
}

TEST(EffectivePageSize, FollowsTwilioGoRule) {
  struct Row {
    std::optional<int> page_size;
    std::optional<int64_t> limit;
    int sent;
  };
  const Row rows[] = {
      {std::nullopt, std::nullopt, 50},
      {std::nullopt, 20, 20},
      {std::nullopt, 1000, 1000},
      {std::nullopt, 5000, 1000},
      {std::nullopt, 1, 1},
      {30, std::nullopt, 30},
      {1000, std::nullopt, 1000},
      {100, 20, 20},
      {20, 100, 20},
      {50, 50, 50},
      {1000, 1000000, 1000},
  };
  for (const Row& row : rows) {
    ListUsageRecordParams params;
    params.PageSize = row.page_size;
    params.Limit = row.limit;
    EXPECT_EQ(EffectivePageSize(params), row.sent)
        << "PageSize=" << row.page_size.value_or(-1) << " Limit=" << row.limit.value_or(-1);
  }
}

TEST(PercentEncode, EncodesAllButUnreserved) {
  EXPECT_EQ(PercentEncode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(PercentEncode("a b/c+d"), "a%20b%2Fc%2Bd");
  EXPECT_EQ(PercentEncode("&=?#%"), "%26%3D%3F%23%25");
  EXPECT_EQ(PercentEncode("Zürich"), "Z%C3%BCrich");
  EXPECT_EQ(PercentEncode(std::string("\0\x7f\xff", 3)), "%00%7F%FF");
}

TEST(BuildListUsageRecordQuery, DefaultsToPageSizeOnly) {
  EXPECT_EQ(BuildListUsageRecordQuery({}), "PageSize=50");
}

TEST(BuildListUsageRecordQuery, SendsEveryParameterInTwiliosOrder) {
  ListUsageRecordParams params;
  params.SetLimit(10)
      .SetPageSize(200)
      .SetEndTime(ParseRfc3339("2026-02-01T00:00:00Z"))
      .SetStartTime(ParseRfc3339("2026-01-01T01:30:00.75+01:00"))
      .SetGranularity(Granularity::Day)
      .SetGroup(Group::IsoCountry)
      .SetIsoCountry("FR")
      .SetNetwork(kNetwork)
      .SetFleet("HF" + std::string(32, 'b'))
      .SetSim("my sim/1+2");
  EXPECT_EQ(BuildListUsageRecordQuery(params, 3, std::string("PAabc=")),
            "Sim=my%20sim%2F1%2B2&Fleet=HFbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb&Network=" + kNetwork +
                "&IsoCountry=FR&Group=isoCountry&Granularity=day"
                "&StartTime=2026-01-01T00%3A30%3A00Z&EndTime=2026-02-01T00%3A00%3A00Z"
                "&PageSize=10&Page=3&PageToken=PAabc%3D");
}

TEST(BuildListUsageRecordQuery, SpellsEveryEnumValue) {
  const std::pair<Group, const char*> groups[] = {{Group::Sim, "sim"},
                                                  {Group::Fleet, "fleet"},
                                                  {Group::Network, "network"},
                                                  {Group::IsoCountry, "isoCountry"}};
  for (const auto& [group, text] : groups) {
    EXPECT_EQ(BuildListUsageRecordQuery(ListUsageRecordParams().SetGroup(group)),
              std::string("Group=") + text + "&PageSize=50");
    EXPECT_EQ(ParseGroup(text), group);
  }
  const std::pair<Granularity, const char*> granularities[] = {
      {Granularity::Hour, "hour"}, {Granularity::Day, "day"}, {Granularity::All, "all"}};
  for (const auto& [granularity, text] : granularities) {
    EXPECT_EQ(BuildListUsageRecordQuery(ListUsageRecordParams().SetGranularity(granularity)),
              std::string("Granularity=") + text + "&PageSize=50");
    EXPECT_EQ(ParseGranularity(text), granularity);
  }
  EXPECT_EQ(ParseGroup("IsoCountry"), std::nullopt);
  EXPECT_EQ(ParseGranularity("month"), std::nullopt);
}

TEST(ValidateListUsageRecordParams, AcceptsTheSpecsRanges) {
  ListUsageRecordParams params;
  params.SetPageSize(1)
      .SetLimit(1)
      .SetNetwork("HW0123456789abcdefABCDEF0123456789")
      .SetIsoCountry("us");
  EXPECT_NO_THROW(ValidateListUsageRecordParams(params));
  EXPECT_NO_THROW(ValidateListUsageRecordParams(ListUsageRecordParams().SetPageSize(1000)));
  EXPECT_NO_THROW(ValidateListUsageRecordParams(ListUsageRecordParams().SetSim("Ünïcode name")));
}

TEST(ValidateListUsageRecordParams, NamesTheRejectedParameter) {
  const TimePoint t = ParseRfc3339("2026-01-01T00:00:00Z");
  EXPECT_EQ(ParameterRejected(ListUsageRecordParams().SetPageSize(0)), "PageSize");
  EXPECT_EQ(ParameterRejected(ListUsageRecordParams().SetPageSize(1001)), "PageSize");
  EXPECT_EQ(ParameterRejected(ListUsageRecordParams().SetPageSize(-5)), "PageSize");
  EXPECT_EQ(ParameterRejected(ListUsageRecordParams().SetLimit(0)), "Limit");
  EXPECT_EQ(ParameterRejected(ListUsageRecordParams().SetLimit(-1)), "Limit");
  EXPECT_EQ(ParameterRejected(ListUsageRecordParams().SetNetwork("HW123")), "Network");
  EXPECT_EQ(ParameterRejected(ListUsageRecordParams().SetNetwork("HX" + std::string(32, 'a'))),
            "Network");
  EXPECT_EQ(ParameterRejected(ListUsageRecordParams().SetNetwork("HW" + std::string(32, 'g'))),
            "Network");
  EXPECT_EQ(ParameterRejected(ListUsageRecordParams().SetIsoCountry("FRA")), "IsoCountry");
  EXPECT_EQ(ParameterRejected(ListUsageRecordParams().SetIsoCountry("F1")), "IsoCountry");
  EXPECT_EQ(ParameterRejected(ListUsageRecordParams().SetSim("")), "Sim");
  EXPECT_EQ(ParameterRejected(ListUsageRecordParams().SetFleet("")), "Fleet");
  EXPECT_EQ(ParameterRejected(ListUsageRecordParams().SetStartTime(t).SetEndTime(t)), "StartTime");
  EXPECT_EQ(ParameterRejected(
                ListUsageRecordParams().SetStartTime(t + std::chrono::hours(1)).SetEndTime(t)),
            "StartTime");
  // Sent in whole seconds, so half a second apart is the same instant to Twilio.
  EXPECT_EQ(ParameterRejected(ListUsageRecordParams().SetStartTime(t).SetEndTime(
                t + std::chrono::milliseconds(500))),
            "StartTime");
}

// As PageSize's does, a rejected value is echoed: quoted, cut, control characters escaped.
TEST(ValidateListUsageRecordParams, EchoesTheRejectedIsoCountryAndNetwork) {
  const auto reason = [](const ListUsageRecordParams& params) {
    try {
      ValidateListUsageRecordParams(params);
    } catch (const ValidationException& e) {
      return e.Reason();
    }
    return std::string("accepted");
  };
  EXPECT_EQ(reason(ListUsageRecordParams().SetIsoCountry("FRA")),
            "must be a two-letter ISO 3166-1 alpha-2 code, got \"FRA\"");
  EXPECT_EQ(reason(ListUsageRecordParams().SetNetwork("HW12")),
            "must be a Network SID: HW followed by 32 hex digits, got \"HW12\"");
  EXPECT_EQ(reason(ListUsageRecordParams().SetIsoCountry("F\nR")),
            "must be a two-letter ISO 3166-1 alpha-2 code, got \"F\\x0aR\"");
  EXPECT_EQ(reason(ListUsageRecordParams().SetNetwork(std::string(100, 'h'))),
            "must be a Network SID: HW followed by 32 hex digits, got \"" + std::string(64, 'h') +
                "\"...");
}

TEST(BuildListUsageRecordQuery, ValidatesBeforeBuilding) {
  EXPECT_THROW(BuildListUsageRecordQuery(ListUsageRecordParams().SetPageSize(0)),
               ValidationException);
  EXPECT_THROW(BuildListUsageRecordQuery({}, -1), ValidationException);
}

}  // namespace
}  // namespace twilio::supersim::v1
