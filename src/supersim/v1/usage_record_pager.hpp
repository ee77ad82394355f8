// Internal: walks the pages of one listing, enforcing Limit and the paging-link rules.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>

#include "supersim/v1/api_core.hpp"

namespace twilio::supersim::v1::internal {

class UsageRecordPager {
 public:
  UsageRecordPager(std::shared_ptr<const ApiCore> core, ListUsageRecordParams params,
                   CallContext ctx);

  /// The next record (owned by the pager until the next call), or nullptr when the listing is
  /// complete or Limit records were yielded. Fetches a page when the current one is used up.
  SupersimV1UsageRecord* Next();
  /// What the last Next() returned.
  SupersimV1UsageRecord* Current() const noexcept { return current_; }

  std::size_t PagesFetched() const noexcept { return pages_fetched_; }
  const ListUsageRecordResponseMeta& LastMeta() const noexcept { return page_.meta; }

 private:
  bool FetchNextPage();

  std::shared_ptr<const ApiCore> core_;
  ListUsageRecordParams params_;
  CallContext ctx_;
  ListUsageRecordResponse page_;
  std::size_t index_ = 0;
  int64_t yielded_ = 0;
  std::size_t pages_fetched_ = 0;
  int empty_pages_in_a_row_ = 0;
  bool exhausted_ = false;
  std::optional<std::string> next_url_;
  // Hashes of every URL requested: a next_page_url seen before would loop forever.
  std::unordered_set<std::size_t> visited_;
  SupersimV1UsageRecord* current_ = nullptr;
};

}  // namespace twilio::supersim::v1::internal
