// Test helper: checks a parsed page against the JSON it came from, field by field.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "twilio/supersim/v1/list_usage_record_response.hpp"

namespace twilio::testdata {

inline std::optional<std::string> OptString(const nlohmann::json& j, const char* key) {
  return j.at(key).is_null() ? std::nullopt
                             : std::optional<std::string>(j.at(key).get<std::string>());
}

inline std::optional<int64_t> OptInt(const nlohmann::json& j, const char* key) {
  return j.at(key).is_null() ? std::nullopt : std::optional<int64_t>(j.at(key).get<int64_t>());
}

/// Every field of every record and of meta equals the example's value (times compared in the
/// example's whole-second UTC form, amounts as their exact decimal text), and the models written
/// back with to_json are the example itself.
inline void ExpectPageMatchesExample(const supersim::v1::ListUsageRecordResponse& page,
                                     const nlohmann::json& body) {
  ASSERT_EQ(page.usage_records.size(), body.at("usage_records").size());
  for (std::size_t i = 0; i < page.usage_records.size(); ++i) {
    SCOPED_TRACE("usage_records/" + std::to_string(i));
    const supersim::v1::SupersimV1UsageRecord& r = page.usage_records[i];
    const nlohmann::json& e = body.at("usage_records").at(i);
    EXPECT_EQ(r.account_sid, OptString(e, "account_sid"));
    EXPECT_EQ(r.sim_sid, OptString(e, "sim_sid"));
    EXPECT_EQ(r.fleet_sid, OptString(e, "fleet_sid"));
    EXPECT_EQ(r.network_sid, OptString(e, "network_sid"));
    EXPECT_EQ(r.iso_country, OptString(e, "iso_country"));
    EXPECT_EQ(r.billed_unit, OptString(e, "billed_unit"));
    EXPECT_EQ(r.data_upload, OptInt(e, "data_upload"));
    EXPECT_EQ(r.data_download, OptInt(e, "data_download"));
    EXPECT_EQ(r.data_total, OptInt(e, "data_total"));
    ASSERT_TRUE(r.data_total_billed.has_value());
    EXPECT_EQ(r.data_total_billed->ToString(), e.at("data_total_billed").get<std::string>());
    ASSERT_TRUE(r.period && r.period->start_time && r.period->end_time);
    EXPECT_EQ(FormatRfc3339Utc(*r.period->start_time),
              e.at("period").at("start_time").get<std::string>());
    EXPECT_EQ(FormatRfc3339Utc(*r.period->end_time),
              e.at("period").at("end_time").get<std::string>());
    EXPECT_EQ(nlohmann::json(r), e);
  }
  const nlohmann::json& meta = body.at("meta");
  EXPECT_EQ(page.meta.first_page_url, OptString(meta, "first_page_url"));
  EXPECT_EQ(page.meta.key, OptString(meta, "key"));
  EXPECT_EQ(page.meta.next_page_url, OptString(meta, "next_page_url"));
  EXPECT_EQ(page.meta.previous_page_url, OptString(meta, "previous_page_url"));
  EXPECT_EQ(page.meta.url, OptString(meta, "url"));
  EXPECT_EQ(page.meta.page, OptInt(meta, "page"));
  EXPECT_EQ(page.meta.page_size, OptInt(meta, "page_size"));
  EXPECT_EQ(nlohmann::json(page), body);
}

}  // namespace twilio::testdata
