// Test helper: an HttpClient decorator that records every URL sent through the real transport
// and can add a header (Prism's `Prefer: example=NAME`).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "twilio/http/http_client.hpp"

namespace twilio::contract {

class RecordingHttpClient : public http::HttpClient {
 public:
  explicit RecordingHttpClient(std::shared_ptr<http::HttpClient> inner)
      : inner_(std::move(inner)) {}

  http::HttpResponse Send(const http::HttpRequest& request, const CallContext& ctx) override {
    http::HttpRequest sent = request;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      urls_.push_back(request.url);
      sent.headers.insert(sent.headers.end(), extra_headers_.begin(), extra_headers_.end());
    }
    return inner_->Send(sent, ctx);
  }

  void SetExtraHeaders(http::Headers headers) {
    std::lock_guard<std::mutex> lock(mutex_);
    extra_headers_ = std::move(headers);
  }
  std::vector<std::string> Urls() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return urls_;
  }

 private:
  std::shared_ptr<http::HttpClient> inner_;
  mutable std::mutex mutex_;
  http::Headers extra_headers_;
  std::vector<std::string> urls_;
};

}  // namespace twilio::contract
