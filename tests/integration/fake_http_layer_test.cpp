// The fake server's own HTTP/1.1 layer (src/testing/fake_http_*.cpp): the request parser and
// the response renderer as pure functions, and over a raw socket what no HTTP client shows:
// a request it cannot read, pipelined requests, HEAD, and Stop() ending an idle connection.
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <thread>

#include "testing/fake_http_request.hpp"
#include "testing/fake_http_response.hpp"
#include "twilio/testing/fake_supersim_server.hpp"

namespace twilio::test_support::fake {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(FakeHttpRequest, ParsesTheRequestLineHeadersAndABody) {
  const std::string bytes =
      "POST /v1/Usage%52ecords?Sim=a%20b HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      "X-Spaced:   two words  \r\nContent-Length: 2\r\n\r\n{}GET / HTTP/1.1\r\n\r\n";
  HttpRequest request;
  std::size_t consumed = 0;
  ASSERT_EQ(ParseRequest(bytes, request, consumed), ParseStatus::kComplete);
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.target, "/v1/Usage%52ecords?Sim=a%20b");
  EXPECT_EQ(request.path, "/v1/UsageRecords");
  EXPECT_EQ(request.raw_query, "Sim=a%20b");
  ASSERT_EQ(request.headers.size(), 3u);
  EXPECT_EQ(request.headers[1].first, "X-Spaced");
  EXPECT_EQ(request.headers[1].second, "two words");
  ASSERT_NE(request.Header("content-LENGTH"), nullptr);
  EXPECT_EQ(request.body, "{}");
  EXPECT_TRUE(request.keep_alive);
  EXPECT_EQ(bytes.substr(consumed), "GET / HTTP/1.1\r\n\r\n");  // the pipelined next request
}

TEST(FakeHttpRequest, WaitsForTheWholeHeadAndBody) {
  HttpRequest request;
  std::size_t consumed = 0;
  EXPECT_EQ(ParseRequest("", request, consumed), ParseStatus::kIncomplete);
  EXPECT_EQ(ParseRequest("GET / HTTP/1.1\r\nHost: x\r\n", request, consumed),
            ParseStatus::kIncomplete);
  EXPECT_EQ(ParseRequest("PUT / HTTP/1.1\r\nContent-Length: 5\r\n\r\nab", request, consumed),
            ParseStatus::kIncomplete);
}

TEST(FakeHttpRequest, ReadsConnectionAsHttp10AndHttp11Do) {
  HttpRequest request;
  std::size_t consumed = 0;
  ASSERT_EQ(ParseRequest("GET / HTTP/1.0\r\n\r\n", request, consumed), ParseStatus::kComplete);
  EXPECT_FALSE(request.keep_alive);
  ASSERT_EQ(ParseRequest("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", request, consumed),
            ParseStatus::kComplete);
  EXPECT_TRUE(request.keep_alive);
  ASSERT_EQ(ParseRequest("GET / HTTP/1.1\r\nConnection: TE, close\r\n\r\n", request, consumed),
            ParseStatus::kComplete);
  EXPECT_FALSE(request.keep_alive);
}

TEST(FakeHttpRequest, RefusesWhatItCannotRead) {
  const char* const bad[] = {
      "GET\r\n\r\n",
      "GET / HTTP/2\r\n\r\n",
      "GET noslash HTTP/1.1\r\n\r\n",
      "GET / HTTP/1.1\r\nNo colon\r\n\r\n",
      "GET / HTTP/1.1\r\nBad Name: x\r\n\r\n",
      "GET / HTTP/1.1\r\nA: 1\r\n folded\r\n\r\n",
      "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
      "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
      "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
      "POST / HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n",
  };
  for (const char* bytes : bad) {
    HttpRequest request;
    std::size_t consumed = 0;
    EXPECT_EQ(ParseRequest(bytes, request, consumed), ParseStatus::kBad) << bytes;
  }
  HttpRequest request;
  std::size_t consumed = 0;
  EXPECT_EQ(ParseRequest(std::string(kMaxRequestHead + 1, 'G'), request, consumed),
            ParseStatus::kBad);
}

