// Internal: the wire parser. simdjson's On-Demand API walks a page body straight into the
// models, with the same rules (and error paths) as the nlohmann/json parser behind from_json.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "twilio/supersim/v1/list_usage_record_response.hpp"

namespace twilio::supersim::v1::internal {

/// Parses a page held in `body`. simdjson reads up to 64 bytes past the text, so the string's
/// spare capacity is used as that padding when there is enough of it (transports reserve it:
/// see kBodyPadding), and only otherwise is the body copied. The text is not modified.
/// `expected_records` (the page size asked for, say) sizes the records vector up front; 0
/// estimates it from the body's length.
ListUsageRecordResponse ParsePageWithSimdjson(std::string& body, std::size_t expected_records = 0);

/// The same for text without spare capacity: always copies it into a padded buffer.
ListUsageRecordResponse ParsePageWithSimdjson(std::string_view body,
                                              std::size_t expected_records = 0);

}  // namespace twilio::supersim::v1::internal
