#include "twilio/supersim/v1/usage_records_api.hpp"

#include <algorithm>

#include "supersim/v1/api_core.hpp"
#include "supersim/v1/sliced_listing.hpp"
#include "supersim/v1/usage_record_pager.hpp"
#include "twilio/http/curl_http_client.hpp"

namespace twilio::supersim::v1 {

UsageRecordsApi::UsageRecordsApi(ClientConfig config)
    : UsageRecordsApi(config, std::make_shared<http::CurlHttpClient>(config)) {}

UsageRecordsApi::UsageRecordsApi(ClientConfig config, std::shared_ptr<http::HttpClient> client)
    : core_(std::make_shared<internal::ApiCore>(std::move(config), std::move(client))) {}

namespace {

// The source a listing reads: one sequential listing, or its time slices when the plan splits
// it.
std::shared_ptr<internal::RecordSource> MakeSource(
    const std::shared_ptr<const internal::ApiCore>& core, const ListUsageRecordParams& params,
    const CallContext& ctx, const ListingPlan& plan) {
  if (plan.Parallel()) {
    std::string unused;
    return std::make_shared<internal::SlicedListing>(
        core, params, ctx, *internal::FrameOf(params, unused), plan.concurrency);
  }
  return std::make_shared<internal::UsageRecordPager>(core, params, ctx);
}

}  // namespace

ListUsageRecordResponse UsageRecordsApi::ListUsageRecord(const ListUsageRecordParams& params,
                                                         const CallContext& ctx,
                                                         const ListingOptions& options) const {
  const std::shared_ptr<internal::RecordSource> source =
      MakeSource(core_, params, ctx, PlanListing(params, options));
  internal::RecordSource& pager = *source;
  ListUsageRecordResponse all;
  auto& records = all.usage_records;
  // Room for the records Limit allows, up to a bound: growing by doubling would move every
  // record listed so far and fault in twice the memory. Room never written costs no memory.
  constexpr std::size_t kMostReserved = std::size_t{1} << 20;
  if (params.Limit)
    records.reserve(std::min(static_cast<std::size_t>(*params.Limit), kMostReserved));
  while (SupersimV1UsageRecord* record = pager.Next()) records.push_back(std::move(*record));
  // Give back a reservation the listing fell far short of.
  constexpr std::size_t kMostUnusedBytes = std::size_t{64} << 20;
  if ((records.capacity() - records.size()) * sizeof(SupersimV1UsageRecord) > kMostUnusedBytes) {
    records.shrink_to_fit();
  }
  all.meta = pager.LastMeta();
  return all;
}

UsageRecordStream UsageRecordsApi::StreamUsageRecord(const ListUsageRecordParams& params,
                                                     const CallContext& ctx,
                                                     const ListingOptions& options) const {
  ListingPlan plan = PlanListing(params, options);
  auto source = MakeSource(core_, params, ctx, plan);
  return UsageRecordStream(std::move(source), std::move(plan));
}

ListUsageRecordResponse UsageRecordsApi::PageUsageRecord(
    const ListUsageRecordParams& params, const std::optional<std::string>& page_token,
    std::optional<int64_t> page_number, const CallContext& ctx) const {
  return core_->Fetch(core_->ListUrl(params, page_number, page_token), ctx);
}

std::optional<ListUsageRecordResponse> UsageRecordsApi::NextPageUsageRecord(
    const ListUsageRecordResponse& page, const CallContext& ctx) const {
  const auto& next = page.meta.next_page_url;
  if (!next || next->empty()) return std::nullopt;
  return core_->Fetch(core_->FollowableUrl(*next), ctx);
}

}  // namespace twilio::supersim::v1
