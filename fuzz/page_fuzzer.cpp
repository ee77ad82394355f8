// Fuzz target: ParseListUsageRecordResponse, the parser of every page body off the wire.
// Invariants: it throws nothing but twilio::ParseException, and a page it accepts survives
// to_json and back (nlohmann's get<ListUsageRecordResponse>) unchanged.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "twilio/errors.hpp"
#include "twilio/supersim/v1/list_usage_record_response.hpp"

namespace v1 = twilio::supersim::v1;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  v1::ListUsageRecordResponse page;
  try {
    page = v1::ParseListUsageRecordResponse(body);
  } catch (const twilio::ParseException&) {
    return 0;  // rejected, as documented
  } catch (...) {
    FUZZ_CHECK(false, twilio::fuzz::DescribeCurrentException());
  }

  nlohmann::json json;
  std::string text;
  try {
    json = page;
    text = json.dump();
  } catch (...) {
    FUZZ_CHECK(false, "to_json/dump of an accepted page threw " +
                          twilio::fuzz::DescribeCurrentException());
  }
  v1::ListUsageRecordResponse back;
  try {
    back = json.get<v1::ListUsageRecordResponse>();
  } catch (...) {
    FUZZ_CHECK(false, "from_json of " + text.substr(0, 2000) + " threw " +
                          twilio::fuzz::DescribeCurrentException());
  }
  FUZZ_CHECK(back == page, "round trip changed the page; to_json gave " + text.substr(0, 2000) +
                               " and back gave " + nlohmann::json(back).dump().substr(0, 2000));
  return 0;
}
