// The wire parser against the DOM oracle (support/dom_oracle.hpp) and nlohmann's DOM + from_json:
// Twilio's example bodies, the fuzz corpus and hand-picked edge cases parse to the same models or
// are rejected alike. The fake server's pages are compared in tests/integration.
#include "support/parser_differential.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <vector>

#include "support/openapi_examples.hpp"

namespace twilio::testdata {
namespace {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(ParserDifferential, EveryOpenApiExampleParsesToTheSameModels) {
  nlohmann::json examples = UsageRecordExamples();
  ASSERT_GE(examples.size(), 13u);
  for (const auto& [name, example] : examples.items()) {
    std::string body = example["value"].dump();
    EXPECT_EQ(CompareParsers(body), "") << name;
    ParseOutcome wire = ParseWithSimdjson(body);
    EXPECT_TRUE(wire.accepted) << name << ": " << wire.message;
    EXPECT_EQ(wire.page.usage_records.size(), example["value"]["usage_records"].size()) << name;
  }
}

TEST(ParserDifferential, EveryFuzzCorpusFileAgrees) {
  int files = 0;
  for (const char* dir :
       {"corpus/page", "regressions/page", "corpus/differential", "regressions/differential"}) {
    std::filesystem::path path = std::filesystem::path(TWILIO_FUZZ_DIR) / dir;
    if (!std::filesystem::exists(path)) continue;
    for (const auto& entry : std::filesystem::directory_iterator(path)) {
      EXPECT_EQ(CompareParsers(ReadFile(entry.path())), "") << entry.path();
      ++files;
    }
  }
  EXPECT_GE(files, 64);
}

// Each is a case the two parsers could plausibly read differently.
const char* const kEdgeCases[] = {
    // accepted
    R"({})",
    "\xEF\xBB\xBF{\"meta\":{\"page\":1}}",  // a byte order mark, skipped by nlohmann
    R"( {"usage_records":[]} )",
    R"({"usage_records":[{"sim_sid":"HS\u0041\u00e9\ud83d\ude00","data_upload":-0}]})",
    R"({"usage_r\u0065cords":[{"d\u0061ta_total":7}]})",
    R"({"usage_records":[{"data_total_billed":-0},{"data_total_billed":"-0"}]})",
    R"({"usage_records":[{"data_total_billed":0.030},{"data_total_billed":1E+2}]})",
    R"({"usage_records":[{"data_total_billed":18446744073709551615}]})",
    R"({"usage_records":[{"data_total_billed":99999999999999999999999}]})",
    R"({"usage_records":[{"data_total_billed":1e-400,"x":-1e-400,"y":0.0000e999999}]})",
    R"({"usage_records":[{"data_total_billed":1.7976931348623157e308}]})",
    R"({"usage_records":[{"data_upload":9223372036854775807,
                          "data_download":-9223372036854775808}]})",
    R"({"usage_records":[{"period":{"start_time":"2026-01-01T00:00:00.123456789+01:30"}}]})",
    R"({"usage_records":[{"period":{}},{"period":null},{"sim_sid":null}]})",
    R"({"x":{"a":[1,{"b":[true,false,null,"s\n\"\\"]}],"c":{}},"usage_records":[]})",
    R"({"":1,"meta":{"":null,"key":"usage_records"}})",
    R"({"usage_records":null,"meta":null})",
    R"({"meta":{"page":1},"meta":{"url":"u"}})",
    R"({"usage_records":[{"sim_sid":"a"}],"usage_records":[]})",
    // wrong types
    R"([])",
    R"(null)",
    R"(7)",
    R"(18446744073709551615)",
    R"(-1.5)",
    R"("page")",
    R"(true)",
    "\t\tfalse\t",
    " \"s\\u0041\" ",
    "\n null ",
    " 12 ",
    R"({"usage_records":{}})",
    R"({"usage_records":[null]})",
    R"({"usage_records":[1]})",
    R"({"usage_records":[[]]})",
    R"({"usage_records":[{"data_upload":1.0}]})",
    R"({"usage_records":[{"data_upload":9223372036854775808}]})",
    R"({"usage_records":[{"data_upload":-9223372036854775809}]})",
    R"({"usage_records":[{"data_upload":"1"}]})",
    R"({"usage_records":[{"sim_sid":1}]})",
    R"({"usage_records":[{"sim_sid":{}}]})",
    R"({"usage_records":[{"sim_sid":[1]}]})",
    R"({"usage_records":[{"data_total_billed":true}]})",
    R"({"usage_records":[{"data_total_billed":"1.2.3"}]})",
    R"({"usage_records":[{"data_total_billed":1e99999}]})",
    R"({"usage_records":[{"period":"2026"}]})",
    R"({"usage_records":[{"period":{"end_time":"2026-02-30T00:00:00Z"}}]})",
    R"({"meta":{"page":"1"}})",
    R"({"meta":{"page_size":1e3}})",
    R"({"meta":[]})",
    R"({"a~b/c":1,"usage_records":[{},{},{"period":{"start_time":5}}]})",
    // malformed
    "",
    "   ",
    "\xEF\xBB{}",
    R"({)",
    R"({"usage_records":[)",
    R"({"usage_records":[{"sim_sid":"a"},]})",
    R"({"usage_records":[{"sim_sid":"a"}]} x)",
    R"({"usage_records":[{"sim_sid":"a"}]}{})",
    R"({"a":01})",
    R"({"a":1.})",
    R"({"a":-})",
    R"({"a":.5})",
    R"({"a":1e})",
    R"({"a":+1})",
    R"({"a":tru})",
    R"({"a":nul})",
    R"({"a":nulls})",
    R"({"a":"\x"})",
    R"({"a":"\ud800"})",
    R"({"a":"\udc00"})",
    R"({"a":"\u12"})",
    "{\"a\":\"tab\there\"}",
    "{\"a\":\"\xff\"}",
    R"({"a" 1})",
    R"({"a":1 "b":2})",
    R"({a:1})",
    R"({"usage_records":[{"sim_sid":"a" "b"}]})",
    R"({"usage_records":[{"data_upload":1 2}]})",
    R"({"a":NaN})",
    R"({"usage_records":[{"data_total_billed":1e400}]})",
    R"({"x":-1.7976931348623159e308})",
    R"({"x":100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000.5})",
    R"({"a":[1,2}})",
    R"({"usage_records":[{"account_sid":"a":"b"}]})",
    R"({"usage_records":[{"data_upload":1:2}]})",
};