TEST(FakeHttpResponse, RendersEachDeliveryByteExactly) {
  HttpResponse response;
  response.status = 429;
  response.content_type = "application/json";
  response.headers = {{"Retry-After", "2"}};
  response.body = "0123456789";
  const WireResponse whole = Render(response, "GET", /*keep_alive=*/true);
  EXPECT_EQ(whole.bytes,
            "HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\n"
            "Content-Length: 10\r\nRetry-After: 2\r\n\r\n0123456789");
  EXPECT_FALSE(whole.close);

  const WireResponse head = Render(response, "HEAD", /*keep_alive=*/false);
  EXPECT_EQ(head.bytes,
            "HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\n"
            "Content-Length: 10\r\nRetry-After: 2\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(head.close);

  response.delivery = HttpResponse::Delivery::kHalfBodyThenClose;
  const WireResponse half = Render(response, "GET", /*keep_alive=*/true);
  EXPECT_THAT(half.bytes, HasSubstr("Content-Length: 10\r\n"));
  EXPECT_THAT(half.bytes, HasSubstr("\r\nConnection: close\r\n\r\n01234"));
  EXPECT_EQ(half.bytes.substr(half.bytes.size() - 5), "01234");
  EXPECT_TRUE(half.close);

  response.body.clear();  // nothing to cut: a whole answer
  EXPECT_FALSE(Render(response, "GET", true).close);

  response.delivery = HttpResponse::Delivery::kNothing;
  const WireResponse nothing = Render(response, "GET", true);
  EXPECT_EQ(nothing.bytes, "");
  EXPECT_TRUE(nothing.close);
}

// A connected socket to 127.0.0.1:port that gives up reading after 5 s.
class RawConnection {
 public:
  explicit RawConnection(int port) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    timeval timeout{5, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  ~RawConnection() { close(fd_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }
  bool Send(const std::string& bytes) {
    return send(fd_, bytes.data(), bytes.size(), 0) == static_cast<ssize_t>(bytes.size());
  }
  // Everything until the server closes (or 5 s of silence: then `closed` is false).
  std::string ReadToEnd(bool& closed) {
    std::string received;
    char buffer[4096];
    for (;;) {
      const ssize_t n = recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) {
        closed = n == 0;
        return received;
      }
      received.append(buffer, static_cast<std::size_t>(n));
    }
  }

 private:
  int fd_;
  bool connected_ = false;
};

std::size_t Count(const std::string& text, const std::string& what) {
  std::size_t count = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++count;
  }
  return count;
}

TEST(FakeHttpOverASocket, ARequestItCannotReadGets400AndTheConnectionCloses) {
  FakeSupersimServer server;
  RawConnection connection(server.Start());
  ASSERT_TRUE(connection.connected());
  ASSERT_TRUE(connection.Send("NOT HTTP AT ALL\r\n\r\n"));
  bool closed = false;
  const std::string received = connection.ReadToEnd(closed);
  EXPECT_TRUE(closed);
  EXPECT_THAT(received, StartsWith("HTTP/1.1 400 Bad Request\r\n"));
  EXPECT_THAT(received, HasSubstr("\r\nConnection: close\r\n"));
  EXPECT_EQ(server.RequestCount(), 0u);  // not a request: not logged
}

TEST(FakeHttpOverASocket, PipelinedRequestsAreAnsweredInOrderOnOneConnection) {
  FakeSupersimServer::Options options;
  options.username.clear();  // no auth
  FakeSupersimServer server(options);
  RawConnection connection(server.Start());
  ASSERT_TRUE(connection.connected());
  ASSERT_TRUE(
      connection.Send("GET /v1/UsageRecords?Page=0 HTTP/1.1\r\nHost: a\r\n\r\n"
                      "HEAD /v1/UsageRecords?Page=1 HTTP/1.1\r\nHost: a\r\n\r\n"
                      "GET /v1/Other HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"));
  bool closed = false;
  const std::string received = connection.ReadToEnd(closed);
  EXPECT_TRUE(closed);
  EXPECT_EQ(Count(received, "HTTP/1.1 200 OK\r\n"), 2u) << received;
  EXPECT_EQ(Count(received, "HTTP/1.1 404 Not Found\r\n"), 1u) << received;
  EXPECT_EQ(Count(received, "{\"usage_records\":"), 1u) << "HEAD sends no body";
  EXPECT_EQ(Count(received, "Connection: close"), 1u);
  const auto requests = server.Requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[1].method, "HEAD");
  EXPECT_EQ(requests[0].connection, requests[2].connection);
  EXPECT_EQ(server.AcceptedConnections(), 1u);
}

TEST(FakeHttpOverASocket, StopEndsAConnectionThatNeverSentARequest) {
  FakeSupersimServer server;
  RawConnection connection(server.Start());
  ASSERT_TRUE(connection.connected());
  while (server.AcceptedConnections() == 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  const auto before = std::chrono::steady_clock::now();
  server.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::seconds(1));
  bool closed = false;
  EXPECT_EQ(connection.ReadToEnd(closed), "");
  EXPECT_TRUE(closed);
}

}  // namespace
}  // namespace twilio::test_support::fake
