// Totals usage per country: Group isoCountry over the whole range (Granularity all), summing
// data_total and the exact data_total_billed (twilio::Decimal) per country, printed as an
// aligned table with a totals line.
//
//   group_by_country [--base-url URL]
//
// Needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET);
// see example_config.hpp.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iomanip>
#include <iostream>
#include <map>
#include <string>

#include "example_config.hpp"
#include "twilio/decimal.hpp"
#include "twilio/errors.hpp"
#include "twilio/supersim/v1/usage_records_api.hpp"

namespace v1 = twilio::supersim::v1;

namespace {

struct Totals {
  int64_t bytes = 0;
  twilio::Decimal billed;
};

std::size_t FractionDigits(const std::string& decimal) {
  const std::size_t point = decimal.find('.');
  return point == std::string::npos ? 0 : decimal.size() - point - 1;
}

// `decimal` with trailing zeros up to `digits` fraction digits, so that the points line up.
std::string PadFraction(std::string decimal, std::size_t digits) {
  const std::size_t have = FractionDigits(decimal);
  if (have == 0 && digits > 0) decimal += '.';
  return decimal + std::string(digits - have, '0');
}

}  // namespace

int main(int argc, char** argv) {
  const twilio::ClientConfig config = examples::ExampleConfig(argc, argv);
  if (!examples::ExampleArgs(argc, argv).empty()) {
    examples::UsageError("usage: group_by_country [--base-url URL]");
  }

  std::map<std::string, Totals> countries;  // ordered by country code
  Totals total;
  std::string unit = "-";
  try {
    const v1::UsageRecordsApi api(config);
    v1::ListUsageRecordParams params;
    params.SetGroup(v1::Group::IsoCountry).SetGranularity(v1::Granularity::All);
    // With Granularity all there is one record per country; summing also handles day or hour.
    for (const v1::SupersimV1UsageRecord& r : api.StreamUsageRecord(params)) {
      Totals& country = countries[r.iso_country.value_or("??")];
      const twilio::Decimal billed = r.data_total_billed.value_or(twilio::Decimal());
      country.bytes += r.data_total.value_or(0);
      country.billed += billed;
      total.bytes += r.data_total.value_or(0);
      total.billed += billed;
      if (r.billed_unit) unit = *r.billed_unit;  // an account is billed in one currency
    }
  } catch (const twilio::TwilioException& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
  }

  // Decimal sums keep the longest fraction of their terms, so the total has the most digits.
  const std::size_t digits = FractionDigits(total.billed.ToString());
  const std::string total_billed = PadFraction(total.billed.ToString(), digits);
  const int bytes_width = static_cast<int>(
      std::max(std::to_string(total.bytes).size(), std::string("DATA_TOTAL").size()));
  const int billed_width =
      static_cast<int>(std::max(total_billed.size(), std::string("BILLED").size()));

  const auto row = [&](const std::string& name, const Totals& t) {
    std::cout << std::left << std::setw(9) << name << std::right << std::setw(bytes_width)
              << t.bytes << "  " << std::setw(billed_width)
              << PadFraction(t.billed.ToString(), digits) << ' ' << unit << '\n';
  };
  std::cout << std::left << std::setw(9) << "COUNTRY" << std::right << std::setw(bytes_width)
            << "DATA_TOTAL"
            << "  " << std::setw(billed_width) << "BILLED" << '\n';
  for (const auto& [country, totals] : countries) row(country, totals);
  row("TOTAL", total);
  return 0;
}
