// Proxies: libcurl's standard environment variables (HTTPS_PROXY, NO_PROXY) and
// ClientConfig::proxy route requests; a NO_PROXY host goes direct.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <atomic>
#include <mutex>
#include <vector>

#include "integration/tls_server.hpp"
#include "twilio/errors.hpp"
#include "twilio/supersim/v1/usage_records_api.hpp"
#include "twilio/testing/fake_supersim_server.hpp"

namespace twilio::supersim::v1 {
namespace {

namespace fs = std::filesystem;

// Accepts connections on 127.0.0.1, keeps the first line of each, and closes them: enough to
// see what a client asked a proxy for.
class FirstLineListener {
 public:
  FirstLineListener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 || ::listen(fd_, 4) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      throw std::runtime_error("listener setup failed");
    }
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~FirstLineListener() {
    stopping_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  int Port() const { return port_; }
  std::vector<std::string> Lines() {
    std::lock_guard<std::mutex> lock(mutex_);
    return lines_;
  }

 private:
  void Serve() {
    while (!stopping_) {
      int client = ::accept(fd_, nullptr, nullptr);
      if (client < 0) return;
      std::string data;
      char buf[512];
      ssize_t n;
      while (data.find("\r\n") == std::string::npos &&
             (n = ::recv(client, buf, sizeof buf, 0)) > 0) {
        data.append(buf, static_cast<std::size_t>(n));
      }
      {
        std::lock_guard<std::mutex> lock(mutex_);
        lines_.push_back(data.substr(0, data.find("\r\n")));
      }
      ::close(client);
    }
  }

  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
  std::mutex mutex_;
  std::vector<std::string> lines_;
};

// Sets environment variables for one test (libcurl reads them per transfer).
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() { ::unsetenv(name_); }

 private:
  const char* name_;
};

class Proxies : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("twilio-proxy-" + std::to_string(::getpid()));
    cert_ = testdata::MakeCertificate(dir_, "self", "IP:127.0.0.1");
    ::unsetenv("NO_PROXY");
    ::unsetenv("no_proxy");
  }
  void TearDown() override { fs::remove_all(dir_); }

  ClientConfig Config(int port) const {
    ClientConfig config = testdata::HttpsConfig(port, cert_.string() + ".pem");
    // One attempt: these tests count what reaches the proxy, and a refused CONNECT is retried.
    config.retry = RetryPolicy::None();
    return config;
  }

  fs::path dir_;
  fs::path cert_;
};

// A host that is not loopback (and need not resolve: the proxy would resolve it) takes the
// environment's proxy.
TEST_F(Proxies, HttpsProxyFromTheEnvironmentGetsAConnectRequest) {
  FirstLineListener proxy;
  ScopedEnv https_proxy("HTTPS_PROXY", "http://127.0.0.1:" + std::to_string(proxy.Port()));
  ClientConfig config = Config(443);
  config.base_url = "https://supersim.example.invalid";
  EXPECT_THROW(UsageRecordsApi(config).ListUsageRecord(), TransportException);
  EXPECT_EQ(proxy.Lines(),
            std::vector<std::string>{"CONNECT supersim.example.invalid:443 HTTP/1.1"});
}

// NO_PROXY from the environment excepts hosts from a proxy, the configured one included (a
// loopback server would go direct anyway if the proxy came from the environment).
TEST_F(Proxies, NoProxyHostsGoDirect) {
  testdata::TlsServer server(cert_);
  FirstLineListener proxy;
  ClientConfig config = Config(server.Port());
  config.proxy = "http://127.0.0.1:" + std::to_string(proxy.Port());
  ScopedEnv no_proxy("NO_PROXY", "127.0.0.1");
  EXPECT_EQ(UsageRecordsApi(config).ListUsageRecord().usage_records.size(), 1u);
  EXPECT_TRUE(proxy.Lines().empty());
}

TEST_F(Proxies, ConfiguredProxyIsUsed) {
  testdata::TlsServer server(cert_);
  FirstLineListener proxy;
  ClientConfig config = Config(server.Port());
  config.proxy = "http://127.0.0.1:" + std::to_string(proxy.Port());
  EXPECT_THROW(UsageRecordsApi(config).ListUsageRecord(), TransportException);
  ASSERT_EQ(proxy.Lines().size(), 1u);
  EXPECT_EQ(proxy.Lines()[0].rfind("CONNECT 127.0.0.1:", 0), 0u);
}

