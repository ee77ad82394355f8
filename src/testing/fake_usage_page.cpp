#include "testing/fake_usage_page.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace twilio::test_support::fake {
namespace {

constexpr int64_t kUnitsPerDollar = 10000000;  // data_total bytes per USD

// A JSON string literal; invalid UTF-8 is replaced rather than thrown about.
std::string JsonString(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string JsonOptional(const std::optional<std::string>& text) {
  return text ? JsonString(*text) : std::string("null");
}

void AppendParam(std::string& url, const char* name, const std::string& value) {
  if (url.back() != '?') url += '&';
  url += name;
  url += '=';
  url += PercentEncode(value);
}

// Written field by field, not from the SDK's schema (usage_record_schema.hpp), on purpose: the
// fake server is the tests' oracle of the wire format, so a mistake in the schema must show up
// as a difference here, not be rendered back by it.
void AppendRecord(std::string& out, const FakeUsageRecord& record, const FakeDataSet& data) {
  const int64_t total = record.data_upload + record.data_download;
  const std::string billed = FormatUsd(total);
  out += "{\"period\":{\"start_time\":";
  out += JsonString(FormatUtc(record.period_start));
  out += ",\"end_time\":";
  out += JsonString(FormatUtc(record.period_end));
  out += "},\"account_sid\":";
  out += JsonString(data.account_sid);
  out += ",\"data_upload\":" + std::to_string(record.data_upload);
  out += ",\"data_download\":" + std::to_string(record.data_download);
  out += ",\"data_total\":" + std::to_string(total);
  out += ",\"data_total_billed\":";
  out += data.billed_as_number ? billed : JsonString(billed);
  out += ",\"billed_unit\":\"USD\",\"sim_sid\":";
  out += JsonOptional(record.sim_sid);
  out += ",\"fleet_sid\":";
  out += JsonOptional(record.fleet_sid);
  out += ",\"network_sid\":";
  out += JsonOptional(record.network_sid);
  out += ",\"iso_country\":";
  out += JsonOptional(record.iso_country);
  out += '}';
}

}  // namespace

std::string PercentEncode(std::string_view text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
        (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' || byte == '_' || byte == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0f];
    }
  }
  return out;
}

std::string FormatUsd(int64_t data_total) {
  std::string out = std::to_string(data_total / kUnitsPerDollar);
  int64_t fraction = data_total % kUnitsPerDollar;
  if (fraction == 0) return out;
  std::string digits = std::to_string(fraction);
  digits.insert(0, 7 - digits.size(), '0');
  digits.erase(digits.find_last_not_of('0') + 1);
  return out + "." + digits;
}

std::string ListUrl(const std::string& base_url, const UsageQuery& query, int64_t page,
                    const std::optional<std::string>& page_token) {
  std::string url = base_url + "/v1/UsageRecords?";
  if (query.sim) AppendParam(url, "Sim", *query.sim);
  if (query.fleet) AppendParam(url, "Fleet", *query.fleet);
  if (query.network) AppendParam(url, "Network", *query.network);
  if (query.iso_country) AppendParam(url, "IsoCountry", *query.iso_country);
  if (query.group_text) AppendParam(url, "Group", *query.group_text);
  if (query.granularity_text) AppendParam(url, "Granularity", *query.granularity_text);
  if (query.start_time) AppendParam(url, "StartTime", FormatUtc(*query.start_time));
  if (query.end_time) AppendParam(url, "EndTime", FormatUtc(*query.end_time));
  AppendParam(url, "PageSize", std::to_string(query.page_size));
  AppendParam(url, "Page", std::to_string(page));
  if (page_token) AppendParam(url, "PageToken", *page_token);
  return url;
}

std::string RenderPage(const UsageListing& listing, const UsageQuery& query,
                       const FakeDataSet& data, const std::string& base_url,
                       const std::optional<std::string>& next_page_url, bool without_records) {
  const int64_t size = listing.Size();
  const int64_t begin = std::min(query.offset, size);
  const int64_t end = without_records ? begin : begin + std::min(query.page_size, size - begin);

  std::string out = "{\"usage_records\":[";
  out.reserve(static_cast<std::size_t>(end - begin) * 420 + 1024);
  for (int64_t index = begin; index < end; ++index) {
    if (index != begin) out += ',';
    AppendRecord(out, listing.At(index), data);
  }

  std::optional<std::string> next = next_page_url;
  if (!next && query.offset < size - query.page_size) {
    next = ListUrl(base_url, query, query.page_index + 1,
                   MakePageToken(false, query.offset + query.page_size, query.anchor));
  }
  std::optional<std::string> previous;
  if (query.page_index > 0) {
    previous = ListUrl(
        base_url, query, query.page_index - 1,
        MakePageToken(true, std::max<int64_t>(0, query.offset - query.page_size), query.anchor));
  }
  out += "],\"meta\":{\"first_page_url\":";
  out += JsonString(ListUrl(base_url, query, 0, std::nullopt));
  out += ",\"key\":\"usage_records\",\"next_page_url\":";
  out += JsonOptional(next);
  out += ",\"page\":" + std::to_string(query.page_index);
  out += ",\"page_size\":" + std::to_string(query.page_size);
  out += ",\"previous_page_url\":";
  out += JsonOptional(previous);
  out += ",\"url\":";
  out += JsonString(ListUrl(base_url, query, query.page_index, query.page_token));
  out += "}}";
  return out;
}

std::string TwilioErrorBody(int code, const std::string& message, int status) {
  nlohmann::ordered_json body;
  body["code"] = code;
  body["message"] = message;
  body["more_info"] = "https://www.twilio.com/docs/errors/" + std::to_string(code);
  body["status"] = status;
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace twilio::test_support::fake
