#include "cli_support.hpp"

#include "twilio/client_config.hpp"
#include "twilio/credentials.hpp"
#include "twilio/supersim/v1/usage_records_api.hpp"

namespace cli_test {

std::vector<twilio::supersim::v1::SupersimV1UsageRecord> SdkListing(
    const twilio::supersim::v1::ListUsageRecordParams& params) {
  twilio::testing::FakeSupersimServer server;
  server.Start();
  twilio::ClientConfig config;
  config.base_url = server.BaseUrl();
  config.credentials = twilio::Credentials::FromAuthToken(server.GetOptions().username,
                                                          server.GetOptions().password);
  twilio::supersim::v1::UsageRecordsApi api(config);
  return api.ListUsageRecord(params).usage_records;
}

std::vector<std::string> ServerEnv(const twilio::testing::FakeSupersimServer& server) {
  return {"TWILIO_ACCOUNT_SID=" + server.GetOptions().username,
          "TWILIO_AUTH_TOKEN=" + server.GetOptions().password};
}

std::string PageBody(const std::vector<std::string>& records) {
  std::string body = "{\"usage_records\":[";
  for (std::size_t i = 0; i < records.size(); ++i) body += (i ? "," : "") + records[i];
  return body +
         "],\"meta\":{\"first_page_url\":null,\"key\":\"usage_records\",\"next_page_url\":null,"
         "\"page\":0,\"page_size\":50,\"previous_page_url\":null,\"url\":null}}";
}

std::vector<Word> Words(const std::string& line) {
  std::vector<Word> words;
  std::size_t pos = 0;
  while (true) {
    std::size_t begin = line.find_first_not_of(' ', pos);
    if (begin == std::string::npos) break;
    std::size_t end = line.find(' ', begin);
    if (end == std::string::npos) end = line.size();
    words.push_back({line.substr(begin, end - begin), begin, end});
    pos = end;
  }
  return words;
}

}  // namespace cli_test
