// Internal: walks the pages of one listing of any Twilio list resource, enforcing Limit and the
// paging-link rules (a link is followed only on the configured server, never twice, and a run
// of empty pages that link on is bounded).
//
// With prefetch the next page is on its way while this one is read: a background thread (one
// per listing) receives page k+1 and indexes it while the reading thread walks page k into the
// models and yields its records. So that the request for page k+1 can leave before page k is
// walked, each body is first outlined from its raw text (its next_page_url, and a bound on its
// records); the request is sent early only when that bound proves Limit needs it and the page
// cannot end the listing on the empty-page bound. The walk then decides: a page that fails to
// parse, or whose link differs from the outline's, drops the early request. Everything is
// refilled in place: two page slots (body, reader, records), swapped.
//
// The resource is a type that says what a page is and how it is read:
//   using Page = ...;    // the page model
//   using Record = ...;  // one record of it
//   using Reader = ...;  // Index(std::string& body), then Walk(Page&), which throws
//                        // ParseException; its buffers kept from page to page
//   static std::vector<Record>& Records(Page&);
//   static const std::optional<std::string>& NextLink(const Page&);  // meta.next_page_url
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>

#include "background_runner.hpp"
#include "listing_throttle.hpp"
#include "listing_trace.hpp"
#include "paging/page_fetcher.hpp"
#include "paging/page_outline.hpp"
#include "retry.hpp"
#include "twilio/call_context.hpp"
#include "twilio/errors.hpp"
#include "twilio/http/http_client.hpp"

namespace twilio::internal {

template <typename Resource>
class ListingPager {
 public:
  using Page = typename Resource::Page;
  using Record = typename Resource::Record;

  /// Starts at `first_url` (not vetted: the caller built it) and yields at most `limit`
  /// records. Prefetches when `prefetch`; every request waits for `throttle` (or nullptr), and
  /// is reported with each page to `trace` (or nullptr), which must outlive the pager.
  ListingPager(std::shared_ptr<const PageFetcher> fetcher, std::string first_url,
               std::optional<int64_t> limit, CallContext ctx, bool prefetch,
               ListingThrottle* throttle, ListingTrace* trace)
      : fetcher_(std::move(fetcher)),
        limit_(limit),
        ctx_(std::move(ctx)),
        prefetch_(prefetch),
        throttle_(throttle),
        trace_(trace),
        next_url_(std::move(first_url)) {
    prefetch_ctx_.deadline = ctx_.deadline;
    prefetch_ctx_.cancellation = ctx_.cancellation.Linked();
  }
  /// Stops a prefetch still in flight and waits for it.
  ~ListingPager() {
    prefetch_ctx_.cancellation.Cancel();
    // prefetcher_'s destructor waits for a request still in flight.
  }
  ListingPager(const ListingPager&) = delete;
  ListingPager& operator=(const ListingPager&) = delete;

  /// The next record (owned by the pager until the next call moves past the end of its page),
  /// or nullptr when the listing is complete or Limit records were yielded. Fetches a page when
  /// the current one is used up. The caller may move the record's contents out.
  Record* Next() {
    current_ = nullptr;
    while (!(limit_ && yielded_ >= *limit_)) {
      auto& records = Resource::Records(reading_->page);
      if (index_ < records.size()) {
        ++yielded_;
        current_ = &records[index_++];
        break;
      }
      if (!FetchNextPage()) break;
    }
    return current_;
  }
  /// What the last Next() returned.
  Record* Current() const noexcept { return current_; }

  /// Pages received so far.
  std::size_t PagesFetched() const noexcept { return pages_fetched_; }
  /// The last page the records came from (its records may have been moved out).
  const Page& LastPage() const noexcept { return reading_->page; }
  /// The response that page came in.
  const http::HttpResponse& LastResponse() const noexcept { return reading_->response; }
  /// Records of the current page not yet returned by Next(): 0 right after Next() returned the
  /// last record of its page.
  std::size_t UnreadOnPage() const noexcept {
    return Resource::Records(reading_->page).size() - index_;
  }

