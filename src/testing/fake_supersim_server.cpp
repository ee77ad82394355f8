// The HTTP side of the fake server: routing, basic auth, faults and the request log. The
// sockets and the HTTP/1.1 framing are fake_http_*.cpp; what a page contains is decided in
// fake_usage_*.cpp.
#include "twilio/testing/fake_supersim_server.hpp"

#include <signal.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <utility>
#include <variant>

#include "ascii.hpp"
#include "testing/fake_http_listener.hpp"
#include "testing/fake_http_request.hpp"
#include "testing/fake_http_response.hpp"
#include "testing/fake_usage_data.hpp"
#include "testing/fake_usage_listing.hpp"
#include "testing/fake_usage_page.hpp"
#include "testing/fake_usage_query.hpp"

namespace twilio::test_support {
namespace {

constexpr char kListPath[] = "/v1/UsageRecords";
constexpr char kJsonType[] = "application/json; charset=utf-8";
// Enough for a listing of millions of records on one kept-alive connection.
constexpr std::size_t kKeepAliveMaxCount = 100000;

std::string Base64(const std::string& text) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < text.size(); i += 3) {
    const auto n = (static_cast<unsigned>(static_cast<unsigned char>(text[i])) << 16) |
                   (static_cast<unsigned>(static_cast<unsigned char>(text[i + 1])) << 8) |
                   static_cast<unsigned>(static_cast<unsigned char>(text[i + 2]));
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i < text.size()) {
    unsigned n = static_cast<unsigned>(static_cast<unsigned char>(text[i])) << 16;
    if (i + 1 < text.size())
      n |= static_cast<unsigned>(static_cast<unsigned char>(text[i + 1])) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < text.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// Twilio's error code and message for an HTTP status the server answers with.
std::pair<int, std::string> TwilioError(int status) {
  switch (status) {
    case 400:
      return {20001, "Bad Request"};
    case 401:
      return {20003, "Authenticate"};
    case 403:
      return {20403, "Forbidden"};
    case 404:
      return {20404, "The requested resource " + std::string(kListPath) + " was not found"};
    case 405:
      return {20004, "Method not allowed"};
    case 429:
      return {20429, "Too Many Requests"};
    case 500:
      return {20500, "Internal Server Error"};
    case 502:
      return {20500, "Bad Gateway"};
    case 503:
      return {20500, "Service Unavailable"};
    case 504:
      return {20500, "Gateway Timeout"};
    default:
      break;
  }
  if (status >= 500) return {20500, "Internal Server Error"};
  return {20000 + status, "Error"};
}

// Twilio's form, RQ and 32 hex digits: a counter over every server of the process, mixed so
// that ids do not read as a sequence (splitmix64).
std::string NextRequestId() {
  static std::atomic<std::uint64_t> counter{0};
  const auto mix = [](std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
  };
  const std::uint64_t n = ++counter;
  char id[35];
  std::snprintf(id, sizeof id, "RQ%016llx%016llx", static_cast<unsigned long long>(mix(n)),
                static_cast<unsigned long long>(mix(~n)));
  return id;
}

// What the server is about to send.
struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = kJsonType;
  std::vector<std::pair<std::string, std::string>> headers;
};

Reply ErrorReply(int status, int code, const std::string& message) {
  Reply reply;
  reply.status = status;
  reply.body = fake::TwilioErrorBody(code, message, status);
  return reply;
}

std::string GuessContentType(const std::string& body) {
  const auto first = body.find_first_not_of(" \t\r\n");
  return first != std::string::npos && body[first] == '<' ? "text/html; charset=utf-8" : kJsonType;
}

// Writing to a connection the client has closed raises SIGPIPE, which would end the test
// process; ignore it unless the program installed a handler of its own.
void IgnoreSigpipeOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction current {};
    if (sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) {
      std::signal(SIGPIPE, SIG_IGN);
    }
  });
}

}  // namespace

std::optional<std::string> RecordedRequest::Param(const std::string& name) const {
  return fake::FirstParam(params, name);
}

std::optional<std::string> RecordedRequest::Header(const std::string& name) const {
  // lower_bound, not find: find may return any of several equal keys, this the first received.
  const std::string key = internal::AsciiLower(name);
  const auto it = headers.lower_bound(key);
  if (it == headers.end() || it->first != key) return std::nullopt;
  return it->second;
}