// A port nothing listens on: bound, then closed.
int ClosedPort() {
  FirstLineListener listener;
  return listener.Port();
}

// The fake server (plain http on 127.0.0.1) with its credentials and one attempt per request.
ClientConfig LoopbackConfig(const test_support::FakeSupersimServer& server) {
  ClientConfig config;
  config.credentials =
      Credentials::FromAuthToken(server.GetOptions().username, server.GetOptions().password);
  config.base_url = server.BaseUrl();
  config.retry = RetryPolicy::None();
  return config;
}

// A developer laptop or CI runner with a proxy set: tests against a local server still work.
TEST_F(Proxies, TheEnvironmentsProxyIsNeverUsedForALoopbackServer) {
  test_support::FakeSupersimServer::Options options;
  options.clock = test_support::FakeSupersimServer::FixedClock(options.data.end);
  test_support::FakeSupersimServer server(options);
  server.Start();
  const std::string dead = "http://127.0.0.1:" + std::to_string(ClosedPort());
  ScopedEnv http_proxy("http_proxy", dead);
  ScopedEnv all_proxy("ALL_PROXY", dead);
  ScopedEnv all_proxy_lower("all_proxy", dead);
  const auto params =
      ListUsageRecordParams().SetGroup(Group::Sim).SetGranularity(Granularity::Day).SetLimit(3);
  EXPECT_EQ(UsageRecordsApi(LoopbackConfig(server)).ListUsageRecord(params).usage_records.size(),
            3u);
}

TEST_F(Proxies, AnExplicitProxyStillAppliesToALoopbackServer) {
  test_support::FakeSupersimServer server;
  server.Start();
  FirstLineListener proxy;
  ClientConfig config = LoopbackConfig(server);
  config.proxy = "http://127.0.0.1:" + std::to_string(proxy.Port());
  EXPECT_THROW(UsageRecordsApi(config).ListUsageRecord(), TransportException);
  ASSERT_EQ(proxy.Lines().size(), 1u);
  EXPECT_EQ(proxy.Lines()[0].rfind("GET " + server.BaseUrl() + "/v1/UsageRecords?", 0), 0u)
      << proxy.Lines()[0];
  EXPECT_EQ(server.RequestCount(), 0u);
}

TEST_F(Proxies, ATransportErrorThroughAProxyNamesItButNeverItsUserOrPassword) {
  test_support::FakeSupersimServer server;
  server.Start();
  ClientConfig config = LoopbackConfig(server);
  const int port = ClosedPort();
  config.proxy = "http://proxy-user:pr0xy-s3cret@127.0.0.1:" + std::to_string(port);
  try {
    UsageRecordsApi(config).ListUsageRecord();
    ADD_FAILURE() << "a dead proxy answered";
  } catch (const TransportException& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("through proxy http://127.0.0.1:" + std::to_string(port) + " failed"),
              std::string::npos)
        << what;
    EXPECT_EQ(what.find("pr0xy-s3cret"), std::string::npos) << what;
    EXPECT_EQ(what.find("proxy-user"), std::string::npos) << what;
  }
  // Without a proxy, the message says nothing of one.
  ClientConfig direct = LoopbackConfig(server);
  direct.base_url = "http://127.0.0.1:" + std::to_string(port);
  try {
    UsageRecordsApi(direct).ListUsageRecord();
    ADD_FAILURE() << "a closed port answered";
  } catch (const TransportException& e) {
    EXPECT_EQ(std::string(e.what()).find("proxy"), std::string::npos) << e.what();
  }
}

TEST_F(Proxies, TheNoProxySettingBypassesTheConfiguredProxy) {
  testdata::TlsServer server(cert_);
  FirstLineListener proxy;
  ClientConfig config = Config(server.Port());
  config.proxy = "http://127.0.0.1:" + std::to_string(proxy.Port());
  config.no_proxy = "example.com, 127.0.0.0/8";
  EXPECT_EQ(UsageRecordsApi(config).ListUsageRecord().usage_records.size(), 1u);
  EXPECT_TRUE(proxy.Lines().empty());
}

}  // namespace
}  // namespace twilio::supersim::v1
