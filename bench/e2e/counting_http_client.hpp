// A transport decorator that counts requests and body bytes (after libcurl's decoding), so
// stream_e2e knows how many bytes the SDK parsed without asking the server.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <utility>

#include "twilio/http/http_client.hpp"

namespace twilio::bench {

class CountingHttpClient : public http::HttpClient {
 public:
  explicit CountingHttpClient(std::shared_ptr<http::HttpClient> inner) : inner_(std::move(inner)) {}

  http::HttpResponse Send(const http::HttpRequest& request, const CallContext& ctx) override {
    http::HttpResponse response = inner_->Send(request, ctx);
    requests_.fetch_add(1, std::memory_order_relaxed);
    body_bytes_.fetch_add(static_cast<int64_t>(response.body.size()), std::memory_order_relaxed);
    return response;
  }

  void SendInto(const http::HttpRequest& request, const CallContext& ctx,
                http::HttpResponse& response) override {
    inner_->SendInto(request, ctx, response);
    requests_.fetch_add(1, std::memory_order_relaxed);
    body_bytes_.fetch_add(static_cast<int64_t>(response.body.size()), std::memory_order_relaxed);
  }

  int64_t Requests() const { return requests_.load(); }
  int64_t BodyBytes() const { return body_bytes_.load(); }
  void Reset() {
    requests_ = 0;
    body_bytes_ = 0;
  }

 private:
  std::shared_ptr<http::HttpClient> inner_;
  std::atomic<int64_t> requests_{0};
  std::atomic<int64_t> body_bytes_{0};
};

}  // namespace twilio::bench
