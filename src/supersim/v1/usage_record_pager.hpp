// Internal: walks the pages of one listing, enforcing Limit and the paging-link rules, with the
// next page prefetched on a background thread (ClientConfig::prefetch_next_page).
#pragma once

#include <cstddef>
#include <exception>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>

#include "supersim/v1/api_core.hpp"
#include "twilio/errors.hpp"

namespace twilio::supersim::v1::internal {

class UsageRecordPager {
 public:
  UsageRecordPager(std::shared_ptr<const ApiCore> core, ListUsageRecordParams params,
                   CallContext ctx);
  /// Stops a prefetch still in flight and waits for it.
  ~UsageRecordPager();
  UsageRecordPager(const UsageRecordPager&) = delete;
  UsageRecordPager& operator=(const UsageRecordPager&) = delete;

  /// The next record (owned by the pager until the next call), or nullptr when the listing is
  /// complete or Limit records were yielded. Fetches a page when the current one is used up.
  SupersimV1UsageRecord* Next();
  /// What the last Next() returned.
  SupersimV1UsageRecord* Current() const noexcept { return current_; }

  std::size_t PagesFetched() const noexcept { return pages_fetched_; }
  const ListUsageRecordResponseMeta& LastMeta() const noexcept { return page_.meta; }

 private:
  bool FetchNextPage();
  // Sends the request for next_url_ (after the paging-link checks) on a background thread when
  // `in_background`, else when the result is asked for. Any error surfaces from pending_.get().
  void StartFetch(bool in_background);
  bool NeedsAnotherPage() const;
  // Ends the listing with `error`: throws it now and from every later FetchNextPage().
  [[noreturn]] void Stop(const PaginationException& error);

  std::shared_ptr<const ApiCore> core_;
  ListUsageRecordParams params_;
  CallContext ctx_;
  // The prefetch's context: the caller's deadline, and a token linked to the caller's that the
  // destructor cancels.
  CallContext prefetch_ctx_;
  ListUsageRecordResponse page_;
  std::size_t index_ = 0;
  int64_t yielded_ = 0;
  std::size_t pages_fetched_ = 0;
  int empty_pages_in_a_row_ = 0;
  // The PaginationException that ended the listing; every later call throws it again, so a
  // caller that catches it and goes on cannot mistake the stop for the end of the records.
  std::exception_ptr stopped_by_;
  std::optional<std::string> next_url_;
  // The request for next_url_ when valid(); its URL's hash in pending_key_.
  std::future<ListUsageRecordResponse> pending_;
  std::size_t pending_key_ = 0;
  // Hashes of every URL fetched: a next_page_url seen before would loop forever.
  std::unordered_set<std::size_t> visited_;
  SupersimV1UsageRecord* current_ = nullptr;
};

}  // namespace twilio::supersim::v1::internal
