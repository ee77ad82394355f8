#include "stream_listing.hpp"

#include <ostream>

#include "twilio/supersim/v1/list_usage_record_request.hpp"

namespace supersim_usage {

int64_t StreamListing(const twilio::supersim::v1::UsageRecordsApi& api,
                      const twilio::supersim::v1::ListUsageRecordParams& params,
                      const twilio::supersim::v1::ListingOptions& listing,
                      const twilio::CallContext& ctx, RecordWriter& writer, std::ostream& out,
                      ListingObserver* observer) {
  // Validates params: nothing is sent if they are bad.
  auto stream = api.StreamUsageRecord(params, ctx, listing);
  auto it = stream.begin();  // the first page
  // Retries are read from the listing's counts when a page arrived, not for every record.
  std::size_t pages = stream.PagesFetched();
  std::size_t retries = stream.Stats().retries;
  if (observer) observer->OnRecord(0, pages, retries);
  writer.Begin();
  // A page ends after this many records (every page but the last is full), so flushing then
  // gets a page out before the next one is requested.
  const int64_t page_size = twilio::supersim::v1::EffectivePageSize(params);
  int64_t written = 0;
  for (; it != stream.end(); ++it) {
    writer.Write(*it);
    ++written;
    if (observer) {
      if (stream.PagesFetched() != pages) {
        pages = stream.PagesFetched();
        retries = stream.Stats().retries;
      }
      observer->OnRecord(written, pages, retries);
    }
    if (written % page_size == 0) out.flush();
    if (!out) return written;  // stdout failed: fetching more pages would be wasted
  }
  // A signal that came after the last page still means "stop": no summary, no chart, no file.
  ctx.ThrowIfDone();
  if (observer) observer->OnComplete();
  writer.End();
  out.flush();
  return written;
}

}  // namespace supersim_usage
