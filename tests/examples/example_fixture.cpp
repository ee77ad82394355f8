#include "example_fixture.hpp"

#include <chrono>

namespace example_driver {

namespace v1 = twilio::supersim::v1;
using twilio::test_support::FakeSupersimServer;

namespace {

twilio::ClientConfig Config(const FakeSupersimServer& server) {
  twilio::ClientConfig config;
  config.base_url = server.BaseUrl();
  config.credentials = twilio::Credentials::FromAuthToken(server.GetOptions().username,
                                                          server.GetOptions().password);
  return config;
}

}  // namespace

Fixture::Fixture(const FakeSupersimServer& server)
    : server_(server), data_(server.GetOptions().data), api_(Config(server)) {}

Sum Fixture::Total(const v1::ListUsageRecordParams& params) const {
  Sum sum;
  for (const auto& r : api_.StreamUsageRecord(params)) {
    ++sum.records;
    sum.bytes += r.data_total.value_or(0);
    if (r.data_total_billed) sum.billed += *r.data_total_billed;
  }
  return sum;
}

std::vector<v1::SupersimV1UsageRecord> Fixture::List(
    const v1::ListUsageRecordParams& params) const {
  return api_.ListUsageRecord(params).usage_records;
}

std::string Fixture::CountryOfSim(int sim) const {
  return data_.countries[static_cast<std::size_t>(sim % data_.networks) % data_.countries.size()];
}

int64_t Fixture::Hours() const {
  return std::chrono::duration_cast<std::chrono::hours>(data_.end - data_.start).count();
}

}  // namespace example_driver