TEST(ParserDifferential, EdgeCasesAgree) {
  for (const char* text : kEdgeCases) {
    EXPECT_EQ(CompareParsers(text), "") << "input: " << text;
  }
}

TEST(ParserDifferential, TheEdgeCasesCoverAcceptedWrongTypedAndMalformedTexts) {
  int accepted = 0, type_errors = 0, malformed = 0;
  for (const char* text : kEdgeCases) {
    ParseOutcome wire = ParseWithSimdjson(text);
    if (wire.accepted) {
      ++accepted;
    } else if (nlohmann::json::accept(std::string_view(text))) {
      ++type_errors;
    } else {
      ++malformed;
    }
  }
  EXPECT_EQ(accepted, 20);
  EXPECT_EQ(type_errors, 30);
  EXPECT_GE(malformed, 25);
}

TEST(ParserDifferential, NestingIsBoundedAlikeAtTheIgnoredMember) {
  auto nested = [](int depth) {
    // The page object is level 1, so `depth` levels in all.
    return "{\"usage_records\":[],\"x\":" + std::string(depth - 1, '[') +
           std::string(depth - 1, ']') + "}";
  };
  EXPECT_EQ(CompareParsers(nested(256)), "");
  EXPECT_TRUE(ParseWithSimdjson(nested(256)).accepted);
  EXPECT_EQ(CompareParsers(nested(257)), "");
  ParseOutcome deep = ParseWithSimdjson(nested(257));
  EXPECT_FALSE(deep.accepted);
  EXPECT_EQ(deep.path, "/x");
  EXPECT_EQ(deep.reason, "JSON nested deeper than 256 levels");
}

TEST(ParserDifferential, ANulByteIsRefusedWhereverItIs) {
  // nlohmann's own reader stops at a NUL (so the oracle cannot judge these): the library
  // refuses them, through the wire parser and through from_json of a DOM holding one.
  for (std::string text :
       {std::string("{}\0", 3), std::string("{}\0\0junk", 8), std::string("{\"a\":\"x\0\"}", 10)}) {
    EXPECT_EQ(CompareParsers(text), "");
    EXPECT_FALSE(ParseWithSimdjson(text).accepted);
    EXPECT_THROW(supersim::v1::ParseListUsageRecordResponse(text), ParseException);
  }
}

// A DOM keeps only the last of a repeated member, so the oracle cannot judge these: the rules
// are stated here. A repeated array of records replaces the first (null keeps it), a repeated
// meta merges into the first, a repeated member of a record keeps its value when the repeat is
// null, and a repeated period replaces the first.
TEST(ParserDifferential, RepeatedMembersFollowStatedRules) {
  auto parse = [](const char* text) { return supersim::v1::ParseListUsageRecordResponse(text); };
  auto merged = parse(R"({"meta":{"page":1,"url":"a"},"meta":{"url":"u","page":null}})");
  EXPECT_EQ(merged.meta.page, 1);
  EXPECT_EQ(merged.meta.url, "u");
  EXPECT_TRUE(
      parse(R"({"usage_records":[{"sim_sid":"a"}],"usage_records":[]})").usage_records.empty());
  EXPECT_EQ(
      parse(R"({"usage_records":[{"sim_sid":"a"}],"usage_records":null})").usage_records.size(),
      1u);
  auto record = parse(R"({"usage_records":[{"sim_sid":"a","sim_sid":null,"data_total":1,)"
                      R"("data_total":2,"period":{"start_time":"2026-01-01T00:00:00Z"},)"
                      R"("period":{"end_time":"2026-01-02T00:00:00Z"},"period":null}]})")
                    .usage_records.at(0);
  EXPECT_EQ(record.sim_sid, "a");
  EXPECT_EQ(record.data_total, 2);
  ASSERT_TRUE(record.period.has_value());
  EXPECT_FALSE(record.period->start_time.has_value());
  EXPECT_EQ(record.period->end_time, ParseRfc3339("2026-01-02T00:00:00Z"));
}

