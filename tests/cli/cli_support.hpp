// What the CLI tests compare against: the same listing fetched with the SDK itself from a
// FakeSupersimServer with the default data set (the one --demo serves), and small helpers.
#pragma once

#include <string>
#include <vector>

#include "twilio/supersim/v1/list_usage_record_params.hpp"
#include "twilio/supersim/v1/supersim_v1_usage_record.hpp"
#include "twilio/testing/fake_supersim_server.hpp"

namespace cli_test {

/// Every record of the listing `params` asks for, read with UsageRecordsApi::ListUsageRecord
/// from a fresh default FakeSupersimServer.
std::vector<twilio::supersim::v1::SupersimV1UsageRecord> SdkListing(
    const twilio::supersim::v1::ListUsageRecordParams& params);

/// The fake server's default options with its "now" at the end of its data (the demo data's
/// end, 2026-01-08T00:00:00Z): a listing without times covers the whole data set.
twilio::test_support::FakeSupersimServer::Options Pinned(
    twilio::test_support::FakeSupersimServer::Options options = {});

/// What --demo serves when `kDemoNow` is "now": the default data set, and its clock.
extern const char kDemoNow[];

/// The environment that makes the CLI authenticate as `server` expects.
std::vector<std::string> ServerEnv(const twilio::test_support::FakeSupersimServer& server);

/// A single-page listing body holding `records` (JSON objects as text), for FakeFault::body.
std::string PageBody(const std::vector<std::string>& records);

/// A started FakeSupersimServer whose listing is one page holding `records` (JSON objects as
/// text), whatever the query.
class RecordsServer {
 public:
  explicit RecordsServer(const std::vector<std::string>& records);
  std::string BaseUrl() const { return server_.BaseUrl(); }
  const twilio::test_support::FakeSupersimServer& Server() const { return server_; }

 private:
  twilio::test_support::FakeSupersimServer server_;
};

/// Whitespace-separated words of `line` and the column each starts at.
struct Word {
  std::string text;
  std::size_t begin;
  std::size_t end;
};
std::vector<Word> Words(const std::string& line);

/// A fresh folder under $TMPDIR (or /tmp), removed with the files in it when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& Path() const { return path_; }
  /// Path() + "/" + name.
  std::string File(const std::string& name) const;
  /// The names in the folder (dot files included), sorted.
  std::vector<std::string> Entries() const;

 private:
  std::string path_;
};

}  // namespace cli_test
