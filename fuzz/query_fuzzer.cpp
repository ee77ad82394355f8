// Fuzz target: ValidateListUsageRecordParams and BuildListUsageRecordQuery.
//
// The input is text, one parameter a line, `Name=value` (see fuzz/corpus/query/ and
// fuzz/README.md): Sim, Fleet, Network, IsoCountry and PageToken take the rest of the line (with
// `\xHH` for any byte, so a value can hold a newline); Group and Granularity a wire name or an
// index; StartTime and EndTime an RFC 3339 time or nanoseconds since the epoch; PageSize, Limit
// and Page an integer. Other lines are ignored; a later line wins.
//
// Invariants: only twilio::ValidationException is thrown, and exactly when an independent
// reading of the documented rules finds a bad parameter (the first one, in the documented order,
// is the one named); on success every byte of the query is unreserved, '%', '=' or '&', the
// names come in the documented order, PageSize is EffectivePageSize (twilio-go's rule), and
// percent-decoding each value gives back what was set (for a time, UTC in whole seconds, computed
// independently of the library).
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fuzz_check.hpp"
#include "twilio/errors.hpp"
#include "twilio/supersim/v1/list_usage_record_request.hpp"

namespace {

namespace v1 = twilio::supersim::v1;
using twilio::TimePoint;

struct Input {
  v1::ListUsageRecordParams params;
  std::optional<int64_t> page;
  std::optional<std::string> page_token;
};

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// `\xHH` is the byte HH; every other byte stands for itself.
std::string Unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 3 < s.size() && s[i + 1] == 'x' && HexValue(s[i + 2]) >= 0 &&
        HexValue(s[i + 3]) >= 0) {
      out += static_cast<char>(HexValue(s[i + 2]) * 16 + HexValue(s[i + 3]));
      i += 3;
    } else {
      out += s[i];
    }
  }
  return out;
}

