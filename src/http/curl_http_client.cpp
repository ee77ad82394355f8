#include "twilio/http/curl_http_client.hpp"

#include <curl/curl.h>
#if !defined(_WIN32)
#include <sys/utsname.h>
#endif

#include <algorithm>
#include <mutex>
#include <vector>

#include "body_padding.hpp"
#include "http/proxy_choice.hpp"
#include "twilio/errors.hpp"
#include "twilio/version.hpp"
#include "url.hpp"

namespace twilio::http {
namespace {

constexpr std::size_t kMaxIdleHandles = 8;
// How often a waiting transfer looks at the caller's cancellation flag and deadline.
constexpr int kPollMs = 50;
// A libcurl timeout this close to the caller's deadline is the deadline's doing.
constexpr std::chrono::milliseconds kDeadlineSlack{10};
// libcurl's receive buffer (16 KiB by default): a 350 KB page then arrives in a few reads
// instead of ~25, each with its own poll and write callback.
constexpr long kReceiveBufferBytes = 512L * 1024;

// Failures a later attempt may not meet: no connection, a connection that broke, a transfer
// that stalled. DNS, TLS verification and an oversized body would fail the same way again.
bool IsTransient(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_HTTP2:
    case CURLE_PARTIAL_FILE:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_HTTP2_STREAM:
      return true;
    default:
      return false;
  }
}

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string PlatformName() {
#if defined(_WIN32)
#if defined(_M_ARM64) || defined(__aarch64__)
  return "Windows arm64";
#else
  return "Windows x86_64";
#endif
#else
  struct utsname name {};
  if (uname(&name) != 0) return "unknown";
  return std::string(name.sysname) + " " + name.machine;
#endif
}

// What one transfer accumulates into the caller's response; the callbacks below receive it as
// their user pointer.
struct Transfer {
  CURL* easy;
  std::size_t max_body;
  HttpResponse& response;
  bool body_started = false;
  bool body_too_large = false;
  std::string proxy;      // the proxy it goes through, as errors name it (no user info); or empty
  std::string proxy_url;  // what CURLOPT_PROXY points at, alive for the transfer
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  std::size_t bytes = size * count;
  std::string& body = transfer->response.body;
  if (body.size() + bytes > transfer->max_body) {
    transfer->body_too_large = true;
    return 0;  // makes libcurl fail the transfer with CURLE_WRITE_ERROR
  }
  if (!transfer->body_started) {
    transfer->body_started = true;
    // One buffer for the whole body (the response's own when it is large enough), with the
    // spare bytes the page parser reads past its end, so the body is neither regrown nor copied
    // on its way to the models.
    curl_off_t length = -1;
    curl_easy_getinfo(transfer->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
    if (length > 0 && static_cast<std::size_t>(length) <= transfer->max_body) {
      body.reserve(static_cast<std::size_t>(length) + internal::kBodyPadding);
    }
  }
  body.append(data, bytes);
  return bytes;
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  std::size_t bytes = size * count;
  std::string_view line(data, bytes);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.rfind("HTTP/", 0) == 0) {
    transfer->response.headers.clear();  // a new response (after 100 Continue or a proxy)
    return bytes;
  }
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return bytes;
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  transfer->response.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
  return bytes;
}

// Every libcurl handle is owned: a throw anywhere in setting up a request leaks nothing.
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
struct EasyDeleter {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
struct MultiDeleter {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};
struct ShareDeleter {
  void operator()(CURLSH* share) const { curl_share_cleanup(share); }
};
using HeaderList = std::unique_ptr<curl_slist, SlistDeleter>;
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
using MultiHandle = std::unique_ptr<CURLM, MultiDeleter>;
using ShareHandle = std::unique_ptr<CURLSH, ShareDeleter>;

// Appends `line` to `list`, which keeps owning every entry even when the append fails.
void AppendHeader(HeaderList& list, const std::string& line) {
  curl_slist* longer = curl_slist_append(list.get(), line.c_str());
  if (longer == nullptr) throw TransportException("libcurl could not add a request header", 0);
  (void)list.release();  // `longer` begins with the old entries
  list.reset(longer);
}

// TLS sessions and DNS answers shared by every connection of one client: a connection opened
// next to a busy one (concurrent requests, a reconnect after a reset) resumes the TLS session
// instead of a full handshake.
class SharedCaches {
 public:
  SharedCaches() : share_((GlobalInit(), curl_share_init())) {
    if (!share_) throw TransportException("libcurl could not create a share handle", 0);
    CURLSH* share = share_.get();
    curl_share_setopt(share, CURLSHOPT_LOCKFUNC, Lock);
    curl_share_setopt(share, CURLSHOPT_UNLOCKFUNC, Unlock);
    curl_share_setopt(share, CURLSHOPT_USERDATA, this);
    curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  }
  SharedCaches(const SharedCaches&) = delete;
  SharedCaches& operator=(const SharedCaches&) = delete;

