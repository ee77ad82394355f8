// Streams a large listing, usage per SIM and hour over Twilio's default range (the month
// before now), with StreamUsageRecord: one page in memory at a time however many records come,
// the next page fetched while this one is read. Progress goes to stderr after every page, the
// totals to stdout.
//
//   stream_with_progress [--base-url URL]
//
// Needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET);
// see example_config.hpp.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <iomanip>
#include <iostream>
#include <set>
#include <string>

#include "example_config.hpp"
#include "twilio/decimal.hpp"
#include "twilio/errors.hpp"
#include "twilio/supersim/v1/usage_records_api.hpp"

namespace v1 = twilio::supersim::v1;
using Clock = std::chrono::steady_clock;

namespace {

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void ReportProgress(std::size_t page, std::size_t records, Clock::time_point started) {
  const double seconds = SecondsSince(started);
  std::cerr << "page " << page << ": " << records << " records, " << std::fixed
            << std::setprecision(2) << seconds << " s, " << std::setprecision(0)
            << (seconds > 0 ? static_cast<double>(records) / seconds : 0.0) << " records/s\n";
}

}  // namespace

int main(int argc, char** argv) {
  const twilio::ClientConfig config = examples::ExampleConfig(argc, argv);
  if (!examples::ExampleArgs(argc, argv).empty()) {
    examples::UsageError("usage: stream_with_progress [--base-url URL]");
  }

  try {
    const v1::UsageRecordsApi api(config);
    v1::ListUsageRecordParams params;
    // 1000 is the largest page Twilio serves: the fewest round trips for a long listing.
    params.SetGroup(v1::Group::Sim).SetGranularity(v1::Granularity::Hour).SetPageSize(1000);

    const Clock::time_point started = Clock::now();
    v1::UsageRecordStream stream = api.StreamUsageRecord(params);
    std::size_t records = 0;
    std::size_t page = 0;  // the page being read
    int64_t bytes = 0;
    twilio::Decimal billed;  // exact: a double would drift over thousands of additions
    std::set<std::string> sims;
    std::set<twilio::TimePoint> hours;
    std::string unit;
    for (const v1::SupersimV1UsageRecord& r : stream) {
      // PagesFetched() grows when iteration enters a new page: the previous one is done.
      if (stream.PagesFetched() != page) {
        if (page != 0) ReportProgress(page, records, started);
        page = stream.PagesFetched();
      }
      ++records;
      bytes += r.data_total.value_or(0);
      if (r.data_total_billed) billed += *r.data_total_billed;
      if (r.billed_unit) unit = *r.billed_unit;  // one currency per account
      if (r.sim_sid) sims.insert(*r.sim_sid);
      if (r.period && r.period->start_time) hours.insert(*r.period->start_time);
    }
    ReportProgress(stream.PagesFetched(), records, started);

    std::cout << "streamed " << records << " records in " << stream.PagesFetched()
              << " pages: " << sims.size() << " SIMs, " << hours.size() << " hours, data_total "
              << bytes << " bytes, billed " << billed.ToString() << ' ' << unit << '\n';
  } catch (const twilio::TwilioException& e) {
    // A stream throws from the step that needed the failing page, after every record before it.
    std::cerr << "error: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