template <typename Int>
std::optional<Int> ParseInt(std::string_view s) {
  Int value{};
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

std::optional<TimePoint> ParseTime(std::string_view s) {
  if (auto nanos = ParseInt<TimePoint::rep>(s)) return TimePoint(TimePoint::duration(*nanos));
  try {
    return twilio::ParseRfc3339(s);
  } catch (const std::invalid_argument&) {
    return std::nullopt;  // not a time: the parameter stays unset
  }
}

template <typename Enum>
std::optional<Enum> ParseEnum(std::string_view s, std::optional<Enum> (*by_name)(std::string_view),
                              int count) {
  if (auto e = by_name(s)) return e;
  if (auto index = ParseInt<unsigned>(s)) return static_cast<Enum>(*index % count);
  return std::nullopt;
}

Input Decode(std::string_view text) {
  Input in;
  v1::ListUsageRecordParams& p = in.params;
  while (!text.empty()) {
    std::size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view name = line.substr(0, eq);
    std::string_view value = line.substr(eq + 1);
    if (name == "Sim") {
      p.Sim = Unescape(value);
    } else if (name == "Fleet") {
      p.Fleet = Unescape(value);
    } else if (name == "Network") {
      p.Network = Unescape(value);
    } else if (name == "IsoCountry") {
      p.IsoCountry = Unescape(value);
    } else if (name == "Group") {
      p.Group = ParseEnum<v1::Group>(value, &v1::ParseGroup, 4);
    } else if (name == "Granularity") {
      p.Granularity = ParseEnum<v1::Granularity>(value, &v1::ParseGranularity, 3);
    } else if (name == "StartTime") {
      p.StartTime = ParseTime(value);
    } else if (name == "EndTime") {
      p.EndTime = ParseTime(value);
    } else if (name == "PageSize") {
      p.PageSize = ParseInt<int>(value);
    } else if (name == "Limit") {
      p.Limit = ParseInt<int64_t>(value);
    } else if (name == "Page") {
      in.page = ParseInt<int64_t>(value);
    } else if (name == "PageToken") {
      in.page_token = Unescape(value);
    }
  }
  return in;
}

bool IsHexDigit(char c) {
  return HexValue(c) >= 0;
}
bool IsAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsUnreserved(char c) {
  return IsAlpha(c) || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
}

// Whole seconds since the epoch, rounded toward the past, for any TimePoint.
int64_t UnixSeconds(TimePoint time) {
  using Duration = TimePoint::duration;
  static_assert(Duration::period::num == 1, "a clock tick of at most one second");
  constexpr int64_t kTicksPerSecond = Duration::period::den;
  const int64_t ticks = time.time_since_epoch().count();
  return ticks / kTicksPerSecond - (ticks % kTicksPerSecond < 0 ? 1 : 0);
}

// What must be sent for a time: `YYYY-MM-DDTHH:MM:SSZ` in UTC, whole seconds rounded toward the
// past; computed here without the library (Howard Hinnant's civil_from_days).
std::string ExpectedTimeText(TimePoint time) {
  const int64_t seconds = UnixSeconds(time);
  const int64_t days = seconds / 86400 - (seconds % 86400 < 0 ? 1 : 0);
  const int64_t second_of_day = seconds - days * 86400;
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  char text[64];
  std::snprintf(text, sizeof text, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ",
                static_cast<long long>(year), static_cast<long long>(month),
                static_cast<long long>(day), static_cast<long long>(second_of_day / 3600),
                static_cast<long long>(second_of_day / 60 % 60),
                static_cast<long long>(second_of_day % 60));
  return text;
}

// The documented rules, written out again: the first bad parameter, in the documented order.
std::optional<std::string> FirstInvalid(const Input& in) {
  const v1::ListUsageRecordParams& p = in.params;
  if (p.Sim && p.Sim->empty()) return "Sim";
  if (p.Fleet && p.Fleet->empty()) return "Fleet";
  if (p.Network) {
    const std::string& n = *p.Network;
    bool ok = n.size() == 34 && n.compare(0, 2, "HW") == 0;
    for (std::size_t i = 2; ok && i < n.size(); ++i) ok = IsHexDigit(n[i]);
    if (!ok) return "Network";
  }
  if (p.IsoCountry &&
      !(p.IsoCountry->size() == 2 && IsAlpha((*p.IsoCountry)[0]) && IsAlpha((*p.IsoCountry)[1]))) {
    return "IsoCountry";
  }
  if (p.StartTime && p.EndTime && UnixSeconds(*p.StartTime) >= UnixSeconds(*p.EndTime)) {
    return "StartTime";
  }
  if (p.PageSize && (*p.PageSize < 1 || *p.PageSize > 1000)) return "PageSize";
  if (p.Limit && *p.Limit < 1) return "Limit";
  if (in.page && *in.page < 0) return "Page";
  return std::nullopt;
}

// twilio-go's rule: neither -> 50; only Limit -> min(Limit, 1000); only PageSize -> PageSize;
// both -> min(PageSize, Limit).
int64_t ExpectedPageSize(const v1::ListUsageRecordParams& p) {
  if (p.PageSize && p.Limit) return std::min<int64_t>(*p.PageSize, *p.Limit);
  if (p.PageSize) return *p.PageSize;
  if (p.Limit) return std::min<int64_t>(*p.Limit, 1000);
  return 50;
}

std::string PercentDecode(std::string_view s, const std::string& query) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    FUZZ_CHECK(i + 2 < s.size() && IsHexDigit(s[i + 1]) && IsHexDigit(s[i + 2]),
               "a '%' without two hex digits in " + query);
    char decoded = static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
    FUZZ_CHECK(!IsUnreserved(decoded), "an unreserved byte was percent-encoded in " + query);
    FUZZ_CHECK(HexValue(s[i + 1]) < 10 || (s[i + 1] >= 'A' && s[i + 1] <= 'F'),
               "lower-case hex in " + query);
    FUZZ_CHECK(HexValue(s[i + 2]) < 10 || (s[i + 2] >= 'A' && s[i + 2] <= 'F'),
               "lower-case hex in " + query);
    out += decoded;
    i += 2;
  }
  return out;
}

