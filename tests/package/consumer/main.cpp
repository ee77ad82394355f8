// A tiny application built against an installed (or embedded) twilio-supersim: it lists the
// fake server's records through the real libcurl transport and prints what it got.
#include <cstdio>
#include <cstring>

#include "twilio/supersim/v1/usage_records_api.hpp"
#include "twilio/testing/fake_supersim_server.hpp"
#include "twilio/version.hpp"

int main() {
  twilio::test_support::FakeSupersimServer::Options options;
  options.clock = twilio::test_support::FakeSupersimServer::FixedClock(options.data.end);
  twilio::test_support::FakeSupersimServer server(options);
  server.Start();
  namespace v1 = twilio::supersim::v1;
  v1::UsageRecordsApi api(server.MakeClientConfig());
  auto page = api.ListUsageRecord(
      v1::ListUsageRecordParams().SetGroup(v1::Group::Sim).SetGranularity(v1::Granularity::Day));
  // Version() is the library's own; the headers it was built with must agree.
  std::printf("consumer: %zu records from twilio-supersim %s\n", page.usage_records.size(),
              twilio::Version());
  bool versions_agree = std::strcmp(twilio::Version(), twilio::kVersion) == 0;
  return page.usage_records.size() == 42 && versions_agree ? 0 : 1;
}
