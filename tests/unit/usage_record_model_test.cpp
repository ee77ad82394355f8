#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "twilio/errors.hpp"
#include "twilio/supersim/v1/list_usage_record_response.hpp"
#include "unit/openapi_examples.hpp"

namespace twilio::supersim::v1 {
namespace {

using nlohmann::json;

std::string ParseErrorPath(const std::string& body) {
  try {
    ParseListUsageRecordResponse(body);
  } catch (const ParseException& e) {
    return e.Path();
  }
  return "<no error>";
}

std::optional<std::string> OptString(const json& j, const char* key) {
  return j.at(key).is_null() ? std::nullopt
                             : std::optional<std::string>(j.at(key).get<std::string>());
}

TEST(OpenApiExamples, AllThirteenParseFieldByField) {
  json examples = testdata::UsageRecordExamples();
  ASSERT_EQ(examples.size(), 13u);
  for (const auto& [name, example] : examples.items()) {
    SCOPED_TRACE(name);
    const json& body = example.at("value");
    ListUsageRecordResponse page = ParseListUsageRecordResponse(body.dump());
    ASSERT_EQ(page.usage_records.size(), body.at("usage_records").size());
    for (std::size_t i = 0; i < page.usage_records.size(); ++i) {
      const SupersimV1UsageRecord& r = page.usage_records[i];
      const json& e = body.at("usage_records").at(i);
      EXPECT_EQ(r.account_sid, OptString(e, "account_sid"));
      EXPECT_EQ(r.sim_sid, OptString(e, "sim_sid"));
      EXPECT_EQ(r.fleet_sid, OptString(e, "fleet_sid"));
      EXPECT_EQ(r.network_sid, OptString(e, "network_sid"));
      EXPECT_EQ(r.iso_country, OptString(e, "iso_country"));
      EXPECT_EQ(r.billed_unit, OptString(e, "billed_unit"));
      EXPECT_EQ(r.data_upload, e.at("data_upload").get<int64_t>());
      EXPECT_EQ(r.data_download, e.at("data_download").get<int64_t>());
      EXPECT_EQ(r.data_total, e.at("data_total").get<int64_t>());
      ASSERT_TRUE(r.data_total_billed.has_value());
      EXPECT_EQ(r.data_total_billed->ToString(), e.at("data_total_billed").get<std::string>());
      ASSERT_TRUE(r.period && r.period->start_time && r.period->end_time);
      EXPECT_EQ(FormatRfc3339Utc(*r.period->start_time),
                e.at("period").at("start_time").get<std::string>());
      EXPECT_EQ(FormatRfc3339Utc(*r.period->end_time),
                e.at("period").at("end_time").get<std::string>());
      // The whole record written back is the example's record, key for key.
      EXPECT_EQ(json(r), e);
    }
    const json& meta = body.at("meta");
    EXPECT_EQ(page.meta.first_page_url, OptString(meta, "first_page_url"));
    EXPECT_EQ(page.meta.key, OptString(meta, "key"));
    EXPECT_EQ(page.meta.next_page_url, OptString(meta, "next_page_url"));
    EXPECT_EQ(page.meta.previous_page_url, OptString(meta, "previous_page_url"));
    EXPECT_EQ(page.meta.url, OptString(meta, "url"));
    EXPECT_EQ(page.meta.page, meta.at("page").get<int64_t>());
    EXPECT_EQ(page.meta.page_size, meta.at("page_size").get<int64_t>());
    EXPECT_EQ(json(page), body);
    EXPECT_EQ(body.get<ListUsageRecordResponse>(), page);  // the DOM path agrees
  }
}

TEST(UsageRecordModel, NullAndAbsentAreBothEmpty) {
  auto page = ParseListUsageRecordResponse(
      R"({"usage_records":[{"sim_sid":null,"period":null,"data_total_billed":null},{}],"meta":{}})");
  ASSERT_EQ(page.usage_records.size(), 2u);
  EXPECT_EQ(page.usage_records[0], SupersimV1UsageRecord{});
  EXPECT_EQ(page.usage_records[1], SupersimV1UsageRecord{});
  EXPECT_EQ(page.meta, ListUsageRecordResponseMeta{});
  EXPECT_TRUE(ParseListUsageRecordResponse("{}").usage_records.empty());
  EXPECT_TRUE(ParseListUsageRecordResponse(R"({"usage_records":null})").usage_records.empty());
}

TEST(UsageRecordModel, BilledAmountAcceptsStringOrNumberExactly) {
  auto page = ParseListUsageRecordResponse(
      R"({"usage_records":[{"data_total_billed":"0.03"},{"data_total_billed":0.03},
          {"data_total_billed":5},{"data_total_billed":0.1000000000000000055511151231257827},
          {"data_total_billed":"1e-2"}]})");
  ASSERT_EQ(page.usage_records.size(), 5u);
  EXPECT_EQ(page.usage_records[0].data_total_billed->ToString(), "0.03");
  EXPECT_EQ(page.usage_records[1].data_total_billed->ToString(), "0.03");
  EXPECT_EQ(page.usage_records[2].data_total_billed->ToString(), "5");
  // More digits than a double holds: the wire text is kept, not a rounded double.
  EXPECT_EQ(page.usage_records[3].data_total_billed->ToString(),
            "0.1000000000000000055511151231257827");
  EXPECT_EQ(page.usage_records[4].data_total_billed->ToString(), "0.01");
  EXPECT_DOUBLE_EQ(page.usage_records[1].DataTotalBilledValue(), 0.03);
  EXPECT_EQ(ParseErrorPath(R"({"usage_records":[{"data_total_billed":"abc"}]})"),
            "/usage_records/0/data_total_billed");
  EXPECT_EQ(ParseErrorPath(R"({"usage_records":[{"data_total_billed":true}]})"),
            "/usage_records/0/data_total_billed");
}

