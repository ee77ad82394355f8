#include "supersim/v1/sliced_listing.hpp"

#include <algorithm>
#include <chrono>
#include <utility>

#include "supersim/v1/usage_record_pager.hpp"
#include "twilio/supersim/v1/list_usage_record_request.hpp"

namespace twilio::supersim::v1::internal {
namespace {

// How often the reading thread, waiting for a page, looks at the caller's cancellation and
// deadline (the transport's poll interval).
constexpr std::chrono::milliseconds kReaderPoll{50};

}  // namespace

SlicedListing::SlicedListing(std::shared_ptr<const ApiCore> core, ListUsageRecordParams params,
                             CallContext ctx, SliceFrame frame, std::size_t concurrency,
                             twilio::internal::ListingTrace* trace)
    : core_(std::move(core)),
      params_(std::move(params)),
      ctx_(std::move(ctx)),
      frame_(frame),
      concurrency_(concurrency),
      page_size_(EffectivePageSize(params_)),
      trace_(trace) {
  slice_ctx_.deadline = ctx_.deadline;
  slice_ctx_.cancellation = ctx_.cancellation.Linked();
  // Fail on bad input now, before anything is sent (as a sequential listing does).
  (void)core_->ListUrl(params_);
}

SlicedListing::~SlicedListing() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    StopLocked();
  }
  for (std::thread& worker : workers_) worker.join();
}

void SlicedListing::StopLocked() {
  stopping_ = true;
  slice_ctx_.cancellation.Cancel();
  changed_.notify_all();
}

SupersimV1UsageRecord* SlicedListing::Next() {
  current_ = nullptr;
  if (stopped_by_) std::rethrow_exception(stopped_by_);
  if (!started_) {
    started_ = true;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      PlanMore();
    }
    workers_.reserve(concurrency_);
    for (std::size_t i = 0; i < concurrency_; ++i) workers_.emplace_back([this] { Work(); });
  }
  while (!(params_.Limit && yielded_ >= *params_.Limit)) {
    if (batch_index_ < batch_.size()) {
      ++yielded_;
      current_ = &batch_[batch_index_++];
      return current_;
    }
    if (!NextBatch()) break;
  }
  // Done: whatever is still in flight is not wanted.
  std::lock_guard<std::mutex> lock(mutex_);
  StopLocked();
  return nullptr;
}

bool SlicedListing::NextBatch() {
  // As a sequential listing checks before each page: the records read so far stay read.
  ctx_.ThrowIfDone();
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    if (slices_.empty()) return false;  // PlanMore found nothing left to list
    Slice& front = *slices_.front();
    if (!front.pages.empty()) {
      Page page = std::move(front.pages.front());
      front.pages.pop_front();
      changed_.notify_all();  // room in its queue
      lock.unlock();
      batch_ = std::move(page.records);
      batch_index_ = 0;
      last_meta_ = std::move(page.meta);
      last_request_id_ = std::move(page.request_id);
      return true;
    }
    if (front.done) {
      if (front.error) {
        stopped_by_ = front.error;
        StopLocked();
        std::rethrow_exception(stopped_by_);
      }
      records_read_ += front.records;
      slices_.pop_front();
      PlanMore();
      continue;
    }
    changed_.wait_for(lock, kReaderPoll);
    if (ctx_.IsCancelled() || ctx_.IsExpired()) {
      StopLocked();
      lock.unlock();
      ctx_.ThrowIfDone();
    }
  }
}

int64_t SlicedListing::ExpectedRecords(const Slice& slice) const {
  if (slice.done || !records_per_bucket_) return slice.records;
  const auto estimate =
      static_cast<int64_t>(*records_per_bucket_ * static_cast<double>(slice.buckets));
  return std::max(slice.records, estimate);
}