class FakeSupersimServer::Impl {
 public:
  explicit Impl(Options options) : options_(std::move(options)) {}

  int Start();
  void Stop();

  const Options options_;
  // The data set's usage, overrides applied; made by the first Start, read-only after it.
  std::unique_ptr<const fake::UsageTable> usage_;
  std::atomic<int> port_{0};

  mutable std::mutex mutex_;  // guards requests_, faults_ and the counters below
  std::vector<RecordedRequest> requests_;
  std::map<int64_t, FakeFault> faults_;
  std::uint64_t last_connection_ = 0;  // never reset: connection ids stay unique
  std::size_t accepted_connections_ = 0;
  std::size_t in_flight_ = 0;
  std::size_t max_in_flight_ = 0;

 private:
  fake::HttpResponse Handle(const fake::HttpRequest& request, std::uint64_t connection);
  std::uint64_t Accepted();
  void Record(const fake::HttpRequest& request, const fake::QueryParams& params, int64_t page,
              std::uint64_t connection, const std::string& request_id);
  std::optional<FakeFault> TakeFault(int64_t page);
  bool Authorized(const fake::HttpRequest& request) const;
  // The answer without faults, but with a fault's next_page_url and empty_page.
  Reply Answer(const fake::HttpRequest& request, const fake::QueryParams& params,
               const FakeFault* fault) const;
  // Returns false when the fault drops the connection (nothing is to be sent).
  bool ApplyFault(const FakeFault& fault, Reply& reply);
  void WaitUnlessStopping(std::chrono::milliseconds delay);
  // What the connection is to send: the reply, its request id, and the fault's cuts
  // (truncate_json, reset_mid_body).
  static fake::HttpResponse Respond(Reply reply, const FakeFault* fault,
                                    const std::string& request_id);

  std::mutex lifecycle_mutex_;  // serialises Start and Stop
  std::unique_ptr<fake::HttpListener> listener_;

  std::mutex state_mutex_;  // guards stopping_
  std::condition_variable state_changed_;
  bool stopping_ = false;
};

int FakeSupersimServer::Impl::Start() {
  std::lock_guard<std::mutex> lifecycle(lifecycle_mutex_);
  if (listener_) return port_;
  if (auto problem = fake::ValidateDataSet(options_.data)) {
    throw std::invalid_argument("FakeSupersimServer: " + *problem);
  }
  if (!usage_) usage_ = std::make_unique<const fake::UsageTable>(options_.data);
  IgnoreSigpipeOnce();
  {
    std::lock_guard<std::mutex> lock(state_mutex_);
    stopping_ = false;
  }

  fake::HttpListener::Settings settings;
  settings.handler = [this](const fake::HttpRequest& request, std::uint64_t connection) {
    return Handle(request, connection);
  };
  settings.on_accept = [this] { return Accepted(); };
  settings.max_requests_per_connection = kKeepAliveMaxCount;
  auto listener = std::make_unique<fake::HttpListener>(std::move(settings));
  int port = 0;
  try {
    port = listener->Listen();
  } catch (const std::runtime_error& error) {
    throw std::runtime_error(std::string("FakeSupersimServer: ") + error.what());
  }
  // Connections wait in the backlog until the acceptor takes them, so the server is ready now.
  // A client learns the port from this return, so no request renders a URL before it is set.
  port_ = port;
  listener_ = std::move(listener);
  return port;
}

void FakeSupersimServer::Impl::Stop() {
  std::lock_guard<std::mutex> lifecycle(lifecycle_mutex_);
  if (!listener_) return;
  {
    std::lock_guard<std::mutex> lock(state_mutex_);
    stopping_ = true;
  }
  state_changed_.notify_all();  // wakes delayed handlers
  // Ends the connections this server accepted, idle kept-alive ones included, and joins.
  listener_->Stop();
  listener_.reset();
}

std::uint64_t FakeSupersimServer::Impl::Accepted() {
  std::lock_guard<std::mutex> lock(mutex_);
  ++accepted_connections_;
  return ++last_connection_;
}

