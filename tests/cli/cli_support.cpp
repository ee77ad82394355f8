#include "cli_support.hpp"

#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

#include "twilio/client_config.hpp"
#include "twilio/credentials.hpp"
#include "twilio/supersim/v1/usage_records_api.hpp"

namespace cli_test {

const char kDemoNow[] = "2026-01-08T00:00:00Z";

twilio::test_support::FakeSupersimServer::Options Pinned(
    twilio::test_support::FakeSupersimServer::Options options) {
  if (!options.clock) {
    options.clock = twilio::test_support::FakeSupersimServer::FixedClock(options.data.end);
  }
  return options;
}

std::vector<twilio::supersim::v1::SupersimV1UsageRecord> SdkListing(
    const twilio::supersim::v1::ListUsageRecordParams& params) {
  twilio::test_support::FakeSupersimServer server(Pinned());
  server.Start();
  twilio::ClientConfig config;
  config.base_url = server.BaseUrl();
  config.credentials = twilio::Credentials::FromAuthToken(server.GetOptions().username,
                                                          server.GetOptions().password);
  twilio::supersim::v1::UsageRecordsApi api(config);
  return api.ListUsageRecord(params).usage_records;
}

std::vector<std::string> ServerEnv(const twilio::test_support::FakeSupersimServer& server) {
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

RecordsServer::RecordsServer(const std::vector<std::string>& records) {
  server_.Start();
  twilio::test_support::FakeFault fault;
  fault.body = PageBody(records);
  server_.InjectFault(twilio::test_support::FakeSupersimServer::kEveryPage, fault);
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

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base && *base ? base : "/tmp") + "/supersim-cli-XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (mkdtemp(buffer.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = buffer.data();
}

TempDir::~TempDir() {
  for (const std::string& name : Entries()) unlink(File(name).c_str());
  rmdir(path_.c_str());
}

std::string TempDir::File(const std::string& name) const {
  return path_ + "/" + name;
}

std::vector<std::string> TempDir::Entries() const {
  std::vector<std::string> names;
  DIR* dir = opendir(path_.c_str());
  if (dir == nullptr) return names;
  while (dirent* entry = readdir(dir)) {
    std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  closedir(dir);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace cli_test