void CheckQuery(const Input& in, const std::string& query) {
  const v1::ListUsageRecordParams& p = in.params;
  for (char c : query) {
    FUZZ_CHECK(IsUnreserved(c) || c == '%' || c == '=' || c == '&',
               "byte " + std::to_string(static_cast<unsigned char>(c)) + " in " + query);
  }

  // What must be sent, in the documented order.
  std::vector<std::pair<std::string, std::string>> expected;
  if (p.Sim) expected.emplace_back("Sim", *p.Sim);
  if (p.Fleet) expected.emplace_back("Fleet", *p.Fleet);
  if (p.Network) expected.emplace_back("Network", *p.Network);
  if (p.IsoCountry) expected.emplace_back("IsoCountry", *p.IsoCountry);
  if (p.Group) expected.emplace_back("Group", std::string(v1::ToString(*p.Group)));
  if (p.Granularity) {
    expected.emplace_back("Granularity", std::string(v1::ToString(*p.Granularity)));
  }
  if (p.StartTime) expected.emplace_back("StartTime", ExpectedTimeText(*p.StartTime));
  if (p.EndTime) expected.emplace_back("EndTime", ExpectedTimeText(*p.EndTime));
  const int64_t page_size = ExpectedPageSize(p);
  const int effective = v1::EffectivePageSize(p);
  FUZZ_CHECK(effective == page_size, "EffectivePageSize " + std::to_string(effective) +
                                         ", expected " + std::to_string(page_size));
  FUZZ_CHECK(page_size >= 1 && page_size <= v1::kMaxPageSize && (!p.Limit || page_size <= *p.Limit),
             "PageSize " + std::to_string(page_size) + " out of range");
  expected.emplace_back("PageSize", std::to_string(page_size));
  if (in.page) expected.emplace_back("Page", std::to_string(*in.page));
  if (in.page_token) expected.emplace_back("PageToken", *in.page_token);

  std::size_t index = 0;
  std::string_view rest = query;
  while (true) {
    std::size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    std::size_t eq = pair.find('=');
    FUZZ_CHECK(eq != std::string_view::npos && pair.find('=', eq + 1) == std::string_view::npos,
               "not one name=value pair: " + std::string(pair) + " in " + query);
    FUZZ_CHECK(index < expected.size(), "more pairs than parameters set in " + query);
    const auto& [name, value] = expected[index];
    FUZZ_CHECK(pair.substr(0, eq) == name,
               "pair " + std::to_string(index) + " should be " + name + " in " + query);
    std::string decoded = PercentDecode(pair.substr(eq + 1), query);
    FUZZ_CHECK(decoded == value, name + " decodes to something else than was set in " + query);
    ++index;
    if (amp == std::string_view::npos) break;
    rest = rest.substr(amp + 1);
  }
  FUZZ_CHECK(index == expected.size(), "a parameter is missing from " + query);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Input in = Decode(std::string_view(reinterpret_cast<const char*>(data), size));
  const std::optional<std::string> invalid = FirstInvalid(in);
  std::string query;
  try {
    query = v1::BuildListUsageRecordQuery(in.params, in.page, in.page_token);
  } catch (const twilio::ValidationException& e) {
    FUZZ_CHECK(invalid.has_value(), "rejected valid parameters: " + std::string(e.what()));
    FUZZ_CHECK(e.Parameter() == *invalid,
               "named " + e.Parameter() + " first, expected " + *invalid + ": " + e.what());
    return 0;
  } catch (...) {
    FUZZ_CHECK(false, twilio::fuzz::DescribeCurrentException());
  }
  FUZZ_CHECK(!invalid.has_value(), "accepted an invalid " + invalid.value_or(""));
  CheckQuery(in, query);
  return 0;
}
