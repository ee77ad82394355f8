// ListUsageRecordFanOut over real HTTP: several listings at once over the libcurl transport's
// connection pool, bounded, exact, and stoppable.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "integration/server_fixture.hpp"
#include "twilio/errors.hpp"

namespace twilio::supersim::v1 {
namespace {

using test_support::FakeFault;
using test_support::FakeSupersimServer;

class FanOutOverHttp : public testdata::ServerTest {
 protected:
  // What a sequential ListUsageRecord gives for each set, from a transport of its own; the
  // request log is cleared afterwards.
  std::vector<ListUsageRecordResponse> Sequential(const std::vector<ListUsageRecordParams>& sets) {
    auto api = Api();
    std::vector<ListUsageRecordResponse> out;
    for (const auto& params : sets) out.push_back(api.ListUsageRecord(params));
    server_.ClearRequests();
    return out;
  }
};

// One set per SIM of the default data set: 7 daily records each, in pages of `page_size`.
std::vector<ListUsageRecordParams> PerSim(int sims, int page_size) {
  std::vector<ListUsageRecordParams> sets;
  for (int sim = 0; sim < sims; ++sim) {
    sets.push_back(ListUsageRecordParams()
                       .SetSim(FakeSupersimServer::SimSid(sim))
                       .SetGranularity(Granularity::Day)
                       .SetPageSize(page_size));
  }
  return sets;
}

FanOutOptions Concurrency(std::size_t n) {
  FanOutOptions options;
  options.max_concurrent_requests = n;
  return options;
}

template <typename Exception>
bool Holds(const std::exception_ptr& error) {
  try {
    if (error) std::rethrow_exception(error);
  } catch (const Exception&) {
    return true;
  } catch (...) {
  }
  return false;
}

TEST_F(FanOutOverHttp, SixSetsTwoAtATimeEqualSequentialListings) {
  const auto sets = PerSim(6, 2);  // 4 pages per set
  const auto expected = Sequential(sets);

  const auto results = Api().ListUsageRecordFanOut(sets, Concurrency(2));

  ASSERT_EQ(results.size(), 6u);
  for (std::size_t i = 0; i < results.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(results[i].index, i);
    EXPECT_EQ(results[i].params.Sim, sets[i].Sim);
    ASSERT_TRUE(results[i].ok());
    EXPECT_EQ(results[i].response.usage_records.size(), 7u);
    EXPECT_EQ(results[i].response, expected[i]);
    for (const auto& record : results[i].response.usage_records) {
      EXPECT_EQ(record.sim_sid, FakeSupersimServer::SimSid(static_cast<int>(i)));
    }
  }
  EXPECT_EQ(server_.RequestCount(), 24u);
  EXPECT_LE(server_.MaxConcurrentRequests(), 2u);
  EXPECT_GE(server_.MaxConcurrentRequests(), 1u);
  EXPECT_LE(server_.AcceptedConnections(), 2u);
}

TEST_F(FanOutOverHttp, RunsUpToTheBoundInParallel) {
  FakeFault slow;
  slow.delay = std::chrono::milliseconds(100);
  server_.InjectFault(FakeSupersimServer::kEveryPage, slow);
  const auto sets = PerSim(3, 4);  // 2 pages per set

  const auto started = std::chrono::steady_clock::now();
  const auto results = Api().ListUsageRecordFanOut(sets, Concurrency(3));
  const auto elapsed = std::chrono::steady_clock::now() - started;

  for (const auto& result : results) {
    ASSERT_TRUE(result.ok()) << result.index;
    EXPECT_EQ(result.response.usage_records.size(), 7u);
  }
  EXPECT_EQ(server_.RequestCount(), 6u);
  EXPECT_EQ(server_.MaxConcurrentRequests(), 3u);
  EXPECT_LE(server_.AcceptedConnections(), 3u);
  EXPECT_GE(elapsed, std::chrono::milliseconds(200));  // two pages in a row per set
}

TEST_F(FanOutOverHttp, AFailingSetFailsAloneAndTheOthersStayExact) {
  auto sets = PerSim(4, 3);
  const auto expected = Sequential(sets);
  sets.insert(sets.begin() + 2, ListUsageRecordParams().SetSim("no-such-sim"));  // 404

  const auto results = Api().ListUsageRecordFanOut(sets, Concurrency(2));

  ASSERT_EQ(results.size(), 5u);
  for (std::size_t i = 0; i < results.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(results[i].index, i);
    if (i == 2) {
      ASSERT_FALSE(results[i].ok());
      try {
        std::rethrow_exception(results[i].error);
      } catch (const ApiException& e) {
        EXPECT_EQ(e.Status(), 404);
        EXPECT_EQ(e.Attempts(), 1);  // a 404 is not retried
      }
      EXPECT_TRUE(results[i].response.usage_records.empty());
    } else {
      ASSERT_TRUE(results[i].ok());
      EXPECT_EQ(results[i].response, expected[i < 2 ? i : i - 1]);
    }
  }
}

TEST_F(FanOutOverHttp, AFailingLaterPageKeepsTheRecordsBeforeIt) {
  FakeFault broken;
  broken.status = 400;  // not retried
  server_.InjectFault(1, broken);
  const auto results = Api().ListUsageRecordFanOut(PerSim(3, 5), Concurrency(3));
  for (const auto& result : results) {
    EXPECT_TRUE(Holds<ApiException>(result.error)) << result.index;
    EXPECT_EQ(result.response.usage_records.size(), 5u);  // page 0
    EXPECT_TRUE(result.response.meta.next_page_url.has_value());
  }
  EXPECT_EQ(server_.RequestCount(), 6u);
}

TEST_F(FanOutOverHttp, CancellationEndsPromptlyAndMarksEverySetNotDone) {
  // Sets 0 and 1 fit on one page; the others hang on their second page.
  auto sets = PerSim(6, 2);
  sets[0].SetPageSize(1000);
  sets[1].SetPageSize(1000);
  FakeFault hang;
  hang.delay = std::chrono::seconds(10);
  server_.InjectFault(1, hang);
  CallContext ctx;
  std::thread canceller([token = ctx.cancellation] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    token.Cancel();
  });

