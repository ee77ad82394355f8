// Every request the SDK sends is valid against Twilio's own OpenAPI description, as judged by
// Stoplight Prism serving a mock from it (422 for a request that breaks the spec, 401 without
// basic auth), and every example response in it parses into the models field by field.
#include <gtest/gtest.h>

#include <functional>
#include <regex>

#include "contract/prism_environment.hpp"
#include "contract/query_names.hpp"
#include "support/example_matchers.hpp"
#include "support/openapi_examples.hpp"
#include "twilio/errors.hpp"
#include "twilio/supersim/v1/list_usage_record_request.hpp"

namespace twilio::contract {
namespace {

using nlohmann::json;
using supersim::v1::Granularity;
using supersim::v1::Group;
using supersim::v1::ListUsageRecordParams;

const std::string kSimSid = "HS" + std::string(32, 'a');
const std::string kFleetSid = "HF" + std::string(32, 'b');
const std::string kNetworkSid = "HW0123456789abcdefABCDEF0123456789";

struct Case {
  std::string name;
  ListUsageRecordParams params;
};

ListUsageRecordParams P() {
  return ListUsageRecordParams();
}

// The parameter matrix of the contract: each parameter alone, every enum value, the PageSize
// bounds, Limit against PageSize, caller times with offsets and fractions, unique names with
// spaces and non-ASCII characters, and everything at once.
std::vector<Case> Matrix() {
  const TimePoint start = ParseRfc3339("2026-01-01T08:30:00.123+05:30");
  const TimePoint end = ParseRfc3339("2026-01-31T23:59:59.999-08:00");
  std::vector<Case> cases = {
      {"Sim as SID", P().SetSim(kSimSid)},
      {"Sim as unique name", P().SetSim("Tracker ünï 1 / pump+2 №3")},
      {"Fleet as SID", P().SetFleet(kFleetSid)},
      {"Fleet as unique name", P().SetFleet("Flotte Zürich & Genève")},
      {"Network", P().SetNetwork(kNetworkSid)},
      {"IsoCountry", P().SetIsoCountry("FR")},
      {"StartTime", P().SetStartTime(start)},
      {"EndTime", P().SetEndTime(end)},
      {"StartTime and EndTime", P().SetStartTime(start).SetEndTime(end)},
      {"PageSize 1", P().SetPageSize(1)},
      {"PageSize 1000", P().SetPageSize(1000)},
      {"Limit only", P().SetLimit(7)},
      {"Limit below PageSize", P().SetPageSize(10).SetLimit(5)},
      {"Limit at PageSize", P().SetPageSize(10).SetLimit(10)},
      {"Limit above PageSize", P().SetPageSize(10).SetLimit(25)},
      {"Limit above the largest page", P().SetLimit(5000)},
      {"all together", P().SetSim("Tracker ünï 1")
                           .SetFleet(kFleetSid)
                           .SetNetwork(kNetworkSid)
                           .SetIsoCountry("us")
                           .SetGroup(Group::IsoCountry)
                           .SetGranularity(Granularity::Hour)
                           .SetStartTime(start)
                           .SetEndTime(end)
                           .SetPageSize(1000)
                           .SetLimit(999)},
  };
  for (Group g : {Group::Sim, Group::Fleet, Group::Network, Group::IsoCountry}) {
    cases.push_back({"Group " + std::string(ToString(g)), P().SetGroup(g)});
  }
  for (Granularity g : {Granularity::Hour, Granularity::Day, Granularity::All}) {
    cases.push_back({"Granularity " + std::string(ToString(g)), P().SetGranularity(g)});
  }
  return cases;
}

TEST(Contract, EveryMatrixRequestIsValidForPrism) {
  RecordedApi client;
  for (const Case& c : Matrix()) {
    SCOPED_TRACE(c.name);
    std::size_t sent_before = client.recorder->Urls().size();
    try {
      auto all = client.api.ListUsageRecord(c.params);
      EXPECT_FALSE(all.usage_records.empty());
      if (c.params.Limit) {
        EXPECT_LE(all.usage_records.size(), static_cast<std::size_t>(*c.params.Limit));
      }
    } catch (const ApiException& e) {
      ADD_FAILURE() << "Prism answered " << e.Status() << ": " << e.Body();
    }
    EXPECT_EQ(client.recorder->Urls().size(), sent_before + 1);  // Prism's pages have no next
  }
  // Page and PageToken, as PageUsageRecord sends them for a page Twilio linked to.
  EXPECT_NO_THROW(client.api.PageUsageRecord(P().SetPageSize(50), std::string("PAabc+/="), 3));
}

TEST(Contract, EveryQueryNameIsDeclaredInTheSpecSpeltTheSame) {
  // Prism matches names without regard to case and ignores unknown ones, so compare the names
  // themselves with the spec's list.
  const std::set<std::string> declared = DeclaredQueryNames(testdata::ListUsageRecordOperation());
  RecordedApi client;
  for (const Case& c : Matrix()) client.api.ListUsageRecord(c.params);
  client.api.PageUsageRecord(P(), std::string("PAabc"), 1);
  std::set<std::string> sent;
  for (const std::string& url : client.recorder->Urls()) {
    for (const std::string& name : QueryNames(url)) {
      EXPECT_EQ(declared.count(name), 1u) << "'" << name << "' is not a declared query parameter";
      sent.insert(name);
    }
  }
  EXPECT_EQ(sent, declared);  // and the matrix exercised every one of them
}

TEST(Contract, TimesGoOutAsUtcWithWholeSeconds) {
  RecordedApi client;
  client.api.ListUsageRecord(P().SetStartTime(ParseRfc3339("2026-01-01T08:30:00.123+05:30"))
                                 .SetEndTime(ParseRfc3339("2026-01-31T23:59:59.999-08:00")));
  std::string url = client.recorder->Urls().at(0);
  EXPECT_NE(url.find("StartTime=2026-01-01T03%3A00%3A00Z"), std::string::npos) << url;
  EXPECT_NE(url.find("EndTime=2026-02-01T07%3A59%3A59Z"), std::string::npos) << url;
}

// What Prism says about a raw query the SDK would never send.
struct Rejection {
  int status;
  std::string body;
};

Rejection SendRaw(const std::string& query) {
  http::CurlHttpClient raw(PrismConfig());
  http::HttpRequest request;
  request.url = PrismEnvironment::BaseUrl() + "/v1/UsageRecords?" + query;
  auto response = raw.Send(request, CallContext{});
  return {response.status, response.body};
}

// For each kind of input Prism rejects with 422, the SDK refuses it first and sends nothing.
TEST(Contract, WhatPrismRejectsTheSdkRejectsFirst) {
  struct Kind {
    std::string raw_query;
    std::string prism_code;  // the `code` of Prism's validation entry
    std::function<void(supersim::v1::UsageRecordsApi&)> sdk_call;
    std::string parameter;
  };
  const std::vector<Kind> kinds = {
      {"PageSize=0", "minimum", [](auto& api) { api.ListUsageRecord(P().SetPageSize(0)); },
       "PageSize"},
      {"PageSize=1001", "maximum", [](auto& api) { api.ListUsageRecord(P().SetPageSize(1001)); },
       "PageSize"},
      {"Network=HW0123", "pattern",
       [](auto& api) { api.ListUsageRecord(P().SetNetwork("HW0123")); }, "Network"},
      {"Network=HX" + std::string(32, 'a'), "pattern",
       [](auto& api) { api.ListUsageRecord(P().SetNetwork("HX" + std::string(32, 'a'))); },
       "Network"},
      {"Network=HW" + std::string(32, 'g'), "pattern",
       [](auto& api) { api.ListUsageRecord(P().SetNetwork("HW" + std::string(32, 'g'))); },
       "Network"},
      {"Page=-1", "minimum", [](auto& api) { api.PageUsageRecord(P(), std::nullopt, -1); }, "Page"},
  };
  for (const Kind& kind : kinds) {
    SCOPED_TRACE(kind.raw_query);
    Rejection prism = SendRaw(kind.raw_query);
    EXPECT_EQ(prism.status, 422) << prism.body;
    EXPECT_NE(prism.body.find("\"code\":\"" + kind.prism_code + "\""), std::string::npos)
        << prism.body;
    RecordedApi client;
    try {
      kind.sdk_call(client.api);
      ADD_FAILURE() << "the SDK accepted what Prism rejects";
    } catch (const ValidationException& e) {
      EXPECT_EQ(e.Parameter(), kind.parameter);
    }
    EXPECT_TRUE(client.recorder->Urls().empty());
  }
}

// Enum values and date-times the spec rejects cannot even be expressed: Group and Granularity
// are enums, times are time points the SDK formats itself, and the text parsers refuse them.
TEST(Contract, UnrepresentableInputsAreRejectedByPrismAndByTheSdkParsers) {
  for (const char* query :
       {"Group=Sim", "Group=iso_country", "Granularity=week", "Granularity=HOUR"}) {
    Rejection prism = SendRaw(query);
    EXPECT_EQ(prism.status, 422) << query << ": " << prism.body;
    EXPECT_NE(prism.body.find("\"code\":\"enum\""), std::string::npos) << prism.body;
  }
  EXPECT_FALSE(supersim::v1::ParseGroup("Sim"));
  EXPECT_FALSE(supersim::v1::ParseGroup("iso_country"));
  EXPECT_FALSE(supersim::v1::ParseGranularity("week"));
  EXPECT_FALSE(supersim::v1::ParseGranularity("HOUR"));

  // (Prism's date-time check accepts a space for the T; the SDK never sends one.)
  for (const char* bad :
       {"2026-01-01", "yesterday", "2026-01-01T00:00:00", "2026-13-01T00:00:00Z"}) {
    Rejection prism = SendRaw("StartTime=" + supersim::v1::PercentEncode(bad));
    EXPECT_EQ(prism.status, 422) << bad << ": " << prism.body;
    EXPECT_NE(prism.body.find("\"code\":\"format\""), std::string::npos) << prism.body;
    EXPECT_THROW(ParseRfc3339(bad), std::invalid_argument) << bad;
  }
}

TEST(Contract, CredentialsAreRequiredAndOnlySentToTheConfiguredHost) {
  // Configured for "localhost" but asked for 127.0.0.1: the transport withholds the
  // credentials, and Prism's security check answers 401.
  ClientConfig config = PrismConfig();
  config.base_url = "http://localhost:1";
  http::CurlHttpClient client(config);
  http::HttpRequest request;
  request.url = PrismEnvironment::BaseUrl() + "/v1/UsageRecords?PageSize=50";
  EXPECT_EQ(client.Send(request, CallContext{}).status, 401);
}

// The spec's machine-readable constraints, one by one: the SDK must accept every value they
// allow. Two rules come from the spec's descriptions rather than its schemas and are the only
// places the SDK is stricter than Prism can check: Sim and Fleet must not be empty (an empty
// string is neither a SID nor a unique name) and IsoCountry must be two letters (format
// iso-country-code, "Alpha-2 ISO Country Code").
TEST(Contract, TheSdkIsNoStricterThanTheSpec) {
  json spec = testdata::LoadOpenApi();
  json operation = testdata::ListUsageRecordOperation();
  const std::set<std::string> known = {"Sim",      "Fleet",       "Network",   "IsoCountry",
                                       "Group",    "Granularity", "StartTime", "EndTime",
                                       "PageSize", "Page",        "PageToken"};
  EXPECT_EQ(DeclaredQueryNames(operation), known) << "the spec's parameters changed";

  RecordedApi client;
  auto accepted = [&](const std::string& what, auto call) {
    try {
      call();
    } catch (const TwilioException& e) {
      ADD_FAILURE() << what << " is allowed by the spec but failed: " << e.what();
    }
  };
  for (const auto& parameter : operation.at("parameters")) {
    const std::string name = parameter.at("name");
    json schema = parameter.at("schema");
    if (schema.contains("$ref")) {
      std::string ref = schema.at("$ref");  // "#/components/schemas/<name>"
      schema = spec.at("components").at("schemas").at(ref.substr(ref.rfind('/') + 1));
    }
    SCOPED_TRACE(name);
    if (schema.contains("enum")) {
      for (const std::string& value : schema.at("enum").get<std::vector<std::string>>()) {
        if (name == "Group") {
          auto group = supersim::v1::ParseGroup(value);
          ASSERT_TRUE(group) << value;
          EXPECT_EQ(ToString(*group), value);
          accepted("Group=" + value, [&] { client.api.ListUsageRecord(P().SetGroup(*group)); });
        } else if (name == "Granularity") {
          auto granularity = supersim::v1::ParseGranularity(value);
          ASSERT_TRUE(granularity) << value;
          EXPECT_EQ(ToString(*granularity), value);
          accepted("Granularity=" + value,
                   [&] { client.api.ListUsageRecord(P().SetGranularity(*granularity)); });
        } else {
          ADD_FAILURE() << "an enum the SDK does not model: " << name;
        }
      }
    }
    if (schema.contains("minimum") || schema.contains("maximum")) {
      for (const char* bound : {"minimum", "maximum"}) {
        if (!schema.contains(bound)) continue;
        int value = schema.at(bound).get<int>();
        if (name == "PageSize") {
          accepted("PageSize=" + std::to_string(value),
                   [&] { client.api.ListUsageRecord(P().SetPageSize(value)); });
        } else if (name == "Page") {
          accepted("Page=" + std::to_string(value),
                   [&] { client.api.PageUsageRecord(P(), std::nullopt, value); });
        } else {
          ADD_FAILURE() << "a bounded parameter the SDK does not check: " << name;
        }
      }
    }
    if (schema.contains("pattern")) {
      ASSERT_EQ(name, "Network");
      std::regex pattern(schema.at("pattern").get<std::string>());
      for (const std::string& sample : std::vector<std::string>{
               kNetworkSid, "HW" + std::string(32, 'F'), "HW" + std::string(32, '0')}) {
        ASSERT_TRUE(std::regex_match(sample, pattern)) << sample;
        ASSERT_EQ(sample.size(), schema.at("minLength").get<std::size_t>());
        accepted("Network=" + sample, [&] { client.api.ListUsageRecord(P().SetNetwork(sample)); });
      }
    }
    if (schema.value("format", "") == "date-time") {
      // Any instant: the SDK writes it in the one form date-time allows without ambiguity.
      for (const char* time : {"1970-01-01T00:00:00Z", "2026-06-30T23:59:59.999999+14:00"}) {
        ListUsageRecordParams params;
        (name == "StartTime" ? params.StartTime : params.EndTime) = ParseRfc3339(time);
        accepted(name + "=" + time, [&] { client.api.ListUsageRecord(params); });
      }
    }
    if (schema.value("type", "") == "string" && !schema.contains("enum") &&
        !schema.contains("pattern") && !schema.contains("format")) {
      // Unconstrained strings: any non-empty text, as UTF-8.
      for (const std::string& sample :
           std::vector<std::string>{"x", "名前 with spaces", std::string(500, 'z'), "%20&=?#"}) {
        ListUsageRecordParams params;
        if (name == "Sim") {
          params.SetSim(sample);
        } else if (name == "Fleet") {
          params.SetFleet(sample);
        } else {
          ASSERT_EQ(name, "PageToken");
          accepted("PageToken=" + sample, [&] { client.api.PageUsageRecord(P(), sample, 1); });
          continue;
        }
        accepted(name + "=" + sample, [&] { client.api.ListUsageRecord(params); });
      }
    }
  }
}

TEST(Contract, EveryNamedExampleParsesFieldByField) {
  json examples = testdata::UsageRecordExamples();
  ASSERT_EQ(examples.size(), 13u);
  RecordedApi client;
  for (const auto& [name, example] : examples.items()) {
    SCOPED_TRACE(name);
    client.recorder->SetExtraHeaders({{"Prefer", "example=" + name}});
    supersim::v1::ListUsageRecordResponse page;
    ASSERT_NO_THROW(page = client.api.PageUsageRecord());
    testdata::ExpectPageMatchesExample(page, example.at("value"));
  }
}

}  // namespace
}  // namespace twilio::contract
