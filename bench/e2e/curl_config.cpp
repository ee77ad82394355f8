#include "e2e/curl_config.hpp"

#include <fstream>
#include <stdexcept>

namespace twilio::bench {
namespace {

// A double-quoted curl config value.
std::string Quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

void WriteCurlConfig(const std::string& path, const std::vector<std::string>& urls,
                     const std::string& user, const std::string& password) {
  std::ofstream config(path, std::ios::trunc);
  config << "silent\nshow-error\n"
         // The SDK sets CURLOPT_ACCEPT_ENCODING "" (every encoding libcurl decodes): --compressed.
         << "compressed\n"
         << "header = \"Accept: application/json\"\n"
         << "user = " << Quoted(user + ":" + password) << "\n"
         << "write-out = \"%{http_code} %{size_download} %{num_connects}\\n\"\n";
  for (const std::string& url : urls) {
    config << "url = " << Quoted(url) << "\noutput = \"/dev/null\"\n";
  }
  config.close();
  if (!config) throw std::runtime_error("cannot write " + path);
}

}  // namespace twilio::bench
