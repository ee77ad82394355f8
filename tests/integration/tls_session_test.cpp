// The libcurl transport resumes TLS sessions: a request that needs a new connection (the server
// closed the last one, or another request holds it) skips the full handshake.
#include <gtest/gtest.h>
#include <openssl/ssl.h>
#include <unistd.h>

#include "integration/tls_server.hpp"
#include "twilio/supersim/v1/usage_records_api.hpp"

namespace twilio::supersim::v1 {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

class TlsSessions : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("twilio-tls-session-" + std::to_string(::getpid()));
    cert_ = testdata::MakeCertificate(dir_, "self", "IP:127.0.0.1");
  }
  void TearDown() override { fs::remove_all(dir_); }

  ClientConfig Config(int port) const {
    return testdata::HttpsConfig(port, cert_.string() + ".pem");
  }

  fs::path dir_, cert_;
};

TEST_F(TlsSessions, AReconnectionResumesTheSession) {
  testdata::TlsServer server(cert_, /*one_request_per_connection=*/true);
  UsageRecordsApi api(Config(server.Port()));
  for (int i = 0; i < 4; ++i) EXPECT_EQ(api.ListUsageRecord().usage_records.size(), 1u);
  // Four connections (the server closes each): one full handshake, three resumed.
  EXPECT_EQ(SSL_CTX_sess_accept(server.Context()), 4);
  EXPECT_EQ(SSL_CTX_sess_hits(server.Context()), 3);
}

TEST_F(TlsSessions, ConcurrentConnectionsShareTheSession) {
  testdata::TlsServer server(cert_, /*one_request_per_connection=*/false, 300ms);
  UsageRecordsApi api(Config(server.Port()));
  ASSERT_EQ(api.ListUsageRecord().usage_records.size(), 1u);  // one handshake, one connection
  // Three listings at once: the idle connection and two new ones, each on its own libcurl
  // handle. Without the shared session cache neither new handshake resumes; with it, at least
  // one does (a TLS 1.3 ticket is used once, and both may start before a new one arrives).
  FanOutOptions options;
  options.max_concurrent_requests = 3;
  auto results = api.ListUsageRecordFanOut({{}, {}, {}}, options);
  for (const auto& result : results) EXPECT_TRUE(result.ok());
  EXPECT_EQ(SSL_CTX_sess_accept(server.Context()), 3);
  EXPECT_GE(SSL_CTX_sess_hits(server.Context()), 1);
}

}  // namespace
}  // namespace twilio::supersim::v1
