// The body of one realistic UsageRecords page, fetched once over HTTP from the fake server, so
// the parse benchmarks read exactly the bytes the wire carries.
#pragma once

#include <cstddef>
#include <string>

namespace twilio::bench {

/// Records in the page RealisticPageBody returns (Twilio's largest page).
inline constexpr std::size_t kPageRecords = 1000;

/// The first page of Group=sim, Granularity=hour, PageSize=1000 over 1000 SIMs: one hour of
/// every SIM (~409 KB). Fetched on the first call (starting a FakeSupersimServer in-process);
/// throws std::runtime_error if the page cannot be had.
const std::string& RealisticPageBody();

}  // namespace twilio::bench
