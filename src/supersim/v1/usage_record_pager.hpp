// Internal: walks the pages of one listing, enforcing Limit and the paging-link rules.
//
// With ClientConfig::prefetch_next_page the next page is on its way while this one is read: a
// background thread (one per listing) receives page k+1 and runs simdjson's first stage over it
// while the reading thread walks page k into the models and yields its records. So that the
// request for page k+1 can leave before page k is walked, each body is first outlined from its
// raw text (its next_page_url, and a bound on its records); the request is sent early only when
// that bound proves Limit needs it and the page cannot end the listing on the empty-page bound.
// The walk then decides: a page that fails to parse, or whose link differs from the outline's,
// drops the early request. Everything is refilled in place: two page slots (body, parser,
// records), swapped.
#pragma once

#include <cstddef>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>

#include "background_runner.hpp"
#include "retry.hpp"
#include "supersim/v1/api_core.hpp"
#include "supersim/v1/page_outline.hpp"
#include "supersim/v1/page_reader.hpp"
#include "supersim/v1/record_source.hpp"
#include "twilio/errors.hpp"
#include "twilio/http/http_client.hpp"

namespace twilio::supersim::v1::internal {

class UsageRecordPager : public RecordSource {
 public:
  /// Prefetches when `prefetch`; every request waits for `throttle` (or nullptr), and is
  /// reported with each page to `trace` (or nullptr), which must outlive the pager.
  UsageRecordPager(std::shared_ptr<const ApiCore> core, ListUsageRecordParams params,
                   CallContext ctx, bool prefetch, twilio::internal::ListingThrottle* throttle,
                   twilio::internal::ListingTrace* trace);
  /// Stops a prefetch still in flight and waits for it.
  ~UsageRecordPager() override;
  UsageRecordPager(const UsageRecordPager&) = delete;
  UsageRecordPager& operator=(const UsageRecordPager&) = delete;

  /// The next record (owned by the pager until the next call moves past the end of its page),
  /// or nullptr when the listing is complete or Limit records were yielded. Fetches a page when
  /// the current one is used up. The caller may move the record's contents out.
  SupersimV1UsageRecord* Next() override;
  /// What the last Next() returned.
  SupersimV1UsageRecord* Current() const noexcept override { return current_; }

  std::size_t PagesFetched() const noexcept override { return pages_fetched_; }
  const ListUsageRecordResponseMeta& LastMeta() const noexcept override {
    return reading_->page.meta;
  }
  std::optional<std::string> LastRequestId() const override;
  /// Records of the current page not yet returned by Next(): 0 right after Next() returned the
  /// last record of its page.
  std::size_t UnreadOnPage() const noexcept { return reading_->page.usage_records.size() - index_; }

 private:
  // One page on its way to the caller: the body (with the retries it took), its index, and its
  // records once walked.
  struct PageSlot {
    http::HttpResponse response;
    twilio::internal::RetryState retries;
    PageOutline outline;  // of the body, made on the thread that received it
    PageReader reader;
    ListUsageRecordResponse page;
  };

  bool FetchNextPage();
  // Gets the next page into reading_ (from the prefetch, or requested now) and returns its URL;
  // current_key_ gets the URL's hash.
  std::string ReceiveNextPage();
  // Receives `url` into `slot` (counting on from its retries), outlines and indexes it.
  void Load(const std::string& url, const CallContext& ctx, PageSlot& slot) const;
  // Walks reading_ into its records, retrying the page as config.retry says when it is not
  // JSON; sends the request for the page after it early when the outline allows.
  void Walk(const std::string& url);
  // The URL the next page is asked at, after the paging-link checks (which throw); `key` gets
  // its hash.
  std::string NextUrl(const std::string& link, std::size_t& key);
  // Sends the request for the page after the one being read early, when `outline` proves it is
  // needed; true when it did.
  bool SendAhead(const PageOutline& outline);
  // Starts loading `url` (followed from next_page_url `link`) into ahead_ on the background
  // thread.
  void Prefetch(std::string link, std::string url, std::size_t key);
  // Drops a request in flight (cancels it, waits for it, forgets its answer).
  void DropPrefetch();
  bool NeedsAnotherPage() const;
  // A fresh retry count for a page, sharing the listing's throttle.
  twilio::internal::RetryState FreshRetries() const {
    twilio::internal::RetryState state;
    state.throttle = throttle_;
    state.trace = trace_;
    return state;
  }
  // Ends the listing with `error`: throws it now and from every later FetchNextPage().
  [[noreturn]] void Stop(const PaginationException& error);

  std::shared_ptr<const ApiCore> core_;
  ListUsageRecordParams params_;
  CallContext ctx_;
  bool prefetch_;
  twilio::internal::ListingThrottle* throttle_;
  twilio::internal::ListingTrace* trace_;
  // The prefetch's context: the caller's deadline, and a token linked to the caller's that
  // DropPrefetch and the destructor cancel.
  CallContext prefetch_ctx_;
  // The page being read, and the one after it on its way.
  std::unique_ptr<PageSlot> reading_ = std::make_unique<PageSlot>();
  std::unique_ptr<PageSlot> ahead_ = std::make_unique<PageSlot>();
  std::string ahead_link_;  // the next_page_url ahead_ was asked for by
  std::string ahead_url_;
  std::size_t ahead_key_ = 0;
  std::size_t current_key_ = 0;  // the hash of the URL of the page being read
  std::size_t index_ = 0;
  int64_t yielded_ = 0;
  std::size_t pages_fetched_ = 0;
  int empty_pages_in_a_row_ = 0;
  // The PaginationException that ended the listing; every later call throws it again, so a
  // caller that catches it and goes on cannot mistake the stop for the end of the records.
  std::exception_ptr stopped_by_;
  std::optional<std::string> next_url_;
  // Hashes of every URL fetched: a next_page_url seen before would loop forever.
  std::unordered_set<std::size_t> visited_;
  SupersimV1UsageRecord* current_ = nullptr;
  // Declared last: destroyed first, so its job never outlives what it fills.
  twilio::internal::BackgroundRunner prefetcher_;
};

}  // namespace twilio::supersim::v1::internal
