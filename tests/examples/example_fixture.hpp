// The fake server's data set and a client of the server, for the listings the checks compare
// an example's output with: made another way than the example made its own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "twilio/decimal.hpp"
#include "twilio/supersim/v1/usage_records_api.hpp"
#include "twilio/testing/fake_supersim_server.hpp"

namespace example_driver {

// What a listing adds up to.
struct Sum {
  std::size_t records = 0;
  int64_t bytes = 0;
  twilio::Decimal billed;
};

class Fixture {
 public:
  explicit Fixture(const twilio::test_support::FakeSupersimServer& server);

  const twilio::test_support::FakeDataSet& Data() const { return data_; }
  const twilio::test_support::FakeSupersimServer& Server() const { return server_; }

  Sum Total(const twilio::supersim::v1::ListUsageRecordParams& params) const;
  std::vector<twilio::supersim::v1::SupersimV1UsageRecord> List(
      const twilio::supersim::v1::ListUsageRecordParams& params) const;

  // The fake data set's documented layout: SIM i uses network i % networks, and network n
  // sits in country countries[n % countries.size()]; every SIM uses data every hour.
  std::string CountryOfSim(int sim) const;
  int64_t Hours() const;

 private:
  const twilio::test_support::FakeSupersimServer& server_;
  const twilio::test_support::FakeDataSet& data_;
  const twilio::supersim::v1::UsageRecordsApi api_;
};

}  // namespace example_driver
