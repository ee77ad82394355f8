// A consumer built from pkg-config's flags alone (no CMake): it must link every dependency of
// the library the .pc file names, so it touches the query builder, the simdjson page parser and
// libcurl.
#include <cstdio>
#include <cstring>
#include <string>

#include "twilio/http/curl_http_client.hpp"
#include "twilio/supersim/v1/list_usage_record_request.hpp"
#include "twilio/supersim/v1/list_usage_record_response.hpp"
#include "twilio/version.hpp"

int main() {
  namespace v1 = twilio::supersim::v1;
  const std::string query = v1::BuildListUsageRecordQuery(v1::ListUsageRecordParams().SetLimit(3));
  const auto page = v1::ParseListUsageRecordResponse(
      R"({"usage_records":[{"data_total":1},{"data_total":2}],"meta":{"key":"usage_records"}})");
  std::printf("pkg-config consumer: twilio-supersim %s, %s, %zu records, libcurl %s\n",
              twilio::Version(), query.c_str(), page.usage_records.size(),
              twilio::http::CurlVersion().c_str());
  const bool as_expected = std::strcmp(twilio::Version(), twilio::kVersion) == 0 &&
                           query == "PageSize=3" && page.usage_records.size() == 2;
  return as_expected ? 0 : 1;
}
