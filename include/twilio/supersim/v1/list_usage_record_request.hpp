/// \file
/// Pure functions from ListUsageRecordParams to what goes on the wire: validation, the page size
/// rule, and the query string. No I/O, so each is testable without a socket.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "twilio/export.hpp"
#include "twilio/supersim/v1/list_usage_record_params.hpp"

namespace twilio::supersim::v1 {

/// The path of the endpoint, appended to the configured base URL.
inline constexpr std::string_view kUsageRecordsPath = "/v1/UsageRecords";
/// Twilio's largest page.
inline constexpr int kMaxPageSize = 1000;
/// The page size Twilio uses when none is asked for.
inline constexpr int kDefaultPageSize = 50;

/// Throws ValidationException naming the first unusable parameter, checked in this order: an
/// empty Sim or Fleet, a Network that is not `HW` + 32 hex digits, an IsoCountry that is not
/// two letters, StartTime not before EndTime, PageSize outside 1..1000, Limit < 1.
TWILIO_SUPERSIM_EXPORT void ValidateListUsageRecordParams(const ListUsageRecordParams& params);

/// The PageSize to send (twilio-go's rule): neither set -> 50; only Limit -> min(Limit, 1000);
/// only PageSize -> PageSize; both -> min(PageSize, Limit).
TWILIO_SUPERSIM_EXPORT int EffectivePageSize(const ListUsageRecordParams& params);

/// Percent-encodes every byte outside RFC 3986's unreserved set, in upper-case hex.
TWILIO_SUPERSIM_EXPORT std::string PercentEncode(std::string_view value);

/// The query string (without '?') for one page: Sim, Fleet, Network, IsoCountry, Group,
/// Granularity, StartTime, EndTime, PageSize, Page, PageToken, in that order, only those set.
/// Validates `params` first.
TWILIO_SUPERSIM_EXPORT std::string BuildListUsageRecordQuery(
    const ListUsageRecordParams& params, std::optional<int64_t> page = std::nullopt,
    const std::optional<std::string>& page_token = std::nullopt);

}  // namespace twilio::supersim::v1