 private:
  // One page on its way to the caller: the body (with the retries it took), its outline, and
  // its records once walked.
  struct PageSlot {
    http::HttpResponse response;
    RetryState retries;
    PageOutline outline;  // of the body, made on the thread that received it
    typename Resource::Reader reader;
    Page page;
  };

  // The URL the next page is asked at, after the paging-link checks (which throw); `key` gets
  // its hash.
  std::string NextUrl(const std::string& link, std::size_t& key) {
    std::string url = pages_fetched_ == 0 ? link : fetcher_->FollowableUrl(link);
    key = std::hash<std::string>{}(url);
    if (visited_.count(key) != 0) {
      Stop(PaginationException("next_page_url points back to a page already fetched (page " +
                               std::to_string(pages_fetched_ + 1) + " of this listing)"));
    }
    return url;
  }

  // Receives `url` into `slot` (counting on from its retries), outlines and indexes it.
  void Load(const std::string& url, const CallContext& ctx, PageSlot& slot) const {
    fetcher_->Receive(url, ctx, slot.response, slot.retries);
    slot.outline = OutlinePage(slot.response.body);
    slot.reader.Index(slot.response.body);
  }

  // Starts loading `url` (followed from next_page_url `link`) into ahead_ on the background
  // thread.
  void Prefetch(std::string link, std::string url, std::size_t key) {
    ahead_link_ = std::move(link);
    ahead_url_ = std::move(url);
    ahead_key_ = key;
    ahead_->retries = FreshRetries();
    prefetcher_.Run([this] { Load(ahead_url_, prefetch_ctx_, *ahead_); });
  }

  // Drops a request in flight (cancels it, waits for it, forgets its answer).
  void DropPrefetch() {
    if (!prefetcher_.Pending()) return;
    prefetch_ctx_.cancellation.Cancel();
    try {
      prefetcher_.Wait();
    } catch (const std::exception&) {
      // Its answer is not wanted, whatever it was.
    }
    prefetch_ctx_.cancellation = ctx_.cancellation.Linked();
  }

  // Whether the records of the pages fetched so far fall short of Limit: only then may the
  // next page be requested ahead of need.
  bool NeedsAnotherPage() const {
    if (stopped_by_ || !next_url_) return false;
    if (!limit_) return true;
    return yielded_ + static_cast<int64_t>(UnreadOnPage()) < *limit_;
  }

  // A fresh retry count for a page, sharing the listing's throttle.
  RetryState FreshRetries() const {
    RetryState state;
    state.throttle = throttle_;
    state.trace = trace_;
    return state;
  }

  // Ends the listing with `error`: throws it now and from every later FetchNextPage().
  [[noreturn]] void Stop(const PaginationException& error) {
    stopped_by_ = std::make_exception_ptr(error);
    throw error;
  }

  // Gets the next page into reading_ (from the prefetch, or requested now) and returns its URL;
  // current_key_ gets the URL's hash.
  std::string ReceiveNextPage() {
    if (prefetcher_.Pending()) {
      // A prefetch cancelled by the caller throws CancelledException here, as a direct fetch
      // would; one stopped because the pager was being given up never gets here. After a
      // failure nothing is pending, so the next call asks for the page again, directly.
      prefetcher_.Wait();
      std::swap(reading_, ahead_);
      current_key_ = ahead_key_;
      return ahead_url_;
    }
    std::string url = NextUrl(*next_url_, current_key_);
    reading_->retries = FreshRetries();
    Load(url, ctx_, *reading_);
    return url;
  }

