// What a fragment of the documentation (a C++ block without main()) may use without declaring
// it: the public headers, GoogleTest's assertions, `v1`, and the names the prose around such
// blocks gives to the reader's own objects (the generated wrapper passes these in).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "twilio/decimal.hpp"
#include "twilio/errors.hpp"
#include "twilio/http/curl_http_client.hpp"
#include "twilio/supersim/v1/usage_records_api.hpp"
#include "twilio/testing/fake_supersim_server.hpp"
#include "twilio/time_format.hpp"

namespace v1 = twilio::supersim::v1;

// The parameters of every fragment's function, in the order the wrapper declares them.
// clang-format off
#define TWILIO_DOC_FRAGMENT_PARAMETERS                           \
  [[maybe_unused]] v1::UsageRecordsApi& api,                     \
  [[maybe_unused]] v1::ListUsageRecordParams& params,            \
  [[maybe_unused]] twilio::test_support::FakeSupersimServer& server,  \
  [[maybe_unused]] std::vector<v1::ListUsageRecordParams>& sets, \
  [[maybe_unused]] const std::vector<std::string>& sims,         \
  [[maybe_unused]] const std::vector<v1::Group>& groups
// clang-format on
