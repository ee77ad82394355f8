// The fault suite's fixture: UsageRecordsApi over real HTTP on 127.0.0.1 against a fake server
// that fails on purpose, checking what RetryPolicy (include/twilio/retry_policy.hpp) promises.
//
// Every test lists the same parameters fault-free first (the reference), then asserts for the
// faulty run: the exact records delivered (the reference, or its prefix where the run fails,
// also by count, data_total sum and key hash), the pages the server was asked for, in order,
// the RetryEvents the hook saw, and the error's type and fields.
//
// The default listing is day x sim over the default fleet (6 SIMs, 7 days): 42 records, in
// pages of 5: pages 0..8, page p holding reference records [5p, 5p + 5), the last one 2.
//
// The tests are in fault_suite_*_test.cpp, one file per group of sections.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "integration/fault_support.hpp"
#include "integration/server_fixture.hpp"
#include "twilio/retry_policy.hpp"
#include "twilio/supersim/v1/usage_records_api.hpp"
#include "twilio/testing/fake_supersim_server.hpp"

namespace twilio::supersim::v1 {

// The names every fault-suite file uses, brought in by `using namespace fault_suite_names;`.
namespace fault_suite_names {
using namespace std::chrono_literals;
using faults::Clock;
using faults::Concat;
using faults::DelaysOf;
using faults::Describe;
using faults::EndsWith;
using faults::ErrorAs;
using faults::ListingRun;
using faults::Ms;
using faults::PagesRequested;
using faults::Records;
using faults::RetryLog;
using faults::Slice;
using faults::StreamAll;
using faults::UrlOf;
using std::chrono::milliseconds;
using test_support::FakeFault;
using test_support::FakeSupersimServer;
using Pages = std::vector<int64_t>;
using Ints = std::vector<int>;
using Millis = std::vector<int64_t>;
}  // namespace fault_suite_names

inline constexpr int kPageSize = 5;
inline constexpr std::size_t kRecords = 42;
inline constexpr int kMaxAttempts = 4;

inline ListUsageRecordParams Paged() {
  return ListUsageRecordParams()
      .SetGroup(Group::Sim)
      .SetGranularity(Granularity::Day)
      .SetPageSize(kPageSize);
}

// Reference records of pages [first, last) of Paged().
inline faults::Records PagesOf(const faults::Records& reference, std::size_t first,
                               std::size_t last) {
  return faults::Slice(reference, first * kPageSize, last * kPageSize);
}

// Fast, exact waits: 10, 20, 40 ms.
inline RetryPolicy FastRetries() {
  using namespace std::chrono_literals;
  RetryPolicy policy;
  policy.max_attempts = kMaxAttempts;
  policy.initial_delay = 10ms;
  policy.multiplier = 2.0;
  policy.max_delay = 5s;
  policy.max_total_delay = 30s;
  policy.jitter = 0.0;
  return policy;
}

inline test_support::FakeFault StatusFault(int status, int times = -1) {
  test_support::FakeFault fault;
  fault.status = status;
  fault.times = times;
  return fault;
}

class FaultSuite : public testdata::ServerTest {
 protected:
  ClientConfig RetryingConfig(RetryPolicy policy = FastRetries()) const {
    return RetryingConfig(std::move(policy), log_);
  }
  static ClientConfig RetryingConfig(RetryPolicy policy, const faults::RetryLog& log,
                                     ClientConfig config) {
    policy.on_retry = log.Hook();
    config.retry = std::move(policy);
    return config;
  }
  ClientConfig RetryingConfig(RetryPolicy policy, const faults::RetryLog& log) const {
    return RetryingConfig(std::move(policy), log, Config());
  }
  UsageRecordsApi RetryingApi(RetryPolicy policy = FastRetries()) const {
    return UsageRecordsApi(RetryingConfig(std::move(policy)));
  }

  // `params` listed fault-free with retries off; the request log is cleared afterwards.
  faults::Records Reference(const ListUsageRecordParams& params) {
    ClientConfig config = Config();
    config.retry = RetryPolicy::None();
    faults::Records records = UsageRecordsApi(config).ListUsageRecord(params).usage_records;
    server_.ClearRequests();
    return records;
  }

  // Paged() fault-free, checked against the fleet's formula and a one-page listing.
  faults::Records DefaultReference() {
    faults::Records paged = Reference(Paged());
    faults::Records whole = Reference(ListUsageRecordParams(Paged()).SetPageSize(1000));
    EXPECT_EQ(paged.size(), kRecords);
    EXPECT_TRUE(paged == whole) << "paging changed the records";
    int64_t expected_total = 0;
    for (int sim = 0; sim < 6; ++sim) expected_total += faults::SimTotal(sim);
    EXPECT_EQ(faults::FingerprintOf(paged).data_total_sum, expected_total);
    return paged;
  }

  faults::RetryLog log_;
};

}  // namespace twilio::supersim::v1
