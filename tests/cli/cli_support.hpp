// What the CLI tests compare against: the same listing fetched with the SDK itself from a
// FakeSupersimServer with the default data set (the one --demo serves), and small helpers.
#pragma once

#include <string>
#include <vector>

#include "twilio/supersim/v1/list_usage_record_params.hpp"
#include "twilio/supersim/v1/supersim_v1_usage_record.hpp"
#include "twilio/testing/fake_supersim_server.hpp"

namespace cli_test {

/// Every record of the listing `params` asks for, read with UsageRecordsApi::ListUsageRecord
/// from a fresh default FakeSupersimServer.
std::vector<twilio::supersim::v1::SupersimV1UsageRecord> SdkListing(
    const twilio::supersim::v1::ListUsageRecordParams& params);

/// The environment that makes the CLI authenticate as `server` expects.
std::vector<std::string> ServerEnv(const twilio::testing::FakeSupersimServer& server);

/// A single-page listing body holding `records` (JSON objects as text), for FakeFault::body.
std::string PageBody(const std::vector<std::string>& records);

/// Whitespace-separated words of `line` and the column each starts at.
struct Word {
  std::string text;
  std::size_t begin;
  std::size_t end;
};
std::vector<Word> Words(const std::string& line);

}  // namespace cli_test
