// The outline a listing sends the next request on before it walks a page: the link it finds and
// a bound that must never be below the records the walk yields.
#include "paging/page_outline.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "supersim/v1/simdjson_page_parser.hpp"

namespace twilio::supersim::v1::internal {
namespace {

using twilio::internal::OutlinePage;
using twilio::internal::PageOutline;

std::string Page(int records, const std::string& meta) {
  std::string body = "{\"usage_records\":[";
  for (int i = 0; i < records; ++i) {
    if (i > 0) body += ',';
    body += R"({"period":{"start_time":"2026-01-01T00:00:00Z","end_time":"2026-01-01T01:00:00Z"},)"
            R"("sim_sid":"HS)" +
            std::to_string(i) + R"(","data_total":)" + std::to_string(i) + "}";
  }
  return body + "],\"meta\":" + meta + "}";
}

TEST(PageOutline, ReadsTheLinkTwilioPutsAtTheEnd) {
  const std::string link = "https://supersim.twilio.com/v1/UsageRecords?PageSize=2&Page=1";
  PageOutline outline = OutlinePage(Page(
      2, R"({"key":"usage_records","next_page_url":")" + link + R"(","page":0,"page_size":2})"));
  EXPECT_EQ(outline.next_page_url, link);
  // Tolerates the spaces a pretty-printed body has.
  outline = OutlinePage("{ \"meta\" : { \"next_page_url\" :\n \"" + link + "\" } }");
  EXPECT_EQ(outline.next_page_url, link);
}

TEST(PageOutline, FindsNoLinkWhenThereIsNoneToFollowOrItNeedsDecoding) {
  EXPECT_EQ(OutlinePage(Page(1, R"({"next_page_url":null})")).next_page_url, std::nullopt);
  EXPECT_EQ(OutlinePage(Page(1, "{}")).next_page_url, std::nullopt);
  EXPECT_EQ(OutlinePage(Page(1, R"({"next_page_url":"a\/b"})")).next_page_url, std::nullopt);
  EXPECT_EQ(OutlinePage(R"({"meta":{"next_page_url":)").next_page_url, std::nullopt);
  EXPECT_EQ(OutlinePage(R"({"meta":{"next_page_url":"unterminated)").next_page_url, std::nullopt);
  EXPECT_EQ(OutlinePage("").next_page_url, std::nullopt);
}

TEST(PageOutline, BoundIsNeverBelowTheRecordsTheWalkYields) {
  for (int records : {0, 1, 2, 7, 999, 1000, 5000}) {
    std::string body = Page(records, R"({"next_page_url":null})");
    const auto walked = ParsePageWithSimdjson(std::string_view(body)).usage_records.size();
    ASSERT_EQ(walked, static_cast<std::size_t>(records));
    EXPECT_GE(OutlinePage(body).max_records, walked) << records << " records";
  }
  // Records that are empty objects, after a byte order mark and spaces, still count one each.
  const std::string bare = "\xEF\xBB\xBF  {\"usage_records\":[{},{},{}]}";
  EXPECT_EQ(ParsePageWithSimdjson(std::string_view(bare)).usage_records.size(), 3u);
  EXPECT_EQ(OutlinePage(bare).max_records, 3u);
  // An empty page with no other object is proven empty.
  EXPECT_EQ(OutlinePage(R"({"usage_records":[]})").max_records, 0u);
}

// The brace count runs over 16-byte blocks and folds every 255 blocks: every length and
// position must count exactly what a plain loop counts.
TEST(PageOutline, CountsBracesExactlyAtEveryLengthAndPosition) {
  std::mt19937 random(7);
  for (std::size_t length : {0, 1, 15, 16, 17, 255 * 16 - 1, 255 * 16, 255 * 16 + 1, 9000}) {
    std::string text(length, 'x');
    for (char& c : text) c = random() % 5 == 0 ? '{' : 'a';
    std::size_t expected = 0;
    for (char c : text) expected += c == '{' ? 1 : 0;
    // Leading 'a' keeps the page's own brace (the first non-space byte) out of the count.
    EXPECT_EQ(OutlinePage("a" + text).max_records, expected) << length;
  }
}

}  // namespace
}  // namespace twilio::supersim::v1::internal
