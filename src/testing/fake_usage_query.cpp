#include "testing/fake_usage_query.hpp"

#include <limits>
#include <regex>
#include <sstream>

#include "testing/fake_http_request.hpp"

namespace twilio::test_support::fake {
namespace {

// A non-negative decimal integer made of ASCII digits only, without overflow.
std::optional<int64_t> ParseNonNegative(const std::string& text) {
  if (text.empty()) return std::nullopt;
  int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    const int digit = c - '0';
    if (value > (std::numeric_limits<int64_t>::max() - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

std::string Quoted(const std::string& value) {
  return "'" + value + "'";
}

QueryError Invalid(const std::string& name, const std::string& why) {
  return QueryError{"Invalid " + name + ": " + why};
}

bool IsAsciiLetter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// Reads the optional parameter `name`; an empty value is an error, as Twilio has no meaning
// for it in any of these parameters.
std::optional<QueryError> ReadText(const QueryParams& params, const std::string& name,
                                   std::optional<std::string>& out) {
  out = FirstParam(params, name);
  if (out && out->empty()) return Invalid(name, "must not be empty");
  return std::nullopt;
}

std::optional<QueryError> ReadTime(const QueryParams& params, const std::string& name,
                                   std::optional<date::sys_seconds>& out) {
  const auto text = FirstParam(params, name);
  if (!text) return std::nullopt;
  out = ParseRfc3339(*text);
  if (!out) {
    return Invalid(
        name, "must be an RFC 3339 date-time such as 2026-01-01T00:00:00Z, got " + Quoted(*text));
  }
  return std::nullopt;
}

std::optional<QueryError> ReadFilters(const QueryParams& params, UsageQuery& query) {
  if (auto error = ReadText(params, "Sim", query.sim)) return error;
  if (auto error = ReadText(params, "Fleet", query.fleet)) return error;
  if (auto error = ReadText(params, "Network", query.network)) return error;
  if (query.network) {
    static const std::regex kNetworkSid("^HW[0-9a-fA-F]{32}$");
    if (!std::regex_match(*query.network, kNetworkSid)) {
      return Invalid("Network", "must match ^HW[0-9a-fA-F]{32}$, got " + Quoted(*query.network));
    }
  }
  if (auto error = ReadText(params, "IsoCountry", query.iso_country)) return error;
  if (query.iso_country) {
    std::string& country = *query.iso_country;
    if (country.size() != 2 || !IsAsciiLetter(country[0]) || !IsAsciiLetter(country[1])) {
      return Invalid("IsoCountry", "must be an ISO 3166-1 alpha-2 code, got " + Quoted(country));
    }
    for (char& c : country) c = static_cast<char>(c >= 'a' ? c - ('a' - 'A') : c);
  }
  return std::nullopt;
}

std::optional<QueryError> ReadEnums(const QueryParams& params, UsageQuery& query) {
  query.group_text = FirstParam(params, "Group");
  if (query.group_text) {
    const std::string& group = *query.group_text;
    if (group == "sim") {
      query.group = GroupBy::kSim;
    } else if (group == "fleet") {
      query.group = GroupBy::kFleet;
    } else if (group == "network") {
      query.group = GroupBy::kNetwork;
    } else if (group == "isoCountry") {
      query.group = GroupBy::kIsoCountry;
    } else {
      return Invalid("Group",
                     "must be one of sim, fleet, network, isoCountry, got " + Quoted(group));
    }
  }
  query.granularity_text = FirstParam(params, "Granularity");
  if (query.granularity_text) {
    const std::string& granularity = *query.granularity_text;
    if (granularity == "hour") {
      query.granularity = Granularity::kHour;
    } else if (granularity == "day") {
      query.granularity = Granularity::kDay;
    } else if (granularity == "all") {
      query.granularity = Granularity::kAll;
    } else {
      return Invalid("Granularity", "must be one of hour, day, all, got " + Quoted(granularity));
    }
  }
  return std::nullopt;
}

std::optional<QueryError> ReadPaging(const QueryParams& params, UsageQuery& query) {
  if (const auto text = FirstParam(params, "PageSize")) {
    const auto size = ParseNonNegative(*text);
    if (!size || *size < 1 || *size > kMaxPageSize) {
      return Invalid("PageSize", "must be an integer from 1 to 1000, got " + Quoted(*text));
    }
    query.page_size = *size;
  }
  if (const auto text = FirstParam(params, "Page")) {
    const auto page = ParseNonNegative(*text);
    if (!page) return Invalid("Page", "must be an integer of at least 0, got " + Quoted(*text));
    query.page = *page;
  }
  query.page_token = FirstParam(params, "PageToken");
  if (query.page_token) {
    const auto token = ParsePageToken(*query.page_token);
    if (!token) {
      return Invalid("PageToken",
                     "not a page token this server issued: " + Quoted(*query.page_token));
    }
    query.offset = token->offset;
    query.anchor = token->anchor;
    query.page_index = query.offset / query.page_size;
  } else {
    const bool overflows = query.page > std::numeric_limits<int64_t>::max() / query.page_size;
    query.offset = overflows ? std::numeric_limits<int64_t>::max() : query.page * query.page_size;
    query.page_index = query.page;
  }
  return std::nullopt;
}

}  // namespace

QueryParams ParseQueryString(std::string_view raw) {
  QueryParams params;
  std::size_t begin = 0;
  while (begin <= raw.size()) {
    std::size_t end = raw.find('&', begin);
    if (end == std::string_view::npos) end = raw.size();
    const std::string_view part = raw.substr(begin, end - begin);
    if (!part.empty()) {
      const std::size_t equals = part.find('=');
      if (equals == std::string_view::npos) {
        params.emplace_back(PercentDecode(part, /*plus_is_space=*/true), std::string());
      } else {
        params.emplace_back(PercentDecode(part.substr(0, equals), /*plus_is_space=*/true),
                            PercentDecode(part.substr(equals + 1), /*plus_is_space=*/true));
      }
    }
    begin = end + 1;
  }
  return params;
}

std::optional<std::string> FirstParam(const QueryParams& params, const std::string& name) {
  for (const auto& [key, value] : params) {
    if (key == name) return value;
  }
  return std::nullopt;
}

date::sys_seconds OneMonthBefore(date::sys_seconds time) {
  const auto day = date::floor<date::days>(time);
  const date::year_month_day date{day};
  const date::year_month earlier = date::year_month{date.year(), date.month()} - date::months{1};
  const date::year_month_day_last last{earlier.year(), date::month_day_last{earlier.month()}};
  const date::day clamped = std::min(date.day(), last.day());
  return date::sys_days{earlier.year() / earlier.month() / clamped} + (time - day);
}

std::variant<UsageQuery, QueryError> ParseUsageQuery(const QueryParams& params,
                                                     date::sys_seconds now) {
  UsageQuery query;
  if (auto error = ReadFilters(params, query)) return *error;
  if (auto error = ReadEnums(params, query)) return *error;
  if (auto error = ReadTime(params, "StartTime", query.start_time)) return *error;
  if (auto error = ReadTime(params, "EndTime", query.end_time)) return *error;
  if (auto error = ReadPaging(params, query)) return *error;
  // Twilio's defaults: EndTime is now, StartTime one month before the EndTime. The first page
  // of a listing fixes "now" for its later pages (in their PageToken).
  if (query.end_time) {
    query.anchor.reset();
  } else if (!query.anchor) {
    query.anchor = now;
  }
  query.window_end = query.end_time ? *query.end_time : *query.anchor;
  query.window_start = query.start_time.value_or(OneMonthBefore(query.window_end));
  if (query.window_start >= query.window_end) {
    return Invalid("StartTime", "must be before EndTime (" + FormatUtc(query.window_start) +
                                    " is not before " + FormatUtc(query.window_end) + ")");
  }
  return query;
}

int64_t LenientPageIndex(const QueryParams& params) {
  int64_t page_size = kDefaultPageSize;
  if (const auto text = FirstParam(params, "PageSize")) {
    const auto size = ParseNonNegative(*text);
    if (size && *size >= 1 && *size <= kMaxPageSize) page_size = *size;
  }
  if (const auto text = FirstParam(params, "PageToken")) {
    if (const auto token = ParsePageToken(*text)) return token->offset / page_size;
  }
  if (const auto text = FirstParam(params, "Page")) {
    if (const auto page = ParseNonNegative(*text)) return *page;
  }
  return 0;
}

std::string MakePageToken(bool previous, int64_t offset, std::optional<date::sys_seconds> anchor) {
  std::string token = std::string(previous ? "PBo" : "PAo") + std::to_string(offset);
  if (anchor) token += "n" + std::to_string(anchor->time_since_epoch().count());
  return token;
}

std::optional<PageToken> ParsePageToken(const std::string& text) {
  if (text.size() < 4 || text[0] != 'P' || (text[1] != 'A' && text[1] != 'B') || text[2] != 'o') {
    return std::nullopt;
  }
  const std::size_t n = text.find('n', 3);
  PageToken token;
  const auto offset = ParseNonNegative(text.substr(3, n == std::string::npos ? n : n - 3));
  if (!offset) return std::nullopt;
  token.offset = *offset;
  if (n != std::string::npos) {
    const auto seconds = ParseNonNegative(text.substr(n + 1));
    if (!seconds) return std::nullopt;
    token.anchor = date::sys_seconds(std::chrono::seconds(*seconds));
  }
  return token;
}

std::optional<date::sys_seconds> ParseRfc3339(const std::string& text) {
  static const std::regex kShape(
      "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?"
      "([Zz]|[+-][0-9]{2}:[0-9]{2})$");
  if (!std::regex_match(text, kShape)) return std::nullopt;
  std::string normalized = text;
  normalized[10] = 'T';
  const char last = normalized.back();
  if (last == 'Z' || last == 'z') normalized.replace(normalized.size() - 1, 1, "+00:00");
  std::istringstream in(normalized);
  date::sys_time<std::chrono::nanoseconds> time;
  in >> date::parse("%FT%T%Ez", time);
  if (in.fail() || in.peek() != std::char_traits<char>::eof()) return std::nullopt;
  return date::floor<std::chrono::seconds>(time);
}

std::string FormatUtc(date::sys_seconds time) {
  return date::format("%FT%TZ", time);
}

}  // namespace twilio::test_support::fake
