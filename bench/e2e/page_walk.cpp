#include "e2e/page_walk.hpp"

#include <limits>

#include "twilio/supersim/v1/list_usage_record_request.hpp"

namespace twilio::bench {

PageWalk WalkPages(const supersim::v1::UsageRecordsApi& api,
                   const supersim::v1::ListUsageRecordParams& params, const std::string& base_url) {
  namespace v1 = supersim::v1;
  const int64_t limit = params.Limit.value_or(std::numeric_limits<int64_t>::max());
  PageWalk walk;
  // The first URL as the SDK builds it (the page's own meta.url adds Page=0).
  walk.urls.push_back(base_url + std::string(v1::kUsageRecordsPath) + "?" +
                      v1::BuildListUsageRecordQuery(params));
  std::optional<v1::ListUsageRecordResponse> page = api.PageUsageRecord(params);
  for (;;) {
    for (const auto& record : page->usage_records) {
      if (walk.digest.count >= limit) break;
      walk.digest.Add(record);
    }
    const auto& next = page->meta.next_page_url;
    if (walk.digest.count >= limit || !next || next->empty()) break;
    walk.urls.push_back(*next);
    page = api.NextPageUsageRecord(*page);
  }
  return walk;
}

}  // namespace twilio::bench
