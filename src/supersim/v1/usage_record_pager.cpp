#include "supersim/v1/usage_record_pager.hpp"

#include <chrono>
#include <functional>
#include <utility>

#include "http/request_id.hpp"
#include "twilio/errors.hpp"

namespace twilio::supersim::v1::internal {
UsageRecordPager::UsageRecordPager(std::shared_ptr<const ApiCore> core,
                                   ListUsageRecordParams params, CallContext ctx, bool prefetch,
                                   twilio::internal::ListingThrottle* throttle,
                                   twilio::internal::ListingTrace* trace)
    : core_(std::move(core)),
      params_(std::move(params)),
      ctx_(std::move(ctx)),
      prefetch_(prefetch),
      throttle_(throttle),
      trace_(trace) {
  prefetch_ctx_.deadline = ctx_.deadline;
  prefetch_ctx_.cancellation = ctx_.cancellation.Linked();
  // Fail on bad input now, before anything is sent.
  next_url_ = core_->ListUrl(params_);
}

UsageRecordPager::~UsageRecordPager() {
  prefetch_ctx_.cancellation.Cancel();
  // prefetcher_'s destructor waits for a request still in flight.
}

SupersimV1UsageRecord* UsageRecordPager::Next() {
  current_ = nullptr;
  while (!(params_.Limit && yielded_ >= *params_.Limit)) {
    auto& records = reading_->page.usage_records;
    if (index_ < records.size()) {
      ++yielded_;
      current_ = &records[index_++];
      break;
    }
    if (!FetchNextPage()) break;
  }
  return current_;
}

std::optional<std::string> UsageRecordPager::LastRequestId() const {
  return twilio::internal::RequestIdOf(reading_->response);
}

std::string UsageRecordPager::NextUrl(const std::string& link, std::size_t& key) {
  std::string url = pages_fetched_ == 0 ? link : core_->FollowableUrl(link);
  key = std::hash<std::string>{}(url);
  if (visited_.count(key) != 0) {
    Stop(PaginationException("next_page_url points back to a page already fetched (page " +
                             std::to_string(pages_fetched_ + 1) + " of this listing)"));
  }
  return url;
}

void UsageRecordPager::Load(const std::string& url, const CallContext& ctx, PageSlot& slot) const {
  core_->Receive(url, ctx, slot.response, slot.retries);
  slot.outline = OutlinePage(slot.response.body);
  slot.reader.Index(slot.response.body);
}

void UsageRecordPager::Prefetch(std::string link, std::string url, std::size_t key) {
  ahead_link_ = std::move(link);
  ahead_url_ = std::move(url);
  ahead_key_ = key;
  ahead_->retries = FreshRetries();
  prefetcher_.Run([this] { Load(ahead_url_, prefetch_ctx_, *ahead_); });
}

void UsageRecordPager::DropPrefetch() {
  if (!prefetcher_.Pending()) return;
  prefetch_ctx_.cancellation.Cancel();
  try {
    prefetcher_.Wait();
  } catch (const std::exception&) {
    // Its answer is not wanted, whatever it was.
  }
  prefetch_ctx_.cancellation = ctx_.cancellation.Linked();
}

// Whether the records of the pages fetched so far fall short of Limit: only then may the next
// page be requested ahead of need.
bool UsageRecordPager::NeedsAnotherPage() const {
  if (stopped_by_ || !next_url_) return false;
  if (!params_.Limit) return true;
  auto unread = static_cast<int64_t>(reading_->page.usage_records.size() - index_);
  return yielded_ + unread < *params_.Limit;
}

void UsageRecordPager::Stop(const PaginationException& error) {
  stopped_by_ = std::make_exception_ptr(error);
  throw error;
}

std::string UsageRecordPager::ReceiveNextPage() {
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

bool UsageRecordPager::SendAhead(const PageOutline& outline) {
  if (!prefetch_ || !outline.next_page_url || outline.next_page_url->empty()) {
    return false;
  }
  // Every record before this page was read: the bound proves the next page is wanted.
  const auto most = static_cast<int64_t>(outline.max_records);
  if (params_.Limit && yielded_ + most >= *params_.Limit) return false;
  // Nor may this page, should it be empty, end the listing on the empty-page bound.
  if (empty_pages_in_a_row_ + 1 >= core_->MaxConsecutiveEmptyPages()) return false;
  std::string url;
  try {
    url = core_->FollowableUrl(*outline.next_page_url);
  } catch (const PaginationException&) {
    return false;  // reported by the walk's link, after this page's records
  }
  const std::size_t key = std::hash<std::string>{}(url);
  if (key == current_key_ || visited_.count(key) != 0) return false;  // the walk's link stops it
  Prefetch(*outline.next_page_url, std::move(url), key);
  return true;
}

void UsageRecordPager::Walk(const std::string& url) {
  for (;;) {
    PageSlot& slot = *reading_;
    const bool sent_ahead = SendAhead(slot.outline);
    try {
      const auto start = std::chrono::steady_clock::now();
      slot.reader.Walk(slot.page);
      if (trace_ != nullptr) {
        trace_->PageParsed(slot.page.usage_records.size(), slot.response,
                           twilio::internal::Since(start));
      }
      return;
    } catch (ParseException& error) {
      // Nothing of this page was yielded, and what the walk left behind is never read.
      slot.page.usage_records.clear();
      index_ = 0;
      if (sent_ahead) DropPrefetch();
      core_->AfterParseFailure(url, ctx_, error, slot.retries);  // rethrows unless retried
    }
    Load(url, ctx_, slot);
  }
}

bool UsageRecordPager::FetchNextPage() {
  if (stopped_by_) std::rethrow_exception(stopped_by_);
  if (!next_url_) return false;
  const std::string url = ReceiveNextPage();
  Walk(url);
  visited_.insert(current_key_);
  ++pages_fetched_;
  index_ = 0;
  const ListUsageRecordResponse& page = reading_->page;
  const auto& next = page.meta.next_page_url;
  next_url_ = next && !next->empty() ? next : std::nullopt;
  // A request sent on the outline's link stands only when the walk read the same link.
  if (prefetcher_.Pending() && (!next_url_ || *next_url_ != ahead_link_)) DropPrefetch();
  // Each link is new, so the loop check cannot see a server that pages through nothing forever.
  empty_pages_in_a_row_ = page.usage_records.empty() && next_url_ ? empty_pages_in_a_row_ + 1 : 0;
  if (empty_pages_in_a_row_ >= core_->MaxConsecutiveEmptyPages()) {
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

}  // namespace twilio::supersim::v1::internal