  CURLSH* Handle() const noexcept { return share_.get(); }

 private:
  static void Lock(CURL*, curl_lock_data data, curl_lock_access, void* user) {
    static_cast<SharedCaches*>(user)->MutexFor(data).lock();
  }
  static void Unlock(CURL*, curl_lock_data data, void* user) {
    static_cast<SharedCaches*>(user)->MutexFor(data).unlock();
  }
  std::mutex& MutexFor(curl_lock_data data) {
    return data == CURL_LOCK_DATA_SSL_SESSION ? ssl_mutex_
           : data == CURL_LOCK_DATA_DNS       ? dns_mutex_
                                              : share_mutex_;
  }

  // The mutexes outlive the share handle, whose cleanup may still lock them.
  std::mutex ssl_mutex_, dns_mutex_, share_mutex_;
  ShareHandle share_;
};

// An easy handle driven through its own multi handle: the multi keeps the connection (and TLS
// session) alive between requests, and polling it lets a cancellation stop a transfer that is
// waiting on a silent server within kPollMs.
// Closed by its destructor (the multi handle before the easy one, as libcurl asks).
struct Connection {
  EasyHandle easy_handle;
  MultiHandle multi_handle;

  static Connection Open() {
    Connection c{EasyHandle(curl_easy_init()), MultiHandle(curl_multi_init())};
    if (!c.easy_handle || !c.multi_handle) {
      throw TransportException("libcurl could not create a handle", 0);
    }
    return c;
  }
  CURL* Easy() const noexcept { return easy_handle.get(); }

  // Runs the configured transfer; CURLE_ABORTED_BY_CALLBACK when `ctx` stopped it.
  CURLcode Perform(const CallContext& ctx) {
    CURL* easy = easy_handle.get();
    CURLM* multi = multi_handle.get();
    curl_multi_add_handle(multi, easy);
    CURLcode result = CURLE_ABORTED_BY_CALLBACK;
    for (;;) {
      int running = 0;
      if (curl_multi_perform(multi, &running) != CURLM_OK) {
        result = CURLE_OUT_OF_MEMORY;
        break;
      }
      int queued = 0;
      bool done = false;
      while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
        if (message->msg == CURLMSG_DONE) {
          result = message->data.result;
          done = true;
        }
      }
      if (done || running == 0 || ctx.IsCancelled() || ctx.IsExpired()) break;
      curl_multi_poll(multi, nullptr, 0, kPollMs, nullptr);
    }
    curl_multi_remove_handle(multi, easy);  // closes the connection of an unfinished transfer
    return result;
  }
};

}  // namespace

class CurlHttpClient::Impl {
 public:
  explicit Impl(TransportOptions options) : options_(std::move(options)) {
    options_.Validate();
    GlobalInit();
    user_agent_ = std::string("twilio-supersim-cpp/") + Version() + " (" + PlatformName() +
                  ") libcurl/" + CurlVersion();
    for (const auto& extension : options_.user_agent_extensions) user_agent_ += " " + extension;
    base_origin_ = internal::ValidatedBaseOrigin(options_.base_url);
  }

  void Send(const HttpRequest& request, const CallContext& ctx, HttpResponse& response) {
    ctx.ThrowIfDone();
    response.status = 0;
    response.headers.clear();
    response.body.clear();  // keeps its capacity for this body
    response.time_to_first_byte.reset();
    // A throw before Release closes the connection instead of pooling it.
    Connection connection = Acquire();
    Transfer transfer{
        connection.Easy(), options_.max_response_bytes, response, false, false, {}, {}};
    char error[CURL_ERROR_SIZE] = {0};
    const HeaderList headers = Configure(connection.Easy(), request, ctx, transfer, error);
    CURLcode code = connection.Perform(ctx);
    long status = 0;
    curl_easy_getinfo(connection.Easy(), CURLINFO_RESPONSE_CODE, &status);
    curl_off_t first_byte = 0;  // microseconds
    const bool timed = curl_easy_getinfo(connection.Easy(), CURLINFO_STARTTRANSFER_TIME_T,
                                         &first_byte) == CURLE_OK;
    Release(std::move(connection));
    if (code != CURLE_OK) Fail(code, request, ctx, transfer, error);
    response.status = static_cast<int>(status);
    if (timed) response.time_to_first_byte = std::chrono::microseconds(first_byte);
  }

  const std::string& UserAgent() const noexcept { return user_agent_; }

