// The fake server's JSON: one page of a listing with Twilio's meta block and absolute paging
// URLs, the billed amount as an exact decimal, and Twilio-shaped error bodies.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "testing/fake_usage_listing.hpp"
#include "testing/fake_usage_query.hpp"
#include "twilio/testing/fake_supersim_server.hpp"

namespace twilio::test_support::fake {

/// Every byte outside A-Z a-z 0-9 - . _ ~ as %XX (upper-case hex).
std::string PercentEncode(std::string_view text);

/// data_total * $0.0000001 (i.e. $0.10 per MB) as a plain decimal: "0.03", "1.2345678", "0".
std::string FormatUsd(int64_t data_total);

/// base_url + "/v1/UsageRecords?" + the query's filters (Sim, Fleet, Network, IsoCountry,
/// Group, Granularity, StartTime, EndTime, as given) + PageSize, Page and PageToken.
std::string ListUrl(const std::string& base_url, const UsageQuery& query, int64_t page,
                    const std::optional<std::string>& page_token);

/// {"usage_records":[...],"meta":{...}} for the page `query` asks for. `next_page_url`, when
/// set, replaces meta.next_page_url (even on the last page). `without_records` leaves the
/// records array empty and keeps the meta as it is.
std::string RenderPage(const UsageListing& listing, const UsageQuery& query,
                       const FakeDataSet& data, const std::string& base_url,
                       const std::optional<std::string>& next_page_url,
                       bool without_records = false);

/// {"code":...,"message":...,"more_info":"https://www.twilio.com/docs/errors/<code>","status":...}
std::string TwilioErrorBody(int code, const std::string& message, int status);

}  // namespace twilio::test_support::fake
