// The fake server's reading of a GET /v1/UsageRecords query string: decoding, Twilio's
// parameter names and constraints, RFC 3339 date-times, and the page a request asks for.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "date_include.hpp"
#include "twilio/testing/fake_supersim_server.hpp"

namespace twilio::test_support::fake {

/// Decoded query parameters, in the order they were sent.
using QueryParams = std::vector<std::pair<std::string, std::string>>;

/// Splits `raw` on '&' and '=' and decodes each part ('+' is a space, %XX a byte; a malformed
/// escape is kept as it is).
QueryParams ParseQueryString(std::string_view raw);

/// The first value of `name` (case-sensitive).
std::optional<std::string> FirstParam(const QueryParams& params, const std::string& name);

enum class Granularity { kHour, kDay, kAll };
enum class GroupBy { kNone, kSim, kFleet, kNetwork, kIsoCountry };

inline constexpr int64_t kDefaultPageSize = 50;
inline constexpr int64_t kMaxPageSize = 1000;

/// A validated request. Filter values are kept as received; times are UTC, whole seconds.
struct UsageQuery {
  std::optional<std::string> sim;
  std::optional<std::string> fleet;
  std::optional<std::string> network;
  std::optional<std::string> iso_country;  // upper case
  std::optional<std::string> group_text;
  GroupBy group = GroupBy::kNone;
  std::optional<std::string> granularity_text;
  Granularity granularity = Granularity::kAll;
  std::optional<date::sys_seconds> start_time;
  std::optional<date::sys_seconds> end_time;
  /// The requested window: the times given, else Twilio's defaults: EndTime now, StartTime one
  /// month before EndTime.
  date::sys_seconds window_start;
  date::sys_seconds window_end;
  /// The "now" an unset EndTime stood for, carried in the listing's page tokens so that every
  /// page of it has the same window however the clock moves; unset when EndTime was given.
  std::optional<date::sys_seconds> anchor;
  int64_t page_size = kDefaultPageSize;
  int64_t page = 0;  // the Page parameter
  std::optional<std::string> page_token;
  /// The first record of the page: from PageToken when given, else page * page_size
  /// (saturating).
  int64_t offset = 0;
  /// The page number this request is for: offset / page_size.
  int64_t page_index = 0;
};

/// A 400 answer: "Invalid <Name>: <why>".
struct QueryError {
  std::string message;
};

/// Validates `params` as Twilio does; unknown names are ignored, a repeated name counts once
/// (its first value). An unset EndTime is `now` (or the now a PageToken carries).
std::variant<UsageQuery, QueryError> ParseUsageQuery(const QueryParams& params,
                                                     date::sys_seconds now);

/// The same calendar time one month earlier, the day clamped to that month's last
/// (2026-03-31T10:00:00Z -> 2026-02-28T10:00:00Z): the fake server's reading of Twilio's
/// "one month before the EndTime", which Twilio does not define further.
date::sys_seconds OneMonthBefore(date::sys_seconds time);

/// The page index a request is for, read leniently (invalid values fall back to the defaults),
/// so that faults and the request log can key on it even when the request is rejected.
int64_t LenientPageIndex(const QueryParams& params);

/// What a page token names: a record offset, and the listing's anchored "now", if any.
struct PageToken {
  int64_t offset = 0;
  std::optional<date::sys_seconds> anchor;
};
/// "PAo<offset>" (next) or "PBo<offset>" (previous), with "n<unix seconds>" after it for an
/// anchored listing.
std::string MakePageToken(bool previous, int64_t offset,
                          std::optional<date::sys_seconds> anchor = std::nullopt);
std::optional<PageToken> ParsePageToken(const std::string& token);

/// RFC 3339: YYYY-MM-DDTHH:MM:SS[.fraction](Z|+hh:mm|-hh:mm), 'T' and 'Z' in either case, up
/// to 9 fraction digits. Rounded down to whole seconds.
std::optional<date::sys_seconds> ParseRfc3339(const std::string& text);
/// YYYY-MM-DDTHH:MM:SSZ.
std::string FormatUtc(date::sys_seconds time);

}  // namespace twilio::test_support::fake
