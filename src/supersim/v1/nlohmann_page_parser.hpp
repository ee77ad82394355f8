// Internal: the nlohmann/json SAX parser behind every from_json. The wire parser
// (simdjson_page_parser.hpp) follows the same rules; tests/unit/parser_differential_test.cpp
// and fuzz/differential_fuzzer.cpp hold the two to identical results.
#pragma once

#include <string_view>

#include "twilio/supersim/v1/list_usage_record_response.hpp"

namespace twilio::supersim::v1::internal {

/// What the top-level JSON value is expected to be.
enum class RootKind { Page, Record, Period, Meta };

/// Parses `json` as a `root`; a Record lands in usage_records[0], a Period in
/// usage_records[0].period, a Meta in meta. Throws ParseException with the JSON path.
ListUsageRecordResponse ParseJson(std::string_view json, RootKind root);

}  // namespace twilio::supersim::v1::internal
