#include "supersim/v1/usage_record_pager.hpp"

#include <functional>

#include "twilio/errors.hpp"

namespace twilio::supersim::v1::internal {

UsageRecordPager::UsageRecordPager(std::shared_ptr<const ApiCore> core,
                                   ListUsageRecordParams params, CallContext ctx)
    : core_(std::move(core)), params_(std::move(params)), ctx_(std::move(ctx)) {
  prefetch_ctx_.deadline = ctx_.deadline;
  prefetch_ctx_.cancellation = ctx_.cancellation.Linked();
  // Fail on bad input now, before anything is sent.
  next_url_ = core_->ListUrl(params_);
}

UsageRecordPager::~UsageRecordPager() {
  prefetch_ctx_.cancellation.Cancel();
  if (pending_.valid()) pending_.wait();
}

SupersimV1UsageRecord* UsageRecordPager::Next() {
  current_ = nullptr;
  while (!(params_.Limit && yielded_ >= *params_.Limit)) {
    if (index_ < page_.usage_records.size()) {
      ++yielded_;
      current_ = &page_.usage_records[index_++];
      break;
    }
    if (!FetchNextPage()) break;
  }
  return current_;
}

void UsageRecordPager::StartFetch(bool in_background) {
  std::string url = pages_fetched_ == 0 ? *next_url_ : core_->FollowableUrl(*next_url_);
  pending_key_ = std::hash<std::string>{}(url);
  if (visited_.count(pending_key_) != 0) {
    Stop(PaginationException("next_page_url points back to a page already fetched (page " +
                             std::to_string(pages_fetched_ + 1) + " of this listing)"));
  }
  // The last page's page_size says how many records to make room for.
  const auto& size = page_.meta.page_size;
  std::size_t expected = size && *size > 0 ? static_cast<std::size_t>(*size) : 0;
  const CallContext& ctx = in_background ? prefetch_ctx_ : ctx_;
  pending_ = std::async(in_background ? std::launch::async : std::launch::deferred,
                        [core = core_, url = std::move(url), ctx, expected] {
                          return core->Fetch(url, ctx, expected);
                        });
}

// Whether the records of the pages fetched so far fall short of Limit: only then may the next
// page be requested ahead of need.
bool UsageRecordPager::NeedsAnotherPage() const {
  if (stopped_by_ || !next_url_) return false;
  if (!params_.Limit) return true;
  auto unread = static_cast<int64_t>(page_.usage_records.size() - index_);
  return yielded_ + unread < *params_.Limit;
}

void UsageRecordPager::Stop(const PaginationException& error) {
  stopped_by_ = std::make_exception_ptr(error);
  throw error;
}

bool UsageRecordPager::FetchNextPage() {
  if (stopped_by_) std::rethrow_exception(stopped_by_);
  if (!next_url_) return false;
  if (!pending_.valid()) StartFetch(/*in_background=*/false);
  // get() leaves pending_ empty; on failure nothing else changes, so a later call asks for the
  // same page again.
  ListUsageRecordResponse page = pending_.get();
  // A prefetch that stopped because the pager was being given up never reaches here; one
  // cancelled by the caller throws CancelledException above, as a direct fetch would.
  page_ = std::move(page);
  visited_.insert(pending_key_);
  ++pages_fetched_;
  index_ = 0;
  const auto& next = page_.meta.next_page_url;
  next_url_ = next && !next->empty() ? next : std::nullopt;
  // Each link is new, so the loop check cannot see a server that pages through nothing forever.
  empty_pages_in_a_row_ = page_.usage_records.empty() && next_url_ ? empty_pages_in_a_row_ + 1 : 0;
  if (empty_pages_in_a_row_ >= core_->MaxConsecutiveEmptyPages()) {
    Stop(PaginationException(std::to_string(empty_pages_in_a_row_) +
                             " empty pages in a row, each linking to another: giving up "
                             "(ClientConfig::max_consecutive_empty_pages)"));
  }
  if (core_->PrefetchNextPage() && NeedsAnotherPage()) {
    try {
      StartFetch(/*in_background=*/true);
    } catch (const PaginationException&) {
      // A link that must not be followed is reported when iteration reaches it, after every
      // record of this page.
      stopped_by_ = nullptr;
    }
  }
  return true;
}

}  // namespace twilio::supersim::v1::internal