  // Sends the request for the page after the one being read early, when `outline` proves it is
  // needed; true when it did.
  bool SendAhead(const PageOutline& outline) {
    if (!prefetch_ || !outline.next_page_url || outline.next_page_url->empty()) return false;
    // Every record before this page was read: the bound proves the next page is wanted.
    const auto most = static_cast<int64_t>(outline.max_records);
    if (limit_ && yielded_ + most >= *limit_) return false;
    // Nor may this page, should it be empty, end the listing on the empty-page bound.
    if (empty_pages_in_a_row_ + 1 >= fetcher_->MaxConsecutiveEmptyPages()) return false;
    std::string url;
    try {
      url = fetcher_->FollowableUrl(*outline.next_page_url);
    } catch (const PaginationException&) {
      return false;  // reported by the walk's link, after this page's records
    }
    const std::size_t key = std::hash<std::string>{}(url);
    if (key == current_key_ || visited_.count(key) != 0) return false;  // the walk's link stops it
    Prefetch(*outline.next_page_url, std::move(url), key);
    return true;
  }

  // Walks reading_ into its records, retrying the page as configured when it is not JSON;
  // sends the request for the page after it early when the outline allows.
  void Walk(const std::string& url) {
    for (;;) {
      PageSlot& slot = *reading_;
      const bool sent_ahead = SendAhead(slot.outline);
      try {
        const auto start = std::chrono::steady_clock::now();
        slot.reader.Walk(slot.page);
        if (trace_ != nullptr) {
          trace_->PageParsed(Resource::Records(slot.page).size(), slot.response, Since(start));
        }
        return;
      } catch (ParseException& error) {
        // Nothing of this page was yielded, and what the walk left behind is never read.
        Resource::Records(slot.page).clear();
        index_ = 0;
        if (sent_ahead) DropPrefetch();
        fetcher_->AfterParseFailure(url, ctx_, error, slot.retries);  // rethrows unless retried
      }
      Load(url, ctx_, slot);
    }
  }

  bool FetchNextPage() {
    if (stopped_by_) std::rethrow_exception(stopped_by_);
    if (!next_url_) return false;
    const std::string url = ReceiveNextPage();
    Walk(url);
    visited_.insert(current_key_);
    ++pages_fetched_;
    index_ = 0;
    const Page& page = reading_->page;
    const auto& next = Resource::NextLink(page);
    next_url_ = next && !next->empty() ? next : std::nullopt;
    // A request sent on the outline's link stands only when the walk read the same link.
    if (prefetcher_.Pending() && (!next_url_ || *next_url_ != ahead_link_)) DropPrefetch();
    // Each link is new, so the loop check cannot see a server that pages through nothing
    // forever.
    const bool empty = Resource::Records(reading_->page).empty();
    empty_pages_in_a_row_ = empty && next_url_ ? empty_pages_in_a_row_ + 1 : 0;
    if (empty_pages_in_a_row_ >= fetcher_->MaxConsecutiveEmptyPages()) {
      Stop(PaginationException(std::to_string(empty_pages_in_a_row_) +
                               " empty pages in a row, each linking to another: giving up "
                               "(ClientConfig::max_consecutive_empty_pages)"));
    }
    if (!prefetcher_.Pending() && prefetch_ && NeedsAnotherPage()) {
      try {
        std::size_t next_key = 0;
        std::string next_url = NextUrl(*next_url_, next_key);
        Prefetch(*next_url_, std::move(next_url), next_key);
      } catch (const PaginationException&) {
        // A link that must not be followed is reported when iteration reaches it, after every
        // record of this page.
        stopped_by_ = nullptr;
      }
    }
    return true;
  }

  std::shared_ptr<const PageFetcher> fetcher_;
  std::optional<int64_t> limit_;
  CallContext ctx_;
  bool prefetch_;
  ListingThrottle* throttle_;
  ListingTrace* trace_;
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
  Record* current_ = nullptr;
  // Declared last: destroyed first, so its job never outlives what it fills.
  BackgroundRunner prefetcher_;
};

}  // namespace twilio::internal
