// UsageRecordsApi::ListUsageRecordFanOut: a few worker threads, each listing the next parameter
// set with a pager of its own, so no more requests are in flight than there are workers.
#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "supersim/v1/traced_source.hpp"
#include "twilio/errors.hpp"
#include "twilio/supersim/v1/list_usage_record_request.hpp"
#include "twilio/supersim/v1/usage_records_api.hpp"

namespace twilio::supersim::v1 {
namespace {

using OnResult = std::function<void(FanOutResult&&)>;

// Everything is checked before the first request, so a bad set cannot leave others half done.
void Validate(const std::vector<ListUsageRecordParams>& sets, const OnResult& on_result,
              const FanOutOptions& options) {
  if (options.max_concurrent_requests < 1) {
    throw ValidationException("max_concurrent_requests", "must be at least 1");
  }
  if (!on_result) throw ValidationException("on_result", "must not be empty");
  for (std::size_t i = 0; i < sets.size(); ++i) {
    try {
      ValidateListUsageRecordParams(sets[i]);
    } catch (const ValidationException& e) {
      throw ValidationException(e.Parameter(),
                                e.Reason() + " (parameter set " + std::to_string(i) + ")");
    }
  }
}

class FanOut {
 public:
  FanOut(std::shared_ptr<const internal::ApiCore> core,
         const std::vector<ListUsageRecordParams>& sets, const OnResult& on_result,
         const CallContext& ctx)
      : core_(std::move(core)), sets_(sets), on_result_(on_result), ctx_(ctx) {}

  void Run(std::size_t workers) {
    std::vector<std::thread> threads;
    threads.reserve(workers);
    try {
      for (std::size_t i = 0; i < workers; ++i) threads.emplace_back([this] { Work(); });
    } catch (...) {
      // The workers already running still take every set; with none, nothing was sent.
      if (threads.empty()) throw;
    }
    for (std::thread& thread : threads) thread.join();
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  // One set, listed as ListUsageRecord does, but its failure is kept rather than thrown.
  FanOutResult ListOne(std::size_t index) {
    FanOutResult result;
    result.index = index;
    result.params = sets_[index];
    std::optional<internal::TracedSource> pager;
    try {
      // Once one set saw the context stop, the rest send nothing. The transport may report the
      // deadline a few milliseconds before ctx.IsExpired() turns true, hence the flag.
      if (stopped_ == kCancelled) throw CancelledException();
      if (stopped_ == kExpired) throw DeadlineExceededException();
      ctx_.ThrowIfDone();
      pager.emplace(core_, sets_[index], ctx_, ListingPlan{});
      while (SupersimV1UsageRecord* record = pager->Next()) {
        result.response.usage_records.push_back(std::move(*record));
      }
    } catch (const CancelledException&) {
      result.error = std::current_exception();
      stopped_ = kCancelled;
    } catch (const DeadlineExceededException&) {
      result.error = std::current_exception();
      stopped_ = kExpired;
    } catch (...) {
      result.error = std::current_exception();
    }
    if (pager) {
      result.response.meta = pager->LastMeta();
      result.response.request_id = pager->LastRequestId();
      result.response.stats = pager->Stats();
    }
    return result;
  }

  void Work() {
    while (!stop_.load()) {
      const std::size_t index = next_.fetch_add(1);
      if (index >= sets_.size()) return;
      try {
        Deliver(ListOne(index));
      } catch (...) {  // only from copying a result (out of memory): stop like a throwing on_result
        Fail(std::current_exception());
      }
    }
  }

  void Deliver(FanOutResult&& result) {
    std::lock_guard<std::mutex> lock(deliver_mutex_);
    if (failure_) return;  // on_result threw before: it is not called again
    try {
      on_result_(std::move(result));
    } catch (...) {
      failure_ = std::current_exception();
      stop_ = true;
    }
  }

  void Fail(const std::exception_ptr& error) {
    std::lock_guard<std::mutex> lock(deliver_mutex_);
    if (!failure_) failure_ = error;
    stop_ = true;
  }

  const std::shared_ptr<const internal::ApiCore> core_;
  const std::vector<ListUsageRecordParams>& sets_;
  const OnResult& on_result_;
  const CallContext& ctx_;
  std::atomic<std::size_t> next_{0};
  std::atomic<bool> stop_{false};
  static constexpr int kRunning = 0, kCancelled = 1, kExpired = 2;
  std::atomic<int> stopped_{kRunning};  // what the context did, as the first set to see it saw
  std::mutex deliver_mutex_;            // serialises on_result and guards failure_
  std::exception_ptr failure_;
};

}  // namespace

void UsageRecordsApi::ListUsageRecordFanOut(const std::vector<ListUsageRecordParams>& sets,
                                            const OnResult& on_result, const FanOutOptions& options,
                                            const CallContext& ctx) const {
  Validate(sets, on_result, options);
  if (sets.empty()) return;
  FanOut(core_, sets, on_result, ctx).Run(std::min(options.max_concurrent_requests, sets.size()));
}

std::vector<FanOutResult> UsageRecordsApi::ListUsageRecordFanOut(
    const std::vector<ListUsageRecordParams>& sets, const FanOutOptions& options,
    const CallContext& ctx) const {
  std::vector<FanOutResult> results(sets.size());
  ListUsageRecordFanOut(
      sets, [&results](FanOutResult&& result) { results[result.index] = std::move(result); },
      options, ctx);
  return results;
}

}  // namespace twilio::supersim::v1
