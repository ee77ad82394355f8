// Internal: a listing as the API hands it out: its record source (one sequential listing or its
// time slices) with the trace that counts it and logs its end, whichever way it ends: the last
// page, Limit, an error, or the caller letting go of it first.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "listing_trace.hpp"
#include "supersim/v1/api_core.hpp"
#include "supersim/v1/record_source.hpp"
#include "twilio/supersim/v1/listing_options.hpp"

namespace twilio::supersim::v1::internal {

class TracedSource : public RecordSource {
 public:
  /// Opens the listing `plan` says (sequential or sliced); nothing is sent yet. Validates
  /// `params`.
  TracedSource(const std::shared_ptr<const ApiCore>& core, const ListUsageRecordParams& params,
               const CallContext& ctx, const ListingPlan& plan);
  /// Logs a listing given up before its end as stopped.
  ~TracedSource() override;
  TracedSource(const TracedSource&) = delete;
  TracedSource& operator=(const TracedSource&) = delete;

  SupersimV1UsageRecord* Next() override;
  SupersimV1UsageRecord* Current() const noexcept override { return inner_->Current(); }
  std::size_t PagesFetched() const noexcept override { return inner_->PagesFetched(); }
  const ListUsageRecordResponseMeta& LastMeta() const noexcept override {
    return inner_->LastMeta();
  }
  std::optional<std::string> LastRequestId() const override { return inner_->LastRequestId(); }
  /// From the thread reading the records (the record count is that thread's).
  ListingStats Stats() const override { return trace_->Stats(records_); }

 private:
  // Declared first, destroyed last: the source's threads report to it until they are joined.
  const std::shared_ptr<twilio::internal::ListingTrace> trace_;
  const std::optional<int64_t> limit_;
  std::unique_ptr<RecordSource> inner_;
  std::size_t records_ = 0;
};

}  // namespace twilio::supersim::v1::internal