void SlicedListing::LearnFrom(const Slice& slice) {
  if (slice.records == 0 && learned_records_ == 0) return;  // empty newest buckets say nothing
  learned_records_ += slice.records;
  learned_buckets_ += slice.buckets;
  records_per_bucket_ =
      static_cast<double>(learned_records_) / static_cast<double>(learned_buckets_);
}

void SlicedListing::PlanMore() {
  while (!stopping_ && buckets_planned_ < frame_.buckets && slices_.size() < concurrency_) {
    // While the records per bucket are unknown, one probe at a time.
    if (!records_per_bucket_ &&
        std::any_of(slices_.begin(), slices_.end(), [](const auto& s) { return !s->done; })) {
      return;
    }
    if (params_.Limit) {
      int64_t expected = records_read_;
      for (const auto& slice : slices_) expected += ExpectedRecords(*slice);
      if (expected >= *params_.Limit) return;  // the slices there already hold Limit
    }
    int64_t buckets = probe_buckets_;
    if (records_per_bucket_) {
      const double target = static_cast<double>(kPagesPerSlice) * static_cast<double>(page_size_);
      buckets = std::max<int64_t>(1, static_cast<int64_t>(target / *records_per_bucket_));
    } else {
      probe_buckets_ *= 2;
    }
    buckets = std::min(buckets, frame_.buckets - buckets_planned_);
    auto slice = std::make_shared<Slice>();
    slice->params = frame_.Slice(params_, buckets_planned_, buckets);
    slice->buckets = buckets;
    buckets_planned_ += buckets;
    slices_.push_back(std::move(slice));
    changed_.notify_all();
  }
}

std::shared_ptr<SlicedListing::Slice> SlicedListing::Take() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    if (stopping_) return nullptr;
    for (const auto& slice : slices_) {
      if (!slice->started) {
        slice->started = true;
        return slice;
      }
    }
    if (buckets_planned_ >= frame_.buckets) return nullptr;  // every bucket has its slice
    changed_.wait(lock);
  }
}

void SlicedListing::Work() {
  while (std::shared_ptr<Slice> slice = Take()) {
    std::exception_ptr error;
    try {
      if (!List(*slice)) return;
    } catch (...) {
      error = std::current_exception();
    }
    Finish(*slice, error);
  }
}

bool SlicedListing::List(Slice& slice) {
  // One request at a time per slice: the concurrency is the slices'.
  UsageRecordPager pager(core_, slice.params, slice_ctx_, /*prefetch=*/false, &throttle_, trace_);
  Page page;
  std::size_t pages_seen = 0;
  while (SupersimV1UsageRecord* record = pager.Next()) {
    pages_fetched_ += pager.PagesFetched() - pages_seen;
    pages_seen = pager.PagesFetched();
    if (page.records.empty()) page.records.reserve(static_cast<std::size_t>(page_size_));
    page.records.push_back(std::move(*record));
    if (pager.UnreadOnPage() == 0) {
      page.meta = pager.LastMeta();
      page.request_id = pager.LastRequestId();
      if (!Push(slice, std::move(page))) return false;
      page = Page();
    }
  }
  pages_fetched_ += pager.PagesFetched() - pages_seen;
  if (!page.records.empty()) {  // stopped by Limit within a page
    page.meta = pager.LastMeta();
    page.request_id = pager.LastRequestId();
    if (!Push(slice, std::move(page))) return false;
  }
  return true;
}

bool SlicedListing::Push(Slice& slice, Page&& page) {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return stopping_ || slice.pages.size() < kPagesPerSlice; });
  if (stopping_) return false;
  slice.records += static_cast<int64_t>(page.records.size());
  slice.pages.push_back(std::move(page));
  changed_.notify_all();
  return true;
}

void SlicedListing::Finish(Slice& slice, const std::exception_ptr& error) {
  std::lock_guard<std::mutex> lock(mutex_);
  slice.done = true;
  slice.error = error;
  if (!slice.error) LearnFrom(slice);
  PlanMore();
  changed_.notify_all();
}

}  // namespace twilio::supersim::v1::internal
