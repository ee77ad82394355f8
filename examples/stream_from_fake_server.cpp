// Streams usage from the bundled fake Super SIM server: how to try the SDK (or test your own
// code) without a Twilio account.
#include <iostream>
#include <set>

#include "twilio/supersim/v1/usage_records_api.hpp"
#include "twilio/testing/fake_supersim_server.hpp"

namespace v1 = twilio::supersim::v1;

int main() {
  // The server's "now" at the end of its data (7 days from 2026-01-01): a listing without times,
  // which asks for the month before now as at Twilio, then finds all of it.
  twilio::test_support::FakeSupersimServer::Options options;
  options.clock = twilio::test_support::FakeSupersimServer::FixedClock(options.data.end);
  twilio::test_support::FakeSupersimServer server(options);
  server.Start();

  v1::UsageRecordsApi api(server.MakeClientConfig());

  v1::ListUsageRecordParams params;
  params.SetGroup(v1::Group::Sim).SetGranularity(v1::Granularity::Day).SetPageSize(10);
  auto stream = api.StreamUsageRecord(params);
  std::size_t records = 0;
  int64_t bytes = 0;
  twilio::Decimal billed;
  std::set<std::string> sims;
  for (const v1::SupersimV1UsageRecord& r : stream) {
    ++records;
    bytes += r.data_total.value_or(0);
    if (r.data_total_billed) billed += *r.data_total_billed;
    sims.insert(r.sim_sid.value_or(""));
  }
  std::cout << "streamed " << records << " records in " << stream.PagesFetched() << " pages, "
            << sims.size() << " SIMs, data_total " << bytes << " bytes, billed USD "
            << billed.ToString() << "\n";
  return 0;
}