// A listing parses every page into the records of the page before (their strings keep their heap
// blocks): whatever the earlier page held, the result is that of a fresh parse, field by field.
TEST(ParserDifferential, ParsingOverAnEarlierPageGivesAFreshParse) {
  namespace internal = supersim::v1::internal;
  // Earlier pages with every field set (an OpenAPI example), with more records than most cases,
  // and one that failed halfway (its records partly overwritten).
  std::vector<std::string> earlier;
  const nlohmann::json examples = UsageRecordExamples();
  for (const auto& [name, example] : examples.items()) {
    earlier.push_back(example.at("value").dump());
  }
  std::string many = R"({"usage_records":[)";
  for (int i = 0; i < 40; ++i) {
    many += std::string(i > 0 ? "," : "") +
            R"({"account_sid":"AC0123456789abcdef0123456789abcdef","sim_sid":"HS0123456789abcdef)"
            R"(0123456789abcdef","network_sid":"HW0","fleet_sid":"HF0","iso_country":"FR",)"
            R"("period":{"start_time":"2026-01-01T00:00:00Z","end_time":"2026-01-02T00:00:00Z"},)"
            R"("data_upload":1,"data_download":2,"data_total":3,"data_total_billed":"0.5",)"
            R"("billed_unit":"USD"})";
  }
  earlier.push_back(many + R"(],"meta":{"next_page_url":"u","page":3,"page_size":40}})");
  earlier.push_back(many + R"(,{"data_upload":"wrong"}]})");

  std::vector<std::string> cases(std::begin(kEdgeCases), std::end(kEdgeCases));
  // Within one record a repeated member's null keeps the value before it; a record's own null
  // clears what the earlier page's record held there.
  cases.push_back(R"({"usage_records":[{"sim_sid":"a","sim_sid":null,"period":null}]})");
  cases.push_back(R"({"usage_records":[{"sim_sid":null,"data_total":null,"period":null}]})");
  cases.push_back(R"({"usage_records":[{"period":{"end_time":"2026-01-01T00:00:00Z"}}]})");

  int compared = 0;
  for (const std::string& before : earlier) {
    for (const std::string& text : cases) {
      supersim::v1::ListUsageRecordResponse page;
      std::string first = before;
      try {
        internal::ParsePageWithSimdjson(first, page);
      } catch (const ParseException&) {
        // The last earlier page fails halfway on purpose.
      }
      ParseOutcome fresh = ParseWithSimdjson(text);
      ParseOutcome reused = Outcome([&] {
        std::string body = text;
        internal::ParsePageWithSimdjson(body, page);
        return page;
      });
      ASSERT_EQ(reused.accepted, fresh.accepted) << text;
      EXPECT_EQ(reused.page, fresh.page) << "after " << before.substr(0, 60) << "\ninput: " << text;
      EXPECT_EQ(reused.message, fresh.message) << text;
      ++compared;
    }
  }
  EXPECT_GT(compared, 1000);
}

TEST(ParserDifferential, TypeErrorsNameTheSamePathAndReason) {
  ParseOutcome wire = ParseWithSimdjson(R"({"usage_records":[{},{"period":{"start_time":5}}]})");
  ASSERT_FALSE(wire.accepted);
  EXPECT_EQ(wire.path, "/usage_records/1/period/start_time");
  EXPECT_EQ(wire.reason, "expected a string, got an integer");
}

TEST(ParserDifferential, ABodyWithSpareCapacityIsParsedInPlace) {
  std::string body = R"({"usage_records":[{"sim_sid":"HS1","data_total":5}]})";
  body.reserve(body.size() + 64);
  const char* before = body.data();
  std::string copy = body;
  auto page = supersim::v1::internal::ParsePageWithSimdjson(body);
  EXPECT_EQ(body.data(), before);  // no reallocation: the padding fit in the spare capacity
  EXPECT_EQ(body, copy);           // and the text itself is unchanged
  ASSERT_EQ(page.usage_records.size(), 1u);
  EXPECT_EQ(page.usage_records[0].data_total, 5);
}

}  // namespace
}  // namespace twilio::testdata
