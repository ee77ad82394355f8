// ListUsageRecordFanOut against a scripted transport: validation first, results in input
// order, each set's own Limit, the bound on requests in flight, errors kept per set.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "twilio/errors.hpp"
#include "twilio/supersim/v1/usage_records_api.hpp"
#include "unit/scripted_http_client.hpp"

namespace twilio::supersim::v1 {
namespace {

using testdata::JsonResponse;
using testdata::Page;
using testdata::ScriptedHttpClient;

const std::string kList = "https://supersim.twilio.com/v1/UsageRecords?";
constexpr int kRecordsPerSet = 10;

ClientConfig Config() {
  ClientConfig config;
  config.credentials = Credentials::FromAuthToken("AC" + std::string(32, 'a'), "s3cret-token");
  config.retry.initial_delay = std::chrono::milliseconds(1);
  return config;
}

int IntAfter(const std::string& url, const std::string& key, int otherwise) {
  const auto at = url.find(key);
  return at == std::string::npos ? otherwise : std::stoi(url.substr(at + key.size()));
}

// Set i is Fleet "set-<i>": kRecordsPerSet records whose data_upload is 1000 * i + n, in pages
// of the PageSize asked for. `before` runs first (to delay, count or fail a request).
std::shared_ptr<ScriptedHttpClient> SetServer(std::function<void(int set, int page)> before =
                                                  [](int, int) {}) {
  return std::make_shared<ScriptedHttpClient>([before](const http::HttpRequest& request) {
    const int set = IntAfter(request.url, "Fleet=set-", -1);
    const int size = IntAfter(request.url, "PageSize=", 50);
    const int page = IntAfter(request.url, "&Page=", 0);
    before(set, page);
    const int first = page * size;
    const int count = std::max(0, std::min(size, kRecordsPerSet - first));
    const std::string next = first + count < kRecordsPerSet
                                 ? kList + "Fleet=set-" + std::to_string(set) +
                                       "&PageSize=" + std::to_string(size) +
                                       "&Page=" + std::to_string(page + 1)
                                 : "";
    return JsonResponse(200, Page(1000 * set + first, count, next));
  });
}

std::vector<ListUsageRecordParams> Sets(int n, int page_size) {
  std::vector<ListUsageRecordParams> sets;
  for (int i = 0; i < n; ++i) {
    sets.push_back(
        ListUsageRecordParams().SetFleet("set-" + std::to_string(i)).SetPageSize(page_size));
  }
  return sets;
}

FanOutOptions Concurrency(std::size_t n) {
  FanOutOptions options;
  options.max_concurrent_requests = n;
  return options;
}

std::vector<int64_t> Uploads(const FanOutResult& result) {
  std::vector<int64_t> out;
  for (const auto& r : result.response.usage_records) out.push_back(r.data_upload.value_or(-1));
  return out;
}

std::vector<int64_t> Range(int64_t from, int64_t count) {
  std::vector<int64_t> out;
  for (int64_t i = 0; i < count; ++i) out.push_back(from + i);
  return out;
}

TEST(FanOut, ValidatesOptionsAndEverySetBeforeSendingAnything) {
  auto client = SetServer();
  UsageRecordsApi api(Config(), client);
  try {
    api.ListUsageRecordFanOut(Sets(3, 5), Concurrency(0));
    FAIL() << "expected a ValidationException";
  } catch (const ValidationException& e) {
    EXPECT_EQ(e.Parameter(), "max_concurrent_requests");
    EXPECT_EQ(e.Reason(), "must be at least 1");
  }
  auto sets = Sets(3, 5);
  sets[1].SetNetwork("HWnot-a-sid");
  try {
    api.ListUsageRecordFanOut(sets);
    FAIL() << "expected a ValidationException";
  } catch (const ValidationException& e) {
    EXPECT_EQ(e.Parameter(), "Network");
    EXPECT_NE(e.Reason().find("(parameter set 1)"), std::string::npos) << e.Reason();
  }
  EXPECT_THROW(api.ListUsageRecordFanOut(Sets(2, 5), std::function<void(FanOutResult &&)>()),
               ValidationException);
  EXPECT_TRUE(client->Urls().empty());
}

TEST(FanOut, EmptyInputGivesNoResultsAndSendsNothing) {
  auto client = SetServer();
  UsageRecordsApi api(Config(), client);
  EXPECT_TRUE(api.ListUsageRecordFanOut({}, Concurrency(8)).empty());
  int calls = 0;
  api.ListUsageRecordFanOut({}, [&](FanOutResult&&) { ++calls; });
  EXPECT_EQ(calls, 0);
  EXPECT_TRUE(client->Urls().empty());
}

TEST(FanOut, ResultsComeInInputOrderWhicheverFinishesFirst) {
  // Earlier sets are slower, so they complete last.
  auto client = SetServer(
      [](int set, int) { std::this_thread::sleep_for(std::chrono::milliseconds(5 * (6 - set))); });
  UsageRecordsApi api(Config(), client);

  std::vector<std::size_t> completion;
  api.ListUsageRecordFanOut(
      Sets(6, 4), [&](FanOutResult&& result) { completion.push_back(result.index); },
      Concurrency(6));
  ASSERT_EQ(completion.size(), 6u);
  EXPECT_NE(completion.front(), 0u);  // set 0 sleeps 30 ms per page, set 5 only 5 ms

  const auto results = api.ListUsageRecordFanOut(Sets(6, 4), Concurrency(6));
  ASSERT_EQ(results.size(), 6u);
  for (std::size_t i = 0; i < results.size(); ++i) {
    EXPECT_EQ(results[i].index, i);
    EXPECT_EQ(results[i].params.Fleet, "set-" + std::to_string(i));
    ASSERT_TRUE(results[i].ok());
    EXPECT_EQ(Uploads(results[i]), Range(1000 * static_cast<int64_t>(i), kRecordsPerSet));
    EXPECT_FALSE(results[i].response.meta.next_page_url.has_value());
  }
}

TEST(FanOut, EachSetKeepsItsOwnLimit) {
  auto client = SetServer();
  UsageRecordsApi api(Config(), client);
  auto sets = Sets(3, 4);
  sets[0].SetLimit(1);
  sets[1].SetLimit(6);  // mid second page
  const auto results = api.ListUsageRecordFanOut(sets, Concurrency(2));
  EXPECT_EQ(Uploads(results[0]), Range(0, 1));
  EXPECT_EQ(Uploads(results[1]), Range(1000, 6));
  EXPECT_EQ(Uploads(results[2]), Range(2000, 10));
  EXPECT_TRUE(results[1].response.meta.next_page_url.has_value());  // stopped by the Limit
  // 1 page (PageSize lowered to 1) + 2 pages + 3 pages.
  EXPECT_EQ(client->Urls().size(), 6u);
}

TEST(FanOut, NeverMoreRequestsInFlightThanTheBound) {
  std::atomic<int> in_flight{0};
  std::atomic<int> most{0};
  auto client = SetServer([&](int, int) {
    const int now = ++in_flight;
    int seen = most.load();
    while (now > seen && !most.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    --in_flight;
  });
  UsageRecordsApi api(Config(), client);
  const auto results = api.ListUsageRecordFanOut(Sets(8, 5), Concurrency(3));
  for (const auto& result : results) EXPECT_TRUE(result.ok());
  EXPECT_EQ(client->Urls().size(), 16u);
  EXPECT_EQ(most.load(), 3);
}

TEST(FanOut, AFailedSetKeepsItsErrorAndTheOthersComplete) {
  auto client = std::make_shared<ScriptedHttpClient>([](const http::HttpRequest& request) {
    if (request.url.find("Fleet=set-1") != std::string::npos) {
      return JsonResponse(404, {{"code", 20404}, {"message", "not found"}, {"status", 404}});
    }
    return JsonResponse(200, Page(0, 2, ""));
  });
  UsageRecordsApi api(Config(), client);
  const auto results = api.ListUsageRecordFanOut(Sets(4, 5), Concurrency(2));
  for (std::size_t i = 0; i < results.size(); ++i) {
    EXPECT_EQ(results[i].ok(), i != 1) << i;
  }
  EXPECT_THROW(std::rethrow_exception(results[1].error), ApiException);
  EXPECT_TRUE(results[1].response.usage_records.empty());
  EXPECT_EQ(results[3].response.usage_records.size(), 2u);
}

TEST(FanOut, AStoppedContextSendsNothingAndMarksEverySet) {
  auto client = SetServer();
  UsageRecordsApi api(Config(), client);
  CallContext cancelled;
  cancelled.cancellation.Cancel();
  for (const auto& result : api.ListUsageRecordFanOut(Sets(5, 5), Concurrency(2), cancelled)) {
    EXPECT_THROW(std::rethrow_exception(result.error), CancelledException);
  }
  const auto expired = CallContext::WithTimeout(std::chrono::seconds(-1));
  for (const auto& result : api.ListUsageRecordFanOut(Sets(5, 5), Concurrency(2), expired)) {
    EXPECT_THROW(std::rethrow_exception(result.error), DeadlineExceededException);
  }
  EXPECT_TRUE(client->Urls().empty());
}

TEST(FanOut, CallbackExceptionIsRethrownAndNoFurtherSetStarts) {
  auto client = SetServer();
  UsageRecordsApi api(Config(), client);
  int calls = 0;
  EXPECT_THROW(api.ListUsageRecordFanOut(
                   Sets(5, 5),
                   [&](FanOutResult&&) {
                     ++calls;
                     throw std::logic_error("consumer failed");
                   },
                   Concurrency(1)),
               std::logic_error);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(client->Urls().size(), 2u);  // set 0's two pages only

  // With several workers, the sets in flight finish but are not delivered.
  calls = 0;
  EXPECT_THROW(api.ListUsageRecordFanOut(
                   Sets(20, 5),
                   [&](FanOutResult&&) {
                     ++calls;
                     throw std::logic_error("consumer failed");
                   },
                   Concurrency(4)),
               std::logic_error);
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace twilio::supersim::v1
