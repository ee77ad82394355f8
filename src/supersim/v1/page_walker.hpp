// Internal: the walk of a page that simdjson has indexed, straight into the models.
#pragma once

#include <simdjson.h>

#include <string_view>

#include "twilio/supersim/v1/list_usage_record_response.hpp"

namespace twilio::supersim::v1::internal {

/// Reads `doc` (indexed from `text`) into `page`, overwriting the records `page` already holds
/// in place. Throws ParseException for a value of the wrong type (with its JSON path) and
/// simdjson_error or ParseException (without a path) for text that is not JSON.
void WalkPage(simdjson::ondemand::document& doc, std::string_view text,
              ListUsageRecordResponse& page);

}  // namespace twilio::supersim::v1::internal
