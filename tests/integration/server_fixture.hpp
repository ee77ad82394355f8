// Test helper: a fake Super SIM server on 127.0.0.1 and a UsageRecordsApi pointed at it.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <utility>

#include "twilio/supersim/v1/usage_records_api.hpp"
#include "twilio/testing/fake_supersim_server.hpp"

namespace twilio::testdata {

class ServerTest : public ::testing::Test {
 protected:
  explicit ServerTest(test_support::FakeSupersimServer::Options options = {})
      : server_(Pinned(std::move(options))) {}

  /// `options` with the server's "now" at the end of its data, unless a clock is set: a
  /// request without times then covers the data set (up to a month of it), every run alike.
  static test_support::FakeSupersimServer::Options Pinned(
      test_support::FakeSupersimServer::Options options) {
    if (!options.clock)
      options.clock = test_support::FakeSupersimServer::FixedClock(options.data.end);
    return options;
  }
  void SetUp() override { server_.Start(); }

  ClientConfig Config() const {
    ClientConfig config;
    config.credentials =
        Credentials::FromAuthToken(server_.GetOptions().username, server_.GetOptions().password);
    config.base_url = server_.BaseUrl();
    // Retries stay on, as by default, but wait milliseconds rather than seconds.
    config.retry.initial_delay = std::chrono::milliseconds(5);
    config.retry.max_delay = std::chrono::milliseconds(50);
    return config;
  }

  supersim::v1::UsageRecordsApi Api() const { return supersim::v1::UsageRecordsApi(Config()); }
  /// The default number of attempts for a request that keeps failing.
  static inline const int kAttempts = RetryPolicy().max_attempts;

  test_support::FakeSupersimServer server_;
};

}  // namespace twilio::testdata
