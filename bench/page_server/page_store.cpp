#include "page_server/page_store.hpp"

#include <algorithm>
#include <stdexcept>
#include <variant>

#include "testing/fake_usage_listing.hpp"
#include "testing/fake_usage_page.hpp"
#include "testing/fake_usage_query.hpp"

namespace twilio::bench {
namespace {

namespace fake = test_support::fake;

constexpr std::string_view kPath = "/v1/UsageRecords";

std::string Base64(std::string_view text) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < text.size(); i += 3) {
    const unsigned v =
        (unsigned char)text[i] << 16 | (unsigned char)text[i + 1] << 8 | (unsigned char)text[i + 2];
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += kAlphabet[v >> 6 & 63];
    out += kAlphabet[v & 63];
  }
  if (i + 1 == text.size()) {
    const unsigned v = (unsigned char)text[i] << 16;
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += "==";
  } else if (i + 2 == text.size()) {
    const unsigned v = (unsigned char)text[i] << 16 | (unsigned char)text[i + 1] << 8;
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += kAlphabet[v >> 6 & 63];
    out += '=';
  }
  return out;
}

std::string HttpAnswer(int status, const char* reason, const std::string& body) {
  return "HTTP/1.1 " + std::to_string(status) + " " + reason +
         "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\n\r\n" + body;
}

const std::string& Unauthorized() {
  static const std::string answer =
      HttpAnswer(401, "Unauthorized", fake::TwilioErrorBody(20003, "Authenticate", 401));
  return answer;
}

const std::string& BadRequest() {
  static const std::string answer =
      HttpAnswer(400, "Bad Request", fake::TwilioErrorBody(20001, "Invalid query", 400));
  return answer;
}

const std::string& NotServed() {
  static const std::string answer =
      HttpAnswer(404, "Not Found",
                 fake::TwilioErrorBody(20404, "The benchmark server serves one listing only", 404));
  return answer;
}

fake::UsageQuery Validated(const std::string& query, const test_support::FakeDataSet& data) {
  auto parsed = fake::ParseUsageQuery(fake::ParseQueryString(query),
                                      date::floor<std::chrono::seconds>(data.end));
  if (auto* error = std::get_if<fake::QueryError>(&parsed)) {
    throw std::invalid_argument("bench page server: " + error->message);
  }
  return std::get<fake::UsageQuery>(parsed);
}

}  // namespace

PageStore::PageStore(const test_support::FakeDataSet& data, const std::string& query,
                     const std::string& base_url, const std::string& username,
                     const std::string& password)
    : data_(data), authorization_("Basic " + Base64(username + ":" + password)) {
  fake::UsageQuery first = Validated(query, data_);
  listing_key_ = fake::ListUrl("", first, 0, std::nullopt);
  const fake::UsageTable usage(data_);
  auto built = fake::UsageListing::Build(data_, usage, first);
  if (std::holds_alternative<fake::NotFound>(built)) {
    throw std::invalid_argument("bench page server: the query names nothing in the data set");
  }
  const auto& listing = std::get<fake::UsageListing>(built);
  const int64_t pages =
      std::max<int64_t>(1, (listing.Size() + first.page_size - 1) / first.page_size);
  for (int64_t page = 0; page < pages; ++page) {
    fake::UsageQuery q = first;
    q.offset = page * first.page_size;
    q.page_index = page;
    q.page = page;
    if (page > 0) q.page_token = fake::MakePageToken(false, q.offset);
    const std::string url = fake::ListUrl(base_url, q, page, q.page_token);
    const std::string body = fake::RenderPage(listing, q, data_, base_url, std::nullopt);
    answers_.push_back(HttpAnswer(200, "OK", body));
    body_bytes_.push_back(static_cast<int64_t>(body.size()));
    // The first page is asked for without paging parameters; later ones by their link.
    urls_.push_back(page == 0 ? base_url + std::string(kPath) + "?" + query : url);
    page_by_target_.emplace(url.substr(base_url.size()), page);
  }
}

int64_t PageStore::BodyBytes(std::size_t pages) const {
  int64_t total = 0;
  for (std::size_t i = 0; i < pages && i < body_bytes_.size(); ++i) total += body_bytes_[i];
  return total;
}

int64_t PageStore::PageOf(std::string_view target) const {
  const std::size_t question = target.find('?');
  if (target.substr(0, question) != kPath) return -1;
  const std::string raw(question == std::string_view::npos ? std::string_view()
                                                           : target.substr(question + 1));
  auto parsed = fake::ParseUsageQuery(fake::ParseQueryString(raw),
                                      date::floor<std::chrono::seconds>(data_.end));
  if (std::holds_alternative<fake::QueryError>(parsed)) return -2;
  const auto& query = std::get<fake::UsageQuery>(parsed);
  if (fake::ListUrl("", query, 0, std::nullopt) != listing_key_) return -1;
  return query.page_index;
}

std::string_view PageStore::Answer(const BenchRequest& request) {
  if (request.authorization != authorization_) return Unauthorized();
  if (request.method != "GET") return NotServed();
  int64_t page = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const std::string target(request.target);
    auto found = page_by_target_.find(target);
    if (found == page_by_target_.end()) {
      // Parsed once per distinct target (a client's own spelling of the first page, say).
      found = page_by_target_.emplace(target, PageOf(target)).first;
    }
    page = found->second;
  }
  if (page == -2) return BadRequest();
  if (page < 0 || page >= static_cast<int64_t>(answers_.size())) return NotServed();
  return answers_[static_cast<std::size_t>(page)];
}

}  // namespace twilio::bench