  const auto started = std::chrono::steady_clock::now();
  const auto results = Api().ListUsageRecordFanOut(sets, Concurrency(2), ctx);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  canceller.join();

  EXPECT_LT(elapsed, std::chrono::seconds(2));
  ASSERT_EQ(results.size(), 6u);
  EXPECT_TRUE(results[0].ok());
  EXPECT_TRUE(results[1].ok());
  EXPECT_EQ(results[0].response.usage_records.size(), 7u);
  for (std::size_t i = 2; i < 6; ++i) {
    EXPECT_TRUE(Holds<CancelledException>(results[i].error)) << i;
  }
  EXPECT_EQ(results[2].response.usage_records.size(), 2u);  // page 0 arrived before the hang
  EXPECT_TRUE(results[5].response.usage_records.empty());   // never started
  // Sets 0 and 1: one page each; sets 2 and 3: pages 0 and 1; sets 4 and 5: nothing.
  EXPECT_EQ(server_.RequestCount(), 6u);
}

TEST_F(FanOutOverHttp, DeadlineStopsEverySetNotDone) {
  FakeFault hang;
  hang.delay = std::chrono::seconds(10);
  server_.InjectFault(0, hang);
  const auto started = std::chrono::steady_clock::now();
  const auto results = Api().ListUsageRecordFanOut(
      PerSim(5, 2), Concurrency(2), CallContext::WithTimeout(std::chrono::milliseconds(300)));
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  for (const auto& result : results) {
    EXPECT_TRUE(Holds<DeadlineExceededException>(result.error)) << result.index;
  }
  EXPECT_EQ(server_.RequestCount(), 2u);
}

TEST_F(FanOutOverHttp, CallbackGetsEverySetOnceOneAtATimeOnAWorkerThread) {
  const auto sets = PerSim(6, 3);
  const auto expected = Sequential(sets);
  std::mutex mutex;
  std::vector<std::size_t> delivered;
  std::atomic<int> inside{0};
  bool overlapped = false;
  bool on_caller_thread = false;
  const auto caller = std::this_thread::get_id();

  Api().ListUsageRecordFanOut(
      sets,
      [&](FanOutResult&& result) {
        if (inside.fetch_add(1) != 0) overlapped = true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));  // widen any overlap
        {
          std::lock_guard<std::mutex> lock(mutex);
          delivered.push_back(result.index);
          if (std::this_thread::get_id() == caller) on_caller_thread = true;
          EXPECT_TRUE(result.ok());
          EXPECT_EQ(result.response, expected.at(result.index));
        }
        inside.fetch_sub(1);
      },
      Concurrency(3));

  std::sort(delivered.begin(), delivered.end());
  EXPECT_EQ(delivered, (std::vector<std::size_t>{0, 1, 2, 3, 4, 5}));
  EXPECT_FALSE(overlapped);
  EXPECT_FALSE(on_caller_thread);
  EXPECT_LE(server_.MaxConcurrentRequests(), 3u);
}

TEST_F(FanOutOverHttp, CallbackExceptionStopsNewSetsAndIsRethrown) {
  int calls = 0;
  EXPECT_THROW(Api().ListUsageRecordFanOut(
                   PerSim(6, 2),
                   [&](FanOutResult&&) {
                     ++calls;
                     throw std::runtime_error("consumer failed");
                   },
                   Concurrency(1)),
               std::runtime_error);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(server_.RequestCount(), 4u);  // set 0 only
}

TEST_F(FanOutOverHttp, InvalidInputIsRefusedBeforeAnyRequest) {
  auto api = Api();
  try {
    api.ListUsageRecordFanOut(PerSim(2, 2), Concurrency(0));
    FAIL() << "expected a ValidationException";
  } catch (const ValidationException& e) {
    EXPECT_EQ(e.Parameter(), "max_concurrent_requests");
    EXPECT_STREQ(e.what(), "invalid max_concurrent_requests: must be at least 1");
  }
  auto sets = PerSim(4, 2);
  sets[3].SetPageSize(0);
  try {
    api.ListUsageRecordFanOut(sets);
    FAIL() << "expected a ValidationException";
  } catch (const ValidationException& e) {
    EXPECT_EQ(e.Parameter(), "PageSize");
    EXPECT_NE(std::string(e.what()).find("(parameter set 3)"), std::string::npos) << e.what();
  }
  EXPECT_EQ(server_.RequestCount(), 0u);
  EXPECT_EQ(server_.AcceptedConnections(), 0u);
  EXPECT_TRUE(api.ListUsageRecordFanOut({}).empty());
}

}  // namespace
}  // namespace twilio::supersim::v1
