/// \file
/// A fake Super SIM UsageRecords server on 127.0.0.1 for tests, examples and demos: deterministic
/// usage data, Twilio's query parameters and paging, basic auth, and injectable faults.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "twilio/client_config.hpp"
#include "twilio/export.hpp"

namespace twilio::test_support {

/// Usage a test sets for some SIMs and hours, replacing what the data set's formula gives them:
/// "SIM 3 used 150 MB on 2 January" is {sim 3, start 2026-01-02, 24 hours, download 150 MB}.
struct FakeUsage {
  /// One SIM, by its index. Exactly one of sim, network and country is set.
  std::optional<int> sim;
  /// Every SIM of one network, by the network's index.
  std::optional<int> network;
  /// Every SIM whose network is in this country (one of FakeDataSet::countries).
  std::optional<std::string> country;
  /// The first hour: the whole UTC hour this time falls in. At least one of the entry's hours
  /// must be in the data set's [start, end).
  std::chrono::system_clock::time_point start;
  /// How many hours from `start` (>= 1).
  int hours = 1;
  /// Bytes each named SIM sent over all the hours, spread evenly over them (the remainder in
  /// the first). At least 0. An hour outside the data set's [start, end) has no usage whatever
  /// is set.
  int64_t upload = 0;
  /// Bytes each named SIM received, spread as `upload` is. At least 0.
  int64_t download = 0;
};

/// The deterministic fleet the server reports on. SIM i belongs to fleet i % fleets, uses
/// network i % networks, and network n sits in country countries[n % countries.size()]. Every
/// SIM uses data in every hour of [start, end): between 1000 and 100000 bytes up and down, from
/// a fixed formula of the SIM and the hour, unless `usage` says otherwise.
struct FakeDataSet {
  /// How many SIMs use data (>= 0).
  int sims = 6;
  /// How many fleets the SIMs are spread over (>= 1).
  int fleets = 2;
  /// How many networks the SIMs are spread over (>= 1).
  int networks = 3;
  /// The networks' countries, ISO 3166-1 alpha-2 (at least one).
  std::vector<std::string> countries = {"FR", "US", "DE"};
  /// Start of the data, UTC; usage is counted in whole hours, so a time within an hour counts
  /// from the next whole hour. Defaults to the 7 days from 2026-01-01T00:00:00Z.
  std::chrono::system_clock::time_point start =
      std::chrono::system_clock::time_point(std::chrono::seconds(1767225600));
  /// End of the data (exclusive), UTC, not before `start`; a time within an hour ends the data
  /// at the next whole hour.
  std::chrono::system_clock::time_point end = start + std::chrono::hours(24 * 7);
  /// The account_sid every record carries.
  std::string account_sid = "AC00000000000000000000000000000000";
  /// Unique names; SIM i gets sim_names[i] when present, else "sim-<i>". Fleets likewise.
  std::vector<std::string> sim_names;
  /// Unique names of the fleets; fleet i gets fleet_names[i] when present, else "fleet-<i>".
  std::vector<std::string> fleet_names;
  /// data_total_billed is sent as a JSON string (as Twilio does) unless this is set.
  bool billed_as_number = false;
  /// Usage that replaces the formula's, for the SIMs and hours each entry names (a later entry
  /// wins over an earlier one for the same SIM and hour).
  std::vector<FakeUsage> usage;
};

/// One fault, applied to requests for a given page (0-based, as the Page parameter counts), or
/// to every page (FakeSupersimServer::kEveryPage).
struct FakeFault {
  /// Answer with this status and a Twilio-shaped error body (unless `body` is set).
  std::optional<int> status;
  /// Sent as the Retry-After header (with whatever answer the fault gives).
  std::optional<std::string> retry_after;
  /// Replaces the response body (an HTML error page, a malformed JSON text, ...).
  std::optional<std::string> body;
  /// Sleep this long before answering.
  std::chrono::milliseconds delay{0};
  /// Send only the first half of the real page with a matching Content-Length (valid HTTP,
  /// truncated JSON).
  bool truncate_json = false;
  /// Promise the whole body in Content-Length, send half of it, then close the connection.
  bool reset_mid_body = false;
  /// Close the connection without any response.
  bool drop_connection = false;
  /// Put this URL in meta.next_page_url (another host, a page already read, ...).
  std::optional<std::string> next_page_url;
  /// Answer with a redirect (302) to this URL.
  std::optional<std::string> redirect_to;
  /// Answer with `"usage_records": []` and the meta the page would have had, so next_page_url
  /// still links to the next page (a status, body or redirect in the same fault wins over it).
  bool empty_page = false;
  /// How many requests for the page the fault applies to before it clears; < 0 means always.
  int times = -1;
};

/// One request as the server received it.
struct TWILIO_SUPERSIM_TESTING_EXPORT RecordedRequest {
  /// The HTTP method, e.g. "GET".
  std::string method;
  /// The path without the query, e.g. "/v1/UsageRecords".
  std::string path;
  /// The raw query string, as sent (still percent-encoded).
  std::string raw_query;
  /// Decoded query parameters in order.
  std::vector<std::pair<std::string, std::string>> params;
  /// Header names lower-cased.
  std::multimap<std::string, std::string> headers;
  /// The page the request asked for, as faults count it: the PageToken's offset / PageSize
  /// when a PageToken is given, else the Page parameter (0 when absent).
  int64_t page = 0;
  /// The TCP connection the request came on. The server numbers the connections it accepts
  /// 1, 2, 3, ... in accept order over its whole life (ClearRequests does not restart the
  /// numbering), so requests with equal values shared one kept-alive connection.
  std::uint64_t connection = 0;
  /// The Twilio-Request-Id the server answered it with (RQ and 32 hex digits, different for
  /// every request any server of the process answers).
  std::string request_id;

