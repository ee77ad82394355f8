// The libcurl transport verifies TLS peers and host names: a self-signed server is refused
// unless its certificate is trusted through ClientConfig::ca_bundle, and then only for the host
// name the certificate names.
#include <gtest/gtest.h>

#include "integration/tls_server.hpp"
#include "twilio/errors.hpp"
#include "twilio/supersim/v1/usage_records_api.hpp"

namespace twilio::supersim::v1 {
namespace {

namespace fs = std::filesystem;
using testdata::MakeCertificate;
using testdata::TlsServer;

class TlsVerification : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("twilio-tls-" + std::to_string(::getpid()));
  }
  void TearDown() override { fs::remove_all(dir_); }

  ClientConfig Config(int port, const std::string& ca_bundle) const {
    return testdata::HttpsConfig(port, ca_bundle);
  }

  fs::path dir_;
};

TEST_F(TlsVerification, RefusesAnUntrustedCertificate) {
  fs::path cert = MakeCertificate(dir_, "self", "IP:127.0.0.1");
  TlsServer server(cert);
  try {
    UsageRecordsApi(Config(server.Port(), "")).ListUsageRecord();
    FAIL() << "an untrusted certificate was accepted";
  } catch (const TransportException& e) {
    EXPECT_EQ(e.CurlCode(), 60);  // CURLE_PEER_FAILED_VERIFICATION
  }
}

TEST_F(TlsVerification, TrustsTheConfiguredCaBundle) {
  fs::path cert = MakeCertificate(dir_, "self", "IP:127.0.0.1");
  TlsServer server(cert);
  auto page = UsageRecordsApi(Config(server.Port(), cert.string() + ".pem")).ListUsageRecord();
  ASSERT_EQ(page.usage_records.size(), 1u);
  EXPECT_EQ(page.usage_records[0].data_upload, 1);
}

TEST_F(TlsVerification, RefusesATrustedCertificateForAnotherHost) {
  fs::path cert = MakeCertificate(dir_, "other", "DNS:other.example");
  TlsServer server(cert);
  try {
    UsageRecordsApi(Config(server.Port(), cert.string() + ".pem")).ListUsageRecord();
    FAIL() << "a certificate for another host was accepted";
  } catch (const TransportException& e) {
    EXPECT_EQ(e.CurlCode(), 60);
  }
}

}  // namespace
}  // namespace twilio::supersim::v1
