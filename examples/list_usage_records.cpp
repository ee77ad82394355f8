// Lists the last week's Super SIM data usage per SIM and day, from the real Twilio API.
// Needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or TWILIO_API_KEY / TWILIO_API_SECRET).
#include <chrono>
#include <iostream>

#include "twilio/errors.hpp"
#include "twilio/supersim/v1/usage_records_api.hpp"

namespace v1 = twilio::supersim::v1;

int main() {
  try {
    v1::UsageRecordsApi api(twilio::ClientConfig::FromEnvironment());
    auto now = std::chrono::system_clock::now();
    v1::ListUsageRecordParams params;
    params.SetGroup(v1::Group::Sim)
        .SetGranularity(v1::Granularity::Day)
        .SetStartTime(now - std::chrono::hours(24 * 7))
        .SetEndTime(now)
        .SetLimit(500);
    for (const v1::SupersimV1UsageRecord& r : api.StreamUsageRecord(params)) {
      std::cout << twilio::FormatRfc3339Utc(*r.period->start_time) << ' ' << r.sim_sid.value_or("-")
                << ' ' << r.data_total.value_or(0) << " bytes\n";
    }
  } catch (const twilio::ApiException& e) {
    std::cerr << e.what() << '\n';
    return 3;
  } catch (const twilio::TwilioException& e) {
    std::cerr << e.what() << '\n';
    return 1;
  }
  return 0;
}
