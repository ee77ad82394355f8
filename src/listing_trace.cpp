#include "listing_trace.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

#include "ascii.hpp"
#include "request_id.hpp"
#include "twilio/errors.hpp"

namespace twilio::internal {
namespace {

using std::chrono::microseconds;

std::atomic<std::uint64_t> listings{0};

bool IsAuthorization(const std::string& name) {
  return EqualsIgnoringAsciiCase(name, "authorization");
}

void Redact(std::string& text, const std::vector<std::string>& secrets) {
  for (const std::string& secret : secrets) {
    for (std::size_t at = text.find(secret); at != std::string::npos;
         at = text.find(secret, at + 10)) {
      text.replace(at, secret.size(), "[redacted]");
    }
  }
}

}  // namespace

Logger Redacting(Logger logger, std::vector<std::string> secrets) {
  if (!logger) return nullptr;
  secrets.erase(std::remove_if(secrets.begin(), secrets.end(),
                               [](const std::string& secret) { return secret.size() < 4; }),
                secrets.end());
  if (secrets.empty()) return logger;
  return [logger = std::move(logger), secrets = std::move(secrets)](const LogEvent& original) {
    LogEvent event = original;
    Redact(event.reason, secrets);
    Redact(event.url, secrets);
    for (auto& header : event.headers) Redact(header.second, secrets);
    logger(event);
  };
}

LogLevel StopLevel(const std::exception& error) noexcept {
  const bool interrupted = dynamic_cast<const CancelledException*>(&error) != nullptr ||
                           dynamic_cast<const DeadlineExceededException*>(&error) != nullptr;
  return interrupted ? LogLevel::Warning : LogLevel::Error;
}

std::string StopReason(const std::exception& error) {
  if (dynamic_cast<const CancelledException*>(&error) != nullptr) return "cancelled";
  if (dynamic_cast<const DeadlineExceededException*>(&error) != nullptr) {
    return "deadline exceeded";
  }
  return error.what();
}

ListingTrace::ListingTrace(Logger logger) : logger_(std::move(logger)), id_(++listings) {}

std::int64_t ListingTrace::Now() noexcept {
  // Never 0, which marks "not yet".
  return std::chrono::duration_cast<microseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
             .count() |
         1;
}

LogEvent ListingTrace::Event(LogEventKind kind, LogLevel level) const {
  LogEvent event;
  event.kind = kind;
  event.level = level;
  event.time = std::chrono::system_clock::now();
  event.listing = id_;
  return event;
}

void ListingTrace::RequestSent(const http::HttpRequest& request, int attempt) {
  ++requests_;
  std::int64_t unset = 0;
  started_us_.compare_exchange_strong(unset, Now());
  if (!logger_) return;
  LogEvent event = Event(LogEventKind::RequestSent, LogLevel::Debug);
  event.method = request.method;
  event.url = request.url;
  event.attempt = attempt;
  for (const auto& header : request.headers) {
    if (!IsAuthorization(header.first)) event.headers.push_back(header);
  }
  logger_(event);
}

void ListingTrace::ResponseReceived(const http::HttpRequest& request, int attempt,
                                    const http::HttpResponse& response, microseconds elapsed) {
  bytes_ += response.body.size();
  network_us_ += elapsed.count();
  if (!logger_) return;
  LogEvent event = Event(LogEventKind::ResponseReceived, LogLevel::Debug);
  event.method = request.method;
  event.url = request.url;
  event.attempt = attempt;
  event.status = response.status;
  event.request_id = RequestIdOf(response).value_or("");
  event.body_bytes = response.body.size();
  event.time_to_first_byte = response.time_to_first_byte;
  event.elapsed = elapsed;
  logger_(event);
}

void ListingTrace::RequestFailed(microseconds elapsed) {
  network_us_ += elapsed.count();
}

void ListingTrace::RetryScheduled(const RetryEvent& retry) {
  ++retries_;
  retry_wait_us_ += std::chrono::duration_cast<microseconds>(retry.delay).count();
  if (!logger_) return;
  LogEvent event = Event(LogEventKind::RetryScheduled, LogLevel::Warning);
  event.method = "GET";
  event.url = retry.url;
  event.attempt = retry.attempt;
  event.reason = retry.error;
  event.delay = retry.delay;
  event.from_retry_after = retry.from_retry_after;
  logger_(event);
}

void ListingTrace::PageParsed(std::size_t records, const http::HttpResponse& response,
                              microseconds elapsed) {
  ++pages_;
  parse_us_ += elapsed.count();
  if (!logger_) return;
  LogEvent event = Event(LogEventKind::PageParsed, LogLevel::Debug);
  event.records = records;
  event.request_id = RequestIdOf(response).value_or("");  // only with a logger: no copy per page
  event.elapsed = elapsed;
  logger_(event);
}

void ListingTrace::Ended(LogEventKind kind, LogLevel level, const std::string& reason,
                         std::size_t records) {
  if (ended_.exchange(true)) return;
  ended_us_ = Now();
  if (!logger_) return;
  LogEvent event = Event(kind, level);
  event.reason = reason;
  event.stats = Stats(records);
  logger_(event);
}

ListingStats ListingTrace::Stats(std::size_t records) const {
  ListingStats stats;
  stats.pages = pages_;
  stats.records = records;
  stats.requests = requests_;
  stats.retries = retries_;
  stats.bytes = bytes_;
  stats.network_time = microseconds(network_us_);
  stats.parse_time = microseconds(parse_us_);
  stats.retry_wait = microseconds(retry_wait_us_);
  const std::int64_t started = started_us_;
  const std::int64_t ended = ended_us_;
  if (started != 0) stats.wall_time = microseconds((ended != 0 ? ended : Now()) - started);
  return stats;
}

}  // namespace twilio::internal
