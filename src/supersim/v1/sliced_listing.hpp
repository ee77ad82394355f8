// Internal: one listing run as consecutive time slices, up to `concurrency` of them at once, its
// records delivered in the order of the one sequential listing.
//
// The newest bucket is listed first, alone (a probe): its records per bucket size the slices
// after it at about kPagesPerSlice pages each, so that the slices ahead of the one being read
// can be listed whole while it is (an empty probe doubles the next one). Every slice has one
// worker thread at a time and at most kPagesPerSlice pages waiting to be read; at most
// `concurrency` slices exist at once, so at most that many requests are in flight. A slice is
// only started while the records received and expected fall short of Limit; reaching Limit, an
// error, or the end of the listing stops the rest.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "listing_throttle.hpp"
#include "listing_trace.hpp"
#include "supersim/v1/api_core.hpp"
#include "supersim/v1/record_source.hpp"
#include "supersim/v1/time_slices.hpp"

namespace twilio::supersim::v1::internal {

class SlicedListing : public RecordSource {
 public:
  /// Pages a slice may have waiting, and the size slices are planned at.
  static constexpr std::size_t kPagesPerSlice = 2;

  /// Its requests and pages are reported to `trace` (or nullptr), which must outlive it.
  SlicedListing(std::shared_ptr<const ApiCore> core, ListUsageRecordParams params, CallContext ctx,
                SliceFrame frame, std::size_t concurrency, twilio::internal::ListingTrace* trace);
  /// Stops every request in flight and waits for the workers.
  ~SlicedListing() override;
  SlicedListing(const SlicedListing&) = delete;
  SlicedListing& operator=(const SlicedListing&) = delete;

  SupersimV1UsageRecord* Next() override;
  SupersimV1UsageRecord* Current() const noexcept override { return current_; }
  std::size_t PagesFetched() const noexcept override { return pages_fetched_.load(); }
  const ListUsageRecordResponseMeta& LastMeta() const noexcept override { return last_meta_; }
  std::optional<std::string> LastRequestId() const override { return last_request_id_; }

 private:
  struct Page {
    std::vector<SupersimV1UsageRecord> records;
    ListUsageRecordResponseMeta meta;
    std::optional<std::string> request_id;
  };
  struct Slice {
    ListUsageRecordParams params;
    int64_t buckets = 0;
    bool started = false;  // a worker took it
    bool done = false;     // its worker finished it, or failed
    std::exception_ptr error;
    std::deque<Page> pages;  // received, not yet read
    int64_t records = 0;     // received in all
  };

  void Work();
  std::shared_ptr<Slice> Take();
  // Lists `slice` into its queue; false when the listing stopped meanwhile.
  bool List(Slice& slice);
  bool Push(Slice& slice, Page&& page);
  void Finish(Slice& slice, const std::exception_ptr& error);
  // The next page to read into batch_, in order; false at the end of the listing.
  bool NextBatch();
  // Adds slices while the rules allow (call with mutex_ held).
  void PlanMore();
  void LearnFrom(const Slice& slice);
  int64_t ExpectedRecords(const Slice& slice) const;
  void StopLocked();

  const std::shared_ptr<const ApiCore> core_;
  const ListUsageRecordParams params_;
  const CallContext ctx_;
  const SliceFrame frame_;
  const std::size_t concurrency_;
  const int64_t page_size_;
  twilio::internal::ListingTrace* const trace_;
  twilio::internal::ListingThrottle throttle_;
  // The slices' requests: the caller's deadline, and a token linked to the caller's that
  // stopping the listing cancels.
  CallContext slice_ctx_;

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::shared_ptr<Slice>> slices_;  // planned and not yet read to the end, in order
  int64_t buckets_planned_ = 0;                // from the newest, handed to slices so far
  int64_t probe_buckets_ = 1;                  // the next probe's size, while no estimate
  std::optional<double> records_per_bucket_;
  int64_t learned_records_ = 0;  // from the slices finished since the first with records
  int64_t learned_buckets_ = 0;
  int64_t records_read_ = 0;  // in slices read to the end
  bool stopping_ = false;
  std::atomic<std::size_t> pages_fetched_{0};

  // Read by the consuming thread only.
  bool started_ = false;
  std::vector<SupersimV1UsageRecord> batch_;
  std::size_t batch_index_ = 0;
  int64_t yielded_ = 0;
  std::exception_ptr stopped_by_;
  ListUsageRecordResponseMeta last_meta_;
  std::optional<std::string> last_request_id_;
  SupersimV1UsageRecord* current_ = nullptr;

  std::vector<std::thread> workers_;  // joined by the destructor, before anything they use goes
};

}  // namespace twilio::supersim::v1::internal
