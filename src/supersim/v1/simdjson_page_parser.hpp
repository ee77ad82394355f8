// Internal: the wire parser. simdjson's On-Demand API walks a page body straight into the
// models, with the same rules (and error paths) as the nlohmann/json parser behind from_json.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "twilio/supersim/v1/list_usage_record_response.hpp"

namespace twilio::supersim::v1::internal {

/// Parses a page held in `body` into `page`, which may hold an earlier page: its records are
/// overwritten in place (their strings keep their heap blocks), so a listing that parses every
/// page into the same response allocates nothing per record. simdjson reads up to 64 bytes past
/// the text, so the string's spare capacity is used as that padding when there is enough of it
/// (transports reserve it: see kBodyPadding), and only otherwise is the body copied. The text is
/// not modified. On a ParseException `page` holds part of the page and must not be used.
void ParsePageWithSimdjson(std::string& body, ListUsageRecordResponse& page);

/// The same into a new response.
ListUsageRecordResponse ParsePageWithSimdjson(std::string& body);

/// The same for text without spare capacity: always copies it into a padded buffer.
ListUsageRecordResponse ParsePageWithSimdjson(std::string_view body);

}  // namespace twilio::supersim::v1::internal