TEST(UsageRecordModel, IgnoresUnknownFieldsOfAnyShape) {
  auto page = ParseListUsageRecordResponse(
      R"({"extra":{"a":[1,{"b":[[]]}]},"usage_records":[{"new_field":[{"x":null}],"data_upload":7,
          "nested":{"data_upload":"not me"}}],"meta":{"page":2,"unknown":{"page":"x"}},"tail":[1]})");
  ASSERT_EQ(page.usage_records.size(), 1u);
  EXPECT_EQ(page.usage_records[0].data_upload, 7);
  EXPECT_EQ(page.meta.page, 2);
}

TEST(UsageRecordModel, WrongTypesNameTheirJsonPath) {
  std::string records = R"({"usage_records":[{},{},{},{"data_upload":"12"}]})";
  EXPECT_EQ(ParseErrorPath(records), "/usage_records/3/data_upload");
  EXPECT_EQ(ParseErrorPath(R"({"usage_records":[{"data_total":1.5}]})"),
            "/usage_records/0/data_total");
  EXPECT_EQ(ParseErrorPath(R"({"usage_records":[{"data_download":18446744073709551615}]})"),
            "/usage_records/0/data_download");
  EXPECT_EQ(ParseErrorPath(R"({"usage_records":[{"sim_sid":5}]})"), "/usage_records/0/sim_sid");
  EXPECT_EQ(ParseErrorPath(R"({"usage_records":[{"period":"2019"}]})"), "/usage_records/0/period");
  EXPECT_EQ(ParseErrorPath(R"({"usage_records":[{"period":{"start_time":"yesterday"}}]})"),
            "/usage_records/0/period/start_time");
  EXPECT_EQ(ParseErrorPath(R"({"usage_records":[{},null]})"), "/usage_records/1");
  EXPECT_EQ(ParseErrorPath(R"({"usage_records":{}})"), "/usage_records");
  EXPECT_EQ(ParseErrorPath(R"({"meta":{"page":"1"}})"), "/meta/page");
  EXPECT_EQ(ParseErrorPath(R"({"meta":{"next_page_url":7}})"), "/meta/next_page_url");
  EXPECT_EQ(ParseErrorPath(R"({"meta":[]})"), "/meta");
  EXPECT_EQ(ParseErrorPath(R"([])"), "");
}

TEST(UsageRecordModel, MalformedJsonIsAParseError) {
  for (const char* bad :
       {"", "{", R"({"usage_records":[{)", "<html>502</html>", "{} trailing", R"({"a":1,})"}) {
    EXPECT_THROW(ParseListUsageRecordResponse(bad), ParseException) << bad;
  }
}

TEST(UsageRecordModel, ToJsonRoundTripsEveryField) {
  SupersimV1UsageRecord r;
  r.account_sid = "AC" + std::string(32, '1');
  r.sim_sid = "HS" + std::string(32, '2');
  r.network_sid = "HW" + std::string(32, '3');
  r.fleet_sid = "HF" + std::string(32, '4');
  r.iso_country = "FR";
  r.period = Period{ParseRfc3339("2026-01-01T00:00:00.125Z"), ParseRfc3339("2026-01-02T00:00:00Z")};
  r.data_upload = 1;
  r.data_download = 9007199254740993;  // above 2^53: kept as an integer
  r.data_total = 9007199254740994;
  r.data_total_billed = Decimal::Parse("12.3400");
  r.billed_unit = "EUR";
  json j = r;
  EXPECT_EQ(j.at("period").at("start_time"), "2026-01-01T00:00:00.125Z");
  EXPECT_EQ(j.at("data_total_billed"), "12.3400");
  EXPECT_EQ(j.get<SupersimV1UsageRecord>(), r);

  SupersimV1UsageRecord empty;
  EXPECT_EQ(json(empty).get<SupersimV1UsageRecord>(), empty);
  EXPECT_TRUE(json(empty).at("period").is_null());

  ListUsageRecordResponse page;
  page.usage_records = {r, empty};
  page.meta.next_page_url = "https://supersim.twilio.com/v1/UsageRecords?PageToken=PA1&Page=1";
  page.meta.page = 0;
  EXPECT_EQ(json(page).get<ListUsageRecordResponse>(), page);
}

TEST(UsageRecordModel, FromJsonNamesPathsToo) {
  try {
    json({{"data_upload", "x"}}).get<SupersimV1UsageRecord>();
    FAIL() << "expected a ParseException";
  } catch (const ParseException& e) {
    EXPECT_EQ(e.Path(), "/data_upload");
  }
}

}  // namespace
}  // namespace twilio::supersim::v1
