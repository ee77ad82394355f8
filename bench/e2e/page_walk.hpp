// The URLs of every page a listing fetches, found by walking it page by page (untimed), for the
// curl run to fetch the very same pages.
#pragma once

#include <string>
#include <vector>

#include "e2e/record_digest.hpp"
#include "twilio/supersim/v1/usage_records_api.hpp"

namespace twilio::bench {

struct PageWalk {
  std::vector<std::string> urls;
  /// Of the first params.Limit records: a second, page-by-page reading of the listing.
  RecordDigest digest;
};

/// `base_url` must be the one `api` was configured with. Follows meta.next_page_url with
/// NextPageUsageRecord until params.Limit records were seen or the listing ends.
PageWalk WalkPages(const supersim::v1::UsageRecordsApi& api,
                   const supersim::v1::ListUsageRecordParams& params, const std::string& base_url);

}  // namespace twilio::bench