 private:
  Connection Acquire() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!idle_.empty()) {
        Connection connection = std::move(idle_.back());
        idle_.pop_back();
        return connection;
      }
    }
    return Connection::Open();
  }

  // A returned connection stays open (keep-alive) for the next request on any thread.
  void Release(Connection connection) {
    curl_easy_reset(connection.Easy());
    std::lock_guard<std::mutex> lock(mutex_);
    if (idle_.size() < kMaxIdleHandles) idle_.push_back(std::move(connection));
    // else closed on leaving
  }

  HeaderList Configure(CURL* h, const HttpRequest& request, const CallContext& ctx,
                       Transfer& transfer, char* error) {
    HeaderList headers;
    AppendHeader(headers, "Accept: application/json");
    std::string line;
    for (const auto& [name, value] : request.headers) {
      line.assign(name).append(": ").append(value);
      AppendHeader(headers, line);
    }
    curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST,
                     request.method == "GET" ? nullptr : request.method.c_str());
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(h, CURLOPT_USERAGENT, user_agent_.c_str());
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_SHARE, caches_.Handle());
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(h, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!options_.ca_bundle.empty())
      curl_easy_setopt(h, CURLOPT_CAINFO, options_.ca_bundle.c_str());
    auto origin = internal::ParseUrlOrigin(request.url);
    // The proxy is decided here, the environment included ("" is none), and libcurl told: it
    // then has no exceptions of its own to apply.
    internal::ProxyChoice proxy;
    if (origin) proxy = internal::ChooseProxy(*origin, options_.proxy, options_.no_proxy);
    transfer.proxy = proxy.description;
    transfer.proxy_url = std::move(proxy.url);
    curl_easy_setopt(h, CURLOPT_PROXY, transfer.proxy_url.c_str());
    curl_easy_setopt(h, CURLOPT_NOPROXY, "");
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");  // every encoding libcurl can decode
    curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(h, CURLOPT_BUFFERSIZE, kReceiveBufferBytes);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options_.connect_timeout.count()));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, TimeoutMs(ctx));
    // Credentials go only to the configured server, whatever URL a caller hands in.
    if (origin && origin->SameServer(base_origin_)) {
      curl_easy_setopt(h, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
      curl_easy_setopt(h, CURLOPT_USERNAME, options_.credentials.Username().c_str());
      curl_easy_setopt(h, CURLOPT_PASSWORD, options_.credentials.Password().c_str());
    }
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, OnBody);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, OnHeader);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &transfer);
    return headers;
  }

  // The smaller of request_timeout and the time left before the deadline, rounded up.
  long TimeoutMs(const CallContext& ctx) const {
    auto timeout = options_.request_timeout;
    if (ctx.deadline) {
      auto left =
          std::chrono::ceil<std::chrono::milliseconds>(*ctx.deadline - CallContext::Clock::now());
      timeout = std::min(timeout, std::max(left, std::chrono::milliseconds(1)));
    }
    return static_cast<long>(timeout.count());
  }

  [[noreturn]] void Fail(CURLcode code, const HttpRequest& request, const CallContext& ctx,
                         const Transfer& transfer, const char* error) const {
    ctx.ThrowIfDone();  // cancellation and deadline win over the libcurl code they caused
    // libcurl's timer can fire a millisecond or two before the deadline it was given.
    if (code == CURLE_OPERATION_TIMEDOUT && ctx.deadline &&
        CallContext::Clock::now() + kDeadlineSlack >= *ctx.deadline) {
      throw DeadlineExceededException();
    }
    std::string what = transfer.body_too_large
                           ? "response body exceeds max_response_bytes (" +
                                 std::to_string(options_.max_response_bytes) + ")"
                           : (error[0] != '\0' ? std::string(error) : curl_easy_strerror(code));
    const std::string through = transfer.proxy.empty() ? "" : " through proxy " + transfer.proxy;
    throw TransportException(request.method + " " + WithoutQuery(request.url) + through +
                                 " failed: " + what + " (libcurl code " + std::to_string(code) +
                                 ")",
                             static_cast<int>(code), IsTransient(code));
  }

  static std::string WithoutQuery(const std::string& url) {
    return url.substr(0, url.find('?'));
  }

  TransportOptions options_;
  std::string user_agent_;
  internal::UrlOrigin base_origin_;
  SharedCaches caches_;  // outlives idle_'s handles: declared before, destroyed after
  std::mutex mutex_;
  std::vector<Connection> idle_;
};

CurlHttpClient::CurlHttpClient(TransportOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}
CurlHttpClient::CurlHttpClient(const ClientConfig& config) : CurlHttpClient(config.Transport()) {}
CurlHttpClient::~CurlHttpClient() = default;

HttpResponse CurlHttpClient::Send(const HttpRequest& request, const CallContext& ctx) {
  HttpResponse response;
  impl_->Send(request, ctx, response);
  return response;
}

void CurlHttpClient::SendInto(const HttpRequest& request, const CallContext& ctx,
                              HttpResponse& response) {
  impl_->Send(request, ctx, response);
}

const std::string& CurlHttpClient::UserAgent() const noexcept {
  return impl_->UserAgent();
}

std::string CurlVersion() {
  const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
  return info && info->version ? info->version : "unknown";
}

}  // namespace twilio::http
