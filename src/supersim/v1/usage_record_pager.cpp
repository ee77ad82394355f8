#include "supersim/v1/usage_record_pager.hpp"

#include <functional>

#include "twilio/errors.hpp"

namespace twilio::supersim::v1::internal {

UsageRecordPager::UsageRecordPager(std::shared_ptr<const ApiCore> core,
                                   ListUsageRecordParams params, CallContext ctx)
    : core_(std::move(core)), params_(std::move(params)), ctx_(std::move(ctx)) {
  // Fail on bad input now, before anything is sent.
  next_url_ = core_->ListUrl(params_);
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

bool UsageRecordPager::FetchNextPage() {
  if (exhausted_ || !next_url_) return false;
  std::string url = pages_fetched_ == 0 ? *next_url_ : core_->FollowableUrl(*next_url_);
  std::size_t key = std::hash<std::string>{}(url);
  if (visited_.count(key) != 0) {
    exhausted_ = true;
    throw PaginationException("next_page_url points back to a page already fetched (page " +
                              std::to_string(pages_fetched_ + 1) + " of this listing)");
  }
  page_ = core_->Fetch(url, ctx_);  // on failure nothing changes: a later call asks again
  visited_.insert(key);
  ++pages_fetched_;
  index_ = 0;
  const auto& next = page_.meta.next_page_url;
  next_url_ = next && !next->empty() ? next : std::nullopt;
  // Each link is new, so the loop check cannot see a server that pages through nothing forever.
  empty_pages_in_a_row_ = page_.usage_records.empty() && next_url_ ? empty_pages_in_a_row_ + 1 : 0;
  if (empty_pages_in_a_row_ >= core_->MaxConsecutiveEmptyPages()) {
    exhausted_ = true;
    throw PaginationException(std::to_string(empty_pages_in_a_row_) +
                              " empty pages in a row, each linking to another: giving up "
                              "(ClientConfig::max_consecutive_empty_pages)");
  }
  return true;
}

}  // namespace twilio::supersim::v1::internal