fake::HttpResponse FakeSupersimServer::Impl::Handle(const fake::HttpRequest& request,
                                                    std::uint64_t connection) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    max_in_flight_ = std::max(max_in_flight_, ++in_flight_);
  }
  struct Done {  // a request stops counting as in flight when Handle returns, on every path
    Impl* impl;
    ~Done() {
      std::lock_guard<std::mutex> lock(impl->mutex_);
      --impl->in_flight_;
    }
  } done{this};
  const fake::QueryParams params = fake::ParseQueryString(request.raw_query);
  const int64_t page = fake::LenientPageIndex(params);
  const std::string request_id = NextRequestId();
  Record(request, params, page, connection, request_id);

  if (request.path != kListPath) {
    return Respond(
        ErrorReply(404, 20404, "The requested resource " + request.path + " was not found"),
        nullptr, request_id);
  }
  if (request.method != "GET" && request.method != "HEAD") {
    Reply reply = ErrorReply(405, 20004, "Method not allowed");
    reply.headers.emplace_back("Allow", "GET, HEAD");
    return Respond(std::move(reply), nullptr, request_id);
  }
  const std::optional<FakeFault> fault = TakeFault(page);
  Reply reply = Answer(request, params, fault ? &*fault : nullptr);
  if (fault && !ApplyFault(*fault, reply)) {
    fake::HttpResponse dropped;
    dropped.delivery = fake::HttpResponse::Delivery::kNothing;
    return dropped;
  }
  return Respond(std::move(reply), fault ? &*fault : nullptr, request_id);
}

void FakeSupersimServer::Impl::Record(const fake::HttpRequest& request,
                                      const fake::QueryParams& params, int64_t page,
                                      std::uint64_t connection, const std::string& request_id) {
  RecordedRequest recorded;
  recorded.method = request.method;
  recorded.path = request.path;
  recorded.raw_query = request.raw_query;
  recorded.params = params;
  recorded.page = page;
  recorded.connection = connection;
  recorded.request_id = request_id;
  for (const auto& [name, value] : request.headers) {
    recorded.headers.emplace(internal::AsciiLower(name), value);
  }
  std::lock_guard<std::mutex> lock(mutex_);
  requests_.push_back(std::move(recorded));
}

std::optional<FakeFault> FakeSupersimServer::Impl::TakeFault(int64_t page) {
  std::lock_guard<std::mutex> lock(mutex_);
  // A page's own fault first, else the every-page fault (one `times` counter for all pages).
  auto it = faults_.find(page);
  if (it == faults_.end()) it = faults_.find(kEveryPage);
  if (it == faults_.end()) return std::nullopt;
  FakeFault fault = it->second;
  if (it->second.times > 0 && --it->second.times == 0) faults_.erase(it);
  return fault;
}

bool FakeSupersimServer::Impl::Authorized(const fake::HttpRequest& request) const {
  if (options_.username.empty()) return true;
  const std::string* value = request.Header("Authorization");
  if (value == nullptr) return false;
  const auto space = value->find(' ');
  if (space == std::string::npos || internal::AsciiLower(value->substr(0, space)) != "basic")
    return false;
  const auto token_begin = value->find_first_not_of(' ', space);
  if (token_begin == std::string::npos) return false;
  return value->substr(token_begin) == Base64(options_.username + ":" + options_.password);
}

Reply FakeSupersimServer::Impl::Answer(const fake::HttpRequest& request,
                                       const fake::QueryParams& params,
                                       const FakeFault* fault) const {
  if (!Authorized(request)) {
    Reply reply = ErrorReply(401, 20003, "Authenticate");
    reply.headers.emplace_back("WWW-Authenticate", "Basic realm=\"Twilio API\"");
    return reply;
  }
  const auto now = options_.clock ? options_.clock() : std::chrono::system_clock::now();
  const auto query = fake::ParseUsageQuery(params, date::floor<std::chrono::seconds>(now));
  if (const auto* error = std::get_if<fake::QueryError>(&query)) {
    return ErrorReply(400, 20001, error->message);
  }
  const auto& valid = std::get<fake::UsageQuery>(query);
  const auto listing = fake::UsageListing::Build(options_.data, *usage_, valid);
  if (const auto* missing = std::get_if<fake::NotFound>(&listing)) {
    return ErrorReply(404, 20404, "The requested resource " + missing->resource + " was not found");
  }
  Reply reply;
  reply.body =
      fake::RenderPage(std::get<fake::UsageListing>(listing), valid, options_.data,
                       "http://127.0.0.1:" + std::to_string(port_),
                       fault ? fault->next_page_url : std::nullopt, fault && fault->empty_page);
  return reply;
}

void FakeSupersimServer::Impl::WaitUnlessStopping(std::chrono::milliseconds delay) {
  std::unique_lock<std::mutex> lock(state_mutex_);
  state_changed_.wait_for(lock, delay, [this] { return stopping_; });
}

