// Walks a listing one page at a time: PageUsageRecord for the first page, then
// NextPageUsageRecord while the page's meta.next_page_url is set. Use this when you want the
// pages themselves, e.g. to store the URL of the next page and carry on later; otherwise
// StreamUsageRecord does the paging for you.
//
//   page_by_page [--base-url URL]
//
// Needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET);
// see example_config.hpp.
#include <cstddef>
#include <iostream>
#include <optional>
#include <set>
#include <string>

#include "example_config.hpp"
#include "twilio/errors.hpp"
#include "twilio/supersim/v1/usage_records_api.hpp"

namespace v1 = twilio::supersim::v1;

int main(int argc, char** argv) {
  const twilio::ClientConfig config = examples::ExampleConfig(argc, argv);
  if (!examples::ExampleArgs(argc, argv).empty()) {
    examples::UsageError("usage: page_by_page [--base-url URL]");
  }

  try {
    const v1::UsageRecordsApi api(config);
    v1::ListUsageRecordParams params;
    params.SetGroup(v1::Group::Sim).SetGranularity(v1::Granularity::Day).SetPageSize(50);

    std::size_t pages = 0;
    std::size_t records = 0;
    std::set<std::string> seen;  // unlike List and Stream, these calls do not detect loops
    std::optional<v1::ListUsageRecordResponse> page = api.PageUsageRecord(params);
    while (page) {
      ++pages;
      records += page->usage_records.size();
      std::cout << "page " << page->meta.page.value_or(-1) << ": " << page->usage_records.size()
                << " records " << page->meta.url.value_or("-") << '\n';
      const std::string next = page->meta.next_page_url.value_or("");
      if (!next.empty() && !seen.insert(next).second) {
        std::cerr << "error: next_page_url repeats an earlier page: " << next << '\n';
        return 1;
      }
      page = api.NextPageUsageRecord(*page);  // std::nullopt after the last page
    }
    std::cout << pages << " pages, " << records << " records\n";
  } catch (const twilio::TwilioException& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
