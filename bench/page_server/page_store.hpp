// Every page of one fake-server listing, rendered once into complete HTTP answers and then only
// looked up: the benchmark server's per-request work is a hash lookup, so it answers faster
// than any client can parse.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "page_server/http_listener.hpp"
#include "twilio/testing/fake_supersim_server.hpp"

namespace twilio::bench {

class PageStore {
 public:
  /// Renders the listing `query` (a UsageRecords query string, validated as the fake server
  /// does; its PageSize sets the pages) over `data`, with paging links on `base_url`. Requests
  /// must carry basic auth for `username`:`password`. Throws std::invalid_argument for a query
  /// the fake server would refuse.
  PageStore(const test_support::FakeDataSet& data, const std::string& query,
            const std::string& base_url, const std::string& username, const std::string& password);

  /// The answer to `request`: the page it asks for (by Page or PageToken, whatever order and
  /// spelling its parameters have), or a 401, 400 or 404 answer.
  std::string_view Answer(const BenchRequest& request);

  /// The absolute URL of each page, first to last, as a client following next_page_url asks.
  const std::vector<std::string>& PageUrls() const { return urls_; }
  /// Body bytes of the first `pages` pages.
  int64_t BodyBytes(std::size_t pages) const;

 private:
  // The page `target` asks for, or -1 (not this listing) / -2 (not a valid query).
  int64_t PageOf(std::string_view target) const;

  test_support::FakeDataSet data_;
  std::string listing_key_;  // the listing's query without paging, in the fake server's order
  std::string authorization_;
  std::vector<std::string> answers_;  // status line, headers and body of each page
  std::vector<int64_t> body_bytes_;
  std::vector<std::string> urls_;
  std::mutex mutex_;
  std::unordered_map<std::string, int64_t> page_by_target_;  // every target seen, memoized
};

}  // namespace twilio::bench
