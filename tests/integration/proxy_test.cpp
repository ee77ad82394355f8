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

TEST_F(Proxies, HttpsProxyFromTheEnvironmentGetsAConnectRequest) {
  testdata::TlsServer server(cert_);
  FirstLineListener proxy;
  ScopedEnv https_proxy("HTTPS_PROXY", "http://127.0.0.1:" + std::to_string(proxy.Port()));
  EXPECT_THROW(UsageRecordsApi(Config(server.Port())).ListUsageRecord(), TransportException);
  std::string target = "127.0.0.1:" + std::to_string(server.Port());
  EXPECT_EQ(proxy.Lines(), std::vector<std::string>{"CONNECT " + target + " HTTP/1.1"});
}

TEST_F(Proxies, NoProxyHostsGoDirect) {
  testdata::TlsServer server(cert_);
  FirstLineListener proxy;
  ScopedEnv https_proxy("HTTPS_PROXY", "http://127.0.0.1:" + std::to_string(proxy.Port()));
  ScopedEnv no_proxy("NO_PROXY", "127.0.0.1");
  EXPECT_EQ(UsageRecordsApi(Config(server.Port())).ListUsageRecord().usage_records.size(), 1u);
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

}  // namespace
}  // namespace twilio::supersim::v1
