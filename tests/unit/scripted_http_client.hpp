// Test helper: an HttpClient that answers from a script and records what it was asked.
#pragma once

#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "twilio/http/http_client.hpp"

namespace twilio::testdata {

class ScriptedHttpClient : public http::HttpClient {
 public:
  using Handler = std::function<http::HttpResponse(const http::HttpRequest&)>;
  explicit ScriptedHttpClient(Handler handler) : handler_(std::move(handler)) {}

  http::HttpResponse Send(const http::HttpRequest& request, const CallContext&) override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      urls_.push_back(request.url);
    }
    return handler_(request);
  }

  std::vector<std::string> Urls() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return urls_;
  }

 private:
  Handler handler_;
  mutable std::mutex mutex_;
  std::vector<std::string> urls_;
};

inline http::HttpResponse JsonResponse(int status, const nlohmann::json& body) {
  http::HttpResponse response;
  response.status = status;
  response.headers = {{"Content-Type", "application/json"}};
  response.body = body.dump();
  return response;
}

/// A page of `count` records whose data_upload values run from `first`, linking to `next`.
inline nlohmann::json Page(int first, int count, const std::string& next) {
  nlohmann::json records = nlohmann::json::array();
  for (int i = 0; i < count; ++i) {
    records.push_back({{"account_sid", "AC" + std::string(32, 'a')}, {"data_upload", first + i}});
  }
  nlohmann::json meta = {{"key", "usage_records"}};
  meta["next_page_url"] = next.empty() ? nlohmann::json(nullptr) : nlohmann::json(next);
  return {{"usage_records", records}, {"meta", meta}};
}

}  // namespace twilio::testdata