  /// First value of query parameter `name` (case-sensitive), or std::nullopt.
  std::optional<std::string> Param(const std::string& name) const;
  /// First value of header `name` (any case), or std::nullopt.
  std::optional<std::string> Header(const std::string& name) const;
};

/// The server. Start() binds 127.0.0.1 on a free port and serves on a background thread until
/// Stop() or destruction. All members are thread-safe. Start() sets SIGPIPE to ignored for the
/// process when it is still at its default, so that a client that hangs up cannot kill it.
class TWILIO_SUPERSIM_TESTING_EXPORT FakeSupersimServer {
 public:
  /// What the server serves and whom it lets in.
  struct Options {
    /// The usage the server reports.
    FakeDataSet data;
    /// Basic-auth credentials the server accepts. Empty username: no auth check.
    std::string username = "AC00000000000000000000000000000000";
    /// The password (auth token) that goes with `username`.
    std::string password = "fake-auth-token";
    /// "Now", for Twilio's defaults of a request without EndTime (now) or StartTime (one month
    /// before EndTime: the same day and time of the month before, clamped to its last day, as
    /// Twilio does not say more). Empty: the real clock. FixedClock(data.end) makes a request
    /// without times cover data sets of up to a month. Called on the server's threads, possibly
    /// several at once: it must be safe to call concurrently.
    std::function<std::chrono::system_clock::time_point()> clock;
  };

  /// A clock that always reads `now`, for Options::clock.
  static std::function<std::chrono::system_clock::time_point()> FixedClock(
      std::chrono::system_clock::time_point now);

  /// A server with the default Options; nothing is bound before Start().
  FakeSupersimServer();
  /// A server with `options`; nothing is bound before Start().
  explicit FakeSupersimServer(Options options);
  /// Stops the server.
  ~FakeSupersimServer();
  FakeSupersimServer(const FakeSupersimServer&) = delete;
  FakeSupersimServer& operator=(const FakeSupersimServer&) = delete;

  /// Binds and starts serving; returns the port. Throws std::invalid_argument for a data set it
  /// cannot serve (negative sims, no fleets or networks, no countries, end before start), and
  /// std::runtime_error if it cannot bind.
  int Start();
  /// Stops serving and closes every connection, waking requests held by a `delay`; a no-op
  /// when not started. Start() may be called again.
  void Stop();

  /// The port Start() bound; 0 before the first Start().
  int Port() const;
  /// "http://127.0.0.1:<port>": the base URL to configure a client with.
  std::string BaseUrl() const;
  /// A ClientConfig for this server: its base URL and credentials, and retries that do not wait
  /// (no backoff, Retry-After not honoured), so a test of a failure takes milliseconds. The
  /// server must have been started.
  ClientConfig MakeClientConfig() const;
  /// The options the server was made with (its credentials, for a client's config).
  const Options& GetOptions() const;

  /// The page InjectFault takes for a fault on every page.
  static constexpr int64_t kEveryPage = -1;

  /// Applies `fault` to requests for page `page` (replacing any fault already set there); a
  /// `times` of 0 removes the fault set there. With `page` == kEveryPage the fault applies to
  /// requests for any page that has no fault of its own (a page's own fault wins, and once its
  /// `times` are used up the page falls back to the every-page fault); its `times` is one
  /// counter shared by all pages: `times = 3` faults the next 3 such requests, whichever pages
  /// they ask for.
  void InjectFault(int64_t page, FakeFault fault);
  /// Removes every fault, the every-page one included.
  void ClearFaults();

  /// Every request received so far, in arrival order.
  std::vector<RecordedRequest> Requests() const;
  /// Requests().size(), without copying the log.
  std::size_t RequestCount() const;
  /// TCP connections the server accepted since it was constructed or ClearRequests() was last
  /// called (Stop and Start do not reset it, as they do not clear the request log). A
  /// connection accepted before ClearRequests() and still open is not counted again when it
  /// carries later requests.
  std::size_t AcceptedConnections() const;
  /// The most requests handled at the same time (from reading the request to handing the
  /// answer to the connection, `delay` included) since construction or ClearRequests().
  std::size_t MaxConcurrentRequests() const;
  /// Clears the request log and resets AcceptedConnections() to 0 and MaxConcurrentRequests()
  /// to the number of requests being handled right now.
  void ClearRequests();

  /// The SID the server gives SIM i ("HS" + 32 hex digits); fleets "HF...", networks "HW...".
  static std::string SimSid(int index);
  /// The SID the server gives fleet i ("HF" + 32 hex digits).
  static std::string FleetSid(int index);
  /// The SID the server gives network i ("HW" + 32 hex digits).
  static std::string NetworkSid(int index);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace twilio::test_support
