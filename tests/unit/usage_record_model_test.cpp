#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "support/example_matchers.hpp"
#include "support/openapi_examples.hpp"
#include "twilio/errors.hpp"
#include "twilio/supersim/v1/list_usage_record_response.hpp"

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

TEST(OpenApiExamples, AllThirteenParseFieldByField) {
  json examples = testdata::UsageRecordExamples();
  ASSERT_EQ(examples.size(), 13u);
  for (const auto& [name, example] : examples.items()) {
    SCOPED_TRACE(name);
    const json& body = example.at("value");
    ListUsageRecordResponse page = ParseListUsageRecordResponse(body.dump());
    testdata::ExpectPageMatchesExample(page, body);
    EXPECT_EQ(body.get<ListUsageRecordResponse>(), page);  // the DOM path agrees
  }
}

// The models mirror the spec's schema: a field the spec gains or loses fails here until the
// models follow. to_json writes every model field, so its keys are the model's fields.
std::set<std::string> Keys(const json& object) {
  std::set<std::string> keys;
  for (const auto& [key, value] : object.items()) keys.insert(key);
  return keys;
}

TEST(SpecSchema, UsageRecordModelHasExactlyTheSpecsFields) {
  json schema = testdata::UsageRecordSchema();
  EXPECT_EQ(Keys(json(SupersimV1UsageRecord{})), Keys(schema.at("properties")));
  for (const auto& [name, property] : schema.at("properties").items()) {
    EXPECT_TRUE(property.value("nullable", false)) << name << " is modelled as optional";
  }
  EXPECT_EQ(Keys(json(Period{})), (std::set<std::string>{"start_time", "end_time"}));
}

TEST(SpecSchema, ResponseAndMetaModelsHaveExactlyTheSpecsFields) {
  json schema = testdata::ListUsageRecordResponseSchema();
  EXPECT_EQ(schema.at("title"), "ListUsageRecordResponse");
  EXPECT_EQ(Keys(json(ListUsageRecordResponse{})), Keys(schema.at("properties")));
  EXPECT_EQ(Keys(json(ListUsageRecordResponseMeta{})),
            Keys(schema.at("properties").at("meta").at("properties")));
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
