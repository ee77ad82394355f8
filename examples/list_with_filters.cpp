// Lists daily usage per SIM with ListUsageRecord, narrowed by filters given on the command line:
// a SIM, a fleet, a country and a time window, and at most --limit records (20 by default).
//
//   list_with_filters [--base-url URL] [--sim SIM] [--fleet FLEET] [--iso-country CC]
//                     [--start TIME] [--end TIME] [--limit N]
//
// SIM and FLEET are a SID or a unique name; TIME is RFC 3339 (2026-01-03T00:00:00Z). Without
// --start and --end, Twilio reports the month before now. Needs TWILIO_ACCOUNT_SID and
// TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET); see example_config.hpp.
#include <charconv>
#include <cstdint>
#include <iomanip>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "example_config.hpp"
#include "twilio/errors.hpp"
#include "twilio/supersim/v1/usage_records_api.hpp"

namespace v1 = twilio::supersim::v1;

namespace {

constexpr const char* kUsage =
    "usage: list_with_filters [--base-url URL] [--sim SIM] [--fleet FLEET] [--iso-country CC]\n"
    "                         [--start TIME] [--end TIME] [--limit N]";

// Fills `params` from `--name value` pairs; exits with status 2 on anything else.
void ApplyFilters(const std::vector<std::string>& args, v1::ListUsageRecordParams& params) {
  for (std::size_t i = 0; i < args.size(); i += 2) {
    const std::string& name = args[i];
    if (i + 1 == args.size()) examples::UsageError(name + " needs a value\n" + kUsage);
    const std::string& value = args[i + 1];
    try {
      if (name == "--sim") {
        params.SetSim(value);
      } else if (name == "--fleet") {
        params.SetFleet(value);
      } else if (name == "--iso-country") {
        params.SetIsoCountry(value);
      } else if (name == "--start") {
        params.SetStartTime(twilio::ParseRfc3339(value));
      } else if (name == "--end") {
        params.SetEndTime(twilio::ParseRfc3339(value));
      } else if (name == "--limit") {
        int64_t limit = 0;
        const char* end = value.data() + value.size();
        const auto [stop, error] = std::from_chars(value.data(), end, limit);
        if (error != std::errc() || stop != end) throw std::invalid_argument("not a whole number");
        params.SetLimit(limit);
      } else {
        examples::UsageError("unknown option " + name + "\n" + kUsage);
      }
    } catch (const std::invalid_argument& e) {  // from ParseRfc3339, or a bad --limit
      examples::UsageError("bad " + name + " '" + value + "': " + e.what());
    }
  }
}

std::string OrDash(const std::optional<std::string>& value) {
  return value.value_or("-");
}

}  // namespace

int main(int argc, char** argv) {
  const twilio::ClientConfig config = examples::ExampleConfig(argc, argv);

  v1::ListUsageRecordParams params;
  params.SetGroup(v1::Group::Sim).SetGranularity(v1::Granularity::Day).SetLimit(20);
  ApplyFilters(examples::ExampleArgs(argc, argv), params);

  try {
    const v1::UsageRecordsApi api(config);
    // Every record up to the Limit, across as many pages as that takes. The SDK checks the
    // params first: a bad one throws ValidationException and nothing is sent.
    const v1::ListUsageRecordResponse result = api.ListUsageRecord(params);

    std::cout << std::left << std::setw(22) << "PERIOD_START" << std::setw(36) << "SIM"
              << std::setw(9) << "COUNTRY" << std::right << std::setw(12) << "DATA_TOTAL"
              << "  BILLED\n";
    for (const v1::SupersimV1UsageRecord& r : result.usage_records) {
      // Every field is optional in Twilio's schema: the country, for one, is only sent when
      // the listing filters or groups on it.
      const std::string start =
          r.period && r.period->start_time ? twilio::FormatRfc3339Utc(*r.period->start_time) : "-";
      std::cout << std::left << std::setw(22) << start << std::setw(36) << OrDash(r.sim_sid)
                << std::setw(9) << OrDash(r.iso_country) << std::right << std::setw(12)
                << r.data_total.value_or(0) << "  "
                << (r.data_total_billed ? r.data_total_billed->ToString() : "-") << ' '
                << OrDash(r.billed_unit) << '\n';
    }
    std::cout << result.usage_records.size() << " records\n";
  } catch (const twilio::ValidationException& e) {
    examples::UsageError(e.what());  // e.g. "invalid Limit: must be at least 1"
  } catch (const twilio::ApiException& e) {
    // Twilio's own words, and the page that explains its error code.
    std::cerr << "error: " << e.what() << '\n';
    if (!e.MoreInfo().empty()) std::cerr << "see " << e.MoreInfo() << '\n';
    return 1;
  } catch (const twilio::TwilioException& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
