// Test helper: one Prism mock for the whole contract test run, and clients pointed at it.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "contract/prism_process.hpp"
#include "contract/recording_http_client.hpp"
#include "twilio/http/curl_http_client.hpp"
#include "twilio/supersim/v1/usage_records_api.hpp"

namespace twilio::contract {

/// Starts Prism before the first test and stops it after the last, also after failures.
class PrismEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    prism_ = std::make_unique<PrismProcess>(PRISM_EXECUTABLE, PRISM_SPEC, PRISM_LOG);
  }
  void TearDown() override { prism_.reset(); }
  static std::string BaseUrl() { return prism_->BaseUrl(); }

 private:
  static inline std::unique_ptr<PrismProcess> prism_;
};

inline ClientConfig PrismConfig() {
  ClientConfig config;
  config.credentials = Credentials::FromAuthToken("AC" + std::string(32, 'a'), "prism-token");
  config.base_url = PrismEnvironment::BaseUrl();
  return config;
}

/// A UsageRecordsApi over the real libcurl transport, with every URL it sends recorded.
struct RecordedApi {
  std::shared_ptr<RecordingHttpClient> recorder =
      std::make_shared<RecordingHttpClient>(std::make_shared<http::CurlHttpClient>(PrismConfig()));
  supersim::v1::UsageRecordsApi api{PrismConfig(), recorder};
};

}  // namespace twilio::contract
