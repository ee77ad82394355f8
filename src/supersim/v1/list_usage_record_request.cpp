#include "twilio/supersim/v1/list_usage_record_request.hpp"

#include <algorithm>
#include <chrono>

#include "message_text.hpp"
#include "twilio/errors.hpp"

namespace twilio::supersim::v1 {
namespace {

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool IsAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool IsNetworkSid(const std::string& value) {
  return value.size() == 34 && value[0] == 'H' && value[1] == 'W' &&
         std::all_of(value.begin() + 2, value.end(), IsHex);
}

void Append(std::string& query, std::string_view name, std::string_view value) {
  if (!query.empty()) query += '&';
  query += name;
  query += '=';
  query += PercentEncode(value);
}

}  // namespace

void ValidateListUsageRecordParams(const ListUsageRecordParams& params) {
  if (params.Sim && params.Sim->empty()) throw ValidationException("Sim", "must not be empty");
  if (params.Fleet && params.Fleet->empty())
    throw ValidationException("Fleet", "must not be empty");
  if (params.Network && !IsNetworkSid(*params.Network)) {
    throw ValidationException("Network",
                              "must be a Network SID: HW followed by 32 hex digits, got " +
                                  twilio::internal::QuotedValue(*params.Network));
  }
  if (params.IsoCountry && !(params.IsoCountry->size() == 2 && IsAlpha((*params.IsoCountry)[0]) &&
                             IsAlpha((*params.IsoCountry)[1]))) {
    throw ValidationException("IsoCountry", "must be a two-letter ISO 3166-1 alpha-2 code, got " +
                                                twilio::internal::QuotedValue(*params.IsoCountry));
  }
  // Compared as sent: whole seconds.
  if (params.StartTime && params.EndTime &&
      !(UnixSeconds(*params.StartTime) < UnixSeconds(*params.EndTime))) {
    throw ValidationException("StartTime", "must be before EndTime (compared in whole seconds)");
  }
  if (params.PageSize && (*params.PageSize < 1 || *params.PageSize > kMaxPageSize)) {
    throw ValidationException(
        "PageSize", "must be between 1 and 1000, got " + std::to_string(*params.PageSize));
  }
  if (params.Limit && *params.Limit < 1) {
    throw ValidationException("Limit", "must be at least 1, got " + std::to_string(*params.Limit));
  }
}

int EffectivePageSize(const ListUsageRecordParams& params) {
  if (params.PageSize && params.Limit) {
    return static_cast<int>(std::min<int64_t>(*params.PageSize, *params.Limit));
  }
  if (params.PageSize) return *params.PageSize;
  if (params.Limit) return static_cast<int>(std::min<int64_t>(*params.Limit, kMaxPageSize));
  return kDefaultPageSize;
}

std::string PercentEncode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if (IsAlpha(c) || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0x0F];
    }
  }
  return out;
}

std::string BuildListUsageRecordQuery(const ListUsageRecordParams& params,
                                      std::optional<int64_t> page,
                                      const std::optional<std::string>& page_token) {
  ValidateListUsageRecordParams(params);
  if (page && *page < 0) throw ValidationException("Page", "must not be negative");
  std::string query;
  if (params.Sim) Append(query, "Sim", *params.Sim);
  if (params.Fleet) Append(query, "Fleet", *params.Fleet);
  if (params.Network) Append(query, "Network", *params.Network);
  if (params.IsoCountry) Append(query, "IsoCountry", *params.IsoCountry);
  if (params.Group) Append(query, "Group", ToString(*params.Group));
  if (params.Granularity) Append(query, "Granularity", ToString(*params.Granularity));
  if (params.StartTime) Append(query, "StartTime", FormatRfc3339Utc(*params.StartTime));
  if (params.EndTime) Append(query, "EndTime", FormatRfc3339Utc(*params.EndTime));
  Append(query, "PageSize", std::to_string(EffectivePageSize(params)));
  if (page) Append(query, "Page", std::to_string(*page));
  if (page_token) Append(query, "PageToken", *page_token);
  return query;
}

}  // namespace twilio::supersim::v1
