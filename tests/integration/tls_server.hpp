// Test helper: a throw-away HTTPS server on 127.0.0.1 with a self-signed certificate.
#pragma once

#include <httplib.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>

#include "twilio/client_config.hpp"

namespace twilio::testdata {

namespace fs = std::filesystem;

// A self-signed certificate whose only name is `san` (e.g. "IP:127.0.0.1"), made with openssl.
inline fs::path MakeCertificate(const fs::path& dir, const std::string& name,
                                const std::string& san) {
  fs::create_directories(dir);
  std::string cmd =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=test -addext "
      "subjectAltName=" +
      san + " -keyout '" + (dir / (name + ".key")).string() + "' -out '" +
      (dir / (name + ".pem")).string() + "' 2>/dev/null";
  if (std::system(cmd.c_str()) != 0) throw std::runtime_error("openssl failed: " + cmd);
  return dir / name;
}

/// A client configuration for a TlsServer on `port`, trusting `ca_bundle`.
inline ClientConfig HttpsConfig(int port, const std::string& ca_bundle) {
  ClientConfig config;
  config.credentials = Credentials::FromAuthToken("AC" + std::string(32, '0'), "token");
  config.base_url = "https://127.0.0.1:" + std::to_string(port);
  config.ca_bundle = ca_bundle;
  return config;
}

/// Serves one page with one record at /v1/UsageRecords, after `delay`. With
/// `one_request_per_connection`, the server closes each connection after one response.
class TlsServer {
 public:
  explicit TlsServer(const fs::path& cert, bool one_request_per_connection = false,
                     std::chrono::milliseconds delay = {})
      : server_((cert.string() + ".pem").c_str(), (cert.string() + ".key").c_str()) {
    if (one_request_per_connection) server_.set_keep_alive_max_count(1);
    server_.Get("/v1/UsageRecords", [delay](const httplib::Request&, httplib::Response& res) {
      std::this_thread::sleep_for(delay);
      res.set_content(R"({"usage_records":[{"data_upload":1}],"meta":{"next_page_url":null}})",
                      "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 5000 && !server_.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  ~TlsServer() {
    server_.stop();
    thread_.join();
  }
  int Port() const { return port_; }
  /// The server's OpenSSL context, for its session statistics.
  SSL_CTX* Context() const { return server_.ssl_context(); }

 private:
  httplib::SSLServer server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace twilio::testdata
