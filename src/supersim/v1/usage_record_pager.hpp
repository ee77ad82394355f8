// Internal: one sequential listing of usage records, as a RecordSource: the generic
// ListingPager (paging/listing_pager.hpp) told what a usage-record page is.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "paging/listing_pager.hpp"
#include "supersim/v1/api_core.hpp"
#include "supersim/v1/page_reader.hpp"
#include "supersim/v1/record_source.hpp"

namespace twilio::supersim::v1::internal {

/// The UsageRecords list resource, for ListingPager.
struct UsageRecordPages {
  using Page = ListUsageRecordResponse;
  using Record = SupersimV1UsageRecord;
  using Reader = PageReader;
  static std::vector<Record>& Records(Page& page) noexcept { return page.usage_records; }
  static const std::optional<std::string>& NextLink(const Page& page) noexcept {
    return page.meta.next_page_url;
  }
};

class UsageRecordPager : public RecordSource {
 public:
  /// Validates `params` (throws ValidationException before anything is sent). Prefetches when
  /// `prefetch`; every request waits for `throttle` (or nullptr), and is reported with each
  /// page to `trace` (or nullptr), which must outlive the pager.
  UsageRecordPager(const std::shared_ptr<const ApiCore>& core, const ListUsageRecordParams& params,
                   CallContext ctx, bool prefetch, twilio::internal::ListingThrottle* throttle,
                   twilio::internal::ListingTrace* trace);

  SupersimV1UsageRecord* Next() override { return pager_.Next(); }
  SupersimV1UsageRecord* Current() const noexcept override { return pager_.Current(); }
  std::size_t PagesFetched() const noexcept override { return pager_.PagesFetched(); }
  const ListUsageRecordResponseMeta& LastMeta() const noexcept override {
    return pager_.LastPage().meta;
  }
  std::optional<std::string> LastRequestId() const override;
  /// Records of the current page not yet returned by Next(): 0 right after Next() returned the
  /// last record of its page.
  std::size_t UnreadOnPage() const noexcept { return pager_.UnreadOnPage(); }

 private:
  twilio::internal::ListingPager<UsageRecordPages> pager_;
};

}  // namespace twilio::supersim::v1::internal
