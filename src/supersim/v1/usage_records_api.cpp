#include "twilio/supersim/v1/usage_records_api.hpp"

#include <algorithm>

#include "supersim/v1/api_core.hpp"
#include "supersim/v1/traced_source.hpp"
#include "twilio/http/curl_http_client.hpp"

namespace twilio::supersim::v1 {

UsageRecordsApi::UsageRecordsApi(const ClientConfig& config)
    : UsageRecordsApi(config, std::make_shared<http::CurlHttpClient>(config)) {}

UsageRecordsApi::UsageRecordsApi(ClientConfig config, std::shared_ptr<http::HttpClient> client)
    : core_(std::make_shared<internal::ApiCore>(std::move(config), std::move(client))) {}

ListUsageRecordResponse UsageRecordsApi::ListUsageRecord(const ListUsageRecordParams& params,
                                                         const CallContext& ctx,
                                                         const ListingOptions& options) const {
  internal::TracedSource pager(core_, params, ctx, PlanListing(params, options));
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
  all.request_id = pager.LastRequestId();
  all.stats = pager.Stats();
  return all;
}

UsageRecordStream UsageRecordsApi::StreamUsageRecord(const ListUsageRecordParams& params,
                                                     const CallContext& ctx,
                                                     const ListingOptions& options) const {
  ListingPlan plan = PlanListing(params, options);
  auto source = std::make_shared<internal::TracedSource>(core_, params, ctx, plan);
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
