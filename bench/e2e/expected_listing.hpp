// The listing stream_e2e asks for, and what it must yield, computed without HTTP or JSON from
// the fake server's documented data model (include/twilio/testing/fake_supersim_server.hpp and
// the formula in src/testing/fake_usage_data.hpp), so the SDK is checked against records it
// did not produce.
#pragma once

#include <cstdint>
#include <string>

#include "e2e/record_digest.hpp"
#include "twilio/supersim/v1/list_usage_record_params.hpp"
#include "twilio/testing/fake_supersim_server.hpp"

namespace twilio::bench {

/// `sims` SIMs over the fewest whole hours that give at least `records` hourly records.
test_support::FakeDataSet MakeDataSet(int64_t records, int sims);

/// Group=sim, Granularity=hour, StartTime and EndTime the data set's, PageSize `page_size`,
/// Limit `records`: the listing every client of the benchmarks asks for.
supersim::v1::ListUsageRecordParams MakeParams(const test_support::FakeDataSet& data,
                                               int64_t records, int page_size);

/// The query string of MakeParams' first page, as the SDK sends it.
std::string FirstPageQuery(const test_support::FakeDataSet& data, int64_t records, int page_size);

/// The digest of the first `records` records that listing yields from `data`: newest hour
/// first, then SIMs in index order.
RecordDigest ExpectedDigest(const test_support::FakeDataSet& data, int64_t records);

}  // namespace twilio::bench
