// Internal: the one JSON parser of the models. simdjson's On-Demand API walks a page body straight
// into the models, driven by their schemas (model_walker.hpp); from_json reads a DOM's text
// through the same walk.
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

/// Reads `text`, a document whose top-level value is one object of the model, into the model
/// (from_json's path). `text` gets padding appended past its size (its content is unchanged).
/// Throws ParseException with the JSON path, as for a page.
void ParseModelText(std::string& text, SupersimV1UsageRecord& record);
/// The same for a Period.
void ParseModelText(std::string& text, Period& period);
/// The same for a page's meta.
void ParseModelText(std::string& text, ListUsageRecordResponseMeta& meta);

}  // namespace twilio::supersim::v1::internal