bool FakeSupersimServer::Impl::ApplyFault(const FakeFault& fault, Reply& reply) {
  if (fault.delay.count() > 0) WaitUnlessStopping(fault.delay);
  if (fault.drop_connection) return false;
  if (fault.redirect_to) {
    const bool redirect_status = fault.status && *fault.status >= 300 && *fault.status < 400;
    reply = Reply{};
    reply.status = redirect_status ? *fault.status : 302;
    reply.content_type = "text/plain; charset=utf-8";
    reply.headers.emplace_back("Location", *fault.redirect_to);
  } else if (fault.status) {
    const auto [code, message] = TwilioError(*fault.status);
    reply = fault.body ? Reply{} : ErrorReply(*fault.status, code, message);
    reply.status = *fault.status;
    if (fault.body) {
      reply.body = *fault.body;
      reply.content_type = GuessContentType(reply.body);
    }
  } else if (fault.body) {
    reply = Reply{};
    reply.body = *fault.body;
    reply.content_type = GuessContentType(reply.body);
  }
  if (fault.retry_after) reply.headers.emplace_back("Retry-After", *fault.retry_after);
  return true;
}

fake::HttpResponse FakeSupersimServer::Impl::Respond(Reply reply, const FakeFault* fault,
                                                     const std::string& request_id) {
  fake::HttpResponse response;
  response.status = reply.status;
  response.content_type = std::move(reply.content_type);
  response.headers.emplace_back("Twilio-Request-Id", request_id);
  for (auto& header : reply.headers) response.headers.push_back(std::move(header));
  response.body = std::move(reply.body);
  if (fault && fault->truncate_json) response.body.resize(response.body.size() / 2);
  if (fault && fault->reset_mid_body) {
    response.delivery = fake::HttpResponse::Delivery::kHalfBodyThenClose;
  }
  return response;
}

FakeSupersimServer::FakeSupersimServer() : FakeSupersimServer(Options{}) {}

FakeSupersimServer::FakeSupersimServer(Options options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

FakeSupersimServer::~FakeSupersimServer() {
  Stop();
}

int FakeSupersimServer::Start() {
  return impl_->Start();
}

void FakeSupersimServer::Stop() {
  impl_->Stop();
}

int FakeSupersimServer::Port() const {
  return impl_->port_;
}

std::string FakeSupersimServer::BaseUrl() const {
  return "http://127.0.0.1:" + std::to_string(impl_->port_);
}

const FakeSupersimServer::Options& FakeSupersimServer::GetOptions() const {
  return impl_->options_;
}

void FakeSupersimServer::InjectFault(int64_t page, FakeFault fault) {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  if (fault.times == 0) {
    impl_->faults_.erase(page);
  } else {
    impl_->faults_[page] = std::move(fault);
  }
}

void FakeSupersimServer::ClearFaults() {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  impl_->faults_.clear();
}

std::vector<RecordedRequest> FakeSupersimServer::Requests() const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->requests_;
}

std::size_t FakeSupersimServer::RequestCount() const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->requests_.size();
}

std::size_t FakeSupersimServer::AcceptedConnections() const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->accepted_connections_;
}

std::size_t FakeSupersimServer::MaxConcurrentRequests() const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->max_in_flight_;
}

void FakeSupersimServer::ClearRequests() {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  impl_->requests_.clear();
  impl_->accepted_connections_ = 0;
  impl_->max_in_flight_ = impl_->in_flight_;
}

ClientConfig FakeSupersimServer::MakeClientConfig() const {
  ClientConfig config;
  config.base_url = BaseUrl();
  config.credentials = Credentials::FromAuthToken(GetOptions().username, GetOptions().password);
  config.retry.initial_delay = std::chrono::milliseconds(0);
  config.retry.max_delay = std::chrono::milliseconds(0);
  return config;
}

std::function<std::chrono::system_clock::time_point()> FakeSupersimServer::FixedClock(
    std::chrono::system_clock::time_point now) {
  return [now] { return now; };
}

std::string FakeSupersimServer::SimSid(int index) {
  return fake::SimSid(index);
}
std::string FakeSupersimServer::FleetSid(int index) {
  return fake::FleetSid(index);
}
std::string FakeSupersimServer::NetworkSid(int index) {
  return fake::NetworkSid(index);
}

}  // namespace twilio::test_support
