// The retry loop on an injected clock, sleeper and random source: every wait is recorded, none
// is slept, and each failure is judged by what it reports of itself (ForRetry), not its type.
#include <gtest/gtest.h>

#include <vector>

#include "retry.hpp"
#include "twilio/errors.hpp"

namespace twilio::internal {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// A clock that moves only when the loop sleeps.
struct FakeTime {
  CallContext::Clock::time_point now{};
  std::chrono::system_clock::time_point wall{seconds(1445412480)};  // 2015-10-21T07:28:00Z
  std::vector<milliseconds> sleeps;
  double random = 0.0;

  RetryEnvironment Environment() {
    RetryEnvironment environment;
    environment.now = [this] { return now; };
    environment.wall_now = [this] { return wall; };
    environment.sleep = [this](milliseconds delay, const CallContext&) {
      sleeps.push_back(delay);
      now += delay;
      wall += delay;
    };
    environment.random = [this] { return random; };
    return environment;
  }
};

RetryPolicy Policy() {
  RetryPolicy policy;
  policy.initial_delay = milliseconds(1000);
  policy.multiplier = 2;
  policy.jitter = 0;
  return policy;
}

// Runs `fail` until it has thrown `failures` times; returns the attempts made, or -1 when the
// last error escaped.
template <typename Fail>
int Attempts(const RetryLoop& loop, int failures, Fail fail, const CallContext& ctx = {}) {
  RetryState state;
  int calls = 0;
  try {
    loop.Run(
        ctx, "https://example.test/v1/UsageRecords",
        [&] {
          if (++calls <= failures) fail();
        },
        state);
  } catch (const TwilioException&) {
    return -1;
  }
  return state.attempts;
}

ApiException Status(int status, std::optional<std::string> retry_after = {}) {
  return ApiException(status, std::nullopt, "", "", "", "", std::move(retry_after));
}

TEST(RetryLoop, BacksOffOnTheInjectedSleeperWithoutWaiting) {
  FakeTime time;
  const RetryLoop loop(Policy(), time.Environment());
  EXPECT_EQ(Attempts(loop, 3, [] { throw Status(503); }), 4);
  EXPECT_EQ(time.sleeps, (std::vector<milliseconds>{milliseconds(1000), milliseconds(2000),
                                                    milliseconds(4000)}));
}

TEST(RetryLoop, JitterIsDrawnFromTheInjectedSource) {
  RetryPolicy policy = Policy();
  policy.jitter = 0.5;
  for (const auto& [random, expected] : {std::pair{0.0, 1000}, std::pair{0.5, 750}}) {
    FakeTime time;
    time.random = random;
    const RetryLoop loop(policy, time.Environment());
    EXPECT_EQ(Attempts(loop, 1, [] { throw Status(500); }), 2);
    EXPECT_EQ(time.sleeps, std::vector<milliseconds>{milliseconds(expected)}) << random;
  }
}

TEST(RetryLoop, RetryAfterDateIsMeasuredOnTheInjectedWallClock) {
  FakeTime time;
  const RetryLoop loop(Policy(), time.Environment());
  EXPECT_EQ(Attempts(loop, 1, [] { throw Status(429, "Wed, 21 Oct 2015 07:28:07 GMT"); }), 2);
  EXPECT_EQ(time.sleeps, std::vector<milliseconds>{milliseconds(7000)});
}

TEST(RetryLoop, ARetryThatWouldEndPastTheDeadlineIsNotMade) {
  FakeTime time;
  const RetryLoop loop(Policy(), time.Environment());
  CallContext ctx;
  ctx.deadline = time.now + milliseconds(2500);  // room for the 1 s wait, not the 2 s one
  EXPECT_EQ(Attempts(
                loop, 3, [] { throw Status(503); }, ctx),
            -1);
  EXPECT_EQ(time.sleeps, std::vector<milliseconds>{milliseconds(1000)});
}

TEST(RetryLoop, TheTransportSaysWhatIsTransientNotItsCurlCode) {
  FakeTime time;
  const RetryLoop loop(Policy(), time.Environment());
  EXPECT_EQ(Attempts(loop, 1, [] { throw TransportException("reset", 0, true); }), 2);
  // 7 is CURLE_COULDNT_CONNECT, but the transport did not call it transient.
  EXPECT_EQ(Attempts(loop, 1, [] { throw TransportException("refused", 7); }), -1);

  RetryPolicy no_transport = Policy();
  no_transport.retry_transport_errors = false;
  const RetryLoop strict(no_transport, time.Environment());
  EXPECT_EQ(Attempts(strict, 1, [] { throw TransportException("reset", 0, true); }), -1);
}

TEST(RetryLoop, BodiesThatAreNotJsonAreTransientWrongValuesAreNot) {
  FakeTime time;
  const RetryLoop loop(Policy(), time.Environment());
  EXPECT_EQ(Attempts(loop, 1, [] { throw ParseException("", "not JSON"); }), 2);
  EXPECT_EQ(Attempts(loop, 1, [] { throw ParseException("/meta/page", "expected an integer"); }),
            -1);
}

// An exception the loop has never heard of, judged only by its traits.
class FlakyThing : public TwilioException {
 public:
  FlakyThing() : TwilioException("flaky") {}
  RetryTraits ForRetry() const override {
    RetryTraits traits;
    traits.transient = true;
    return traits;
  }
};

TEST(RetryLoop, AnyFailureIsJudgedByItsOwnTraits) {
  FakeTime time;
  const RetryLoop loop(Policy(), time.Environment());
  EXPECT_EQ(Attempts(loop, 2, [] { throw FlakyThing(); }), 3);
  EXPECT_EQ(Attempts(loop, 1, [] { throw PaginationException("loop"); }), -1);
}

TEST(RetryLoop, ThePolicysSleeperReceivesEachDelay) {
  std::vector<milliseconds> slept;
  RetryPolicy policy = Policy();
  policy.sleeper = [&slept](milliseconds delay) { slept.push_back(delay); };
  const RetryLoop loop(policy);  // the real clocks, the policy's sleeper
  EXPECT_EQ(Attempts(loop, 2, [] { throw Status(502); }), 3);
  EXPECT_EQ(slept, (std::vector<milliseconds>{milliseconds(1000), milliseconds(2000)}));

  // A cancellation raised while the sleeper ran is seen as soon as it returns.
  CallContext ctx;
  policy.sleeper = [&ctx](milliseconds) { ctx.cancellation.Cancel(); };
  const RetryLoop cancelling(policy);
  RetryState state;
  EXPECT_THROW(cancelling.Run(
                   ctx, "u", [] { throw Status(503); }, state),
               CancelledException);
  EXPECT_EQ(state.attempts, 1);
}

TEST(RetryLoop, TheLastErrorCarriesItsAttemptsAndTheHookItsPlainMessage) {
  FakeTime time;
  RetryPolicy policy = Policy();
  policy.max_attempts = 2;
  std::vector<RetryEvent> events;
  policy.on_retry = [&events](const RetryEvent& event) { events.push_back(event); };
  const RetryLoop loop(policy, time.Environment());
  RetryState state;
  try {
    loop.Run(
        {}, "u", [] { throw TransportException("reset", 56, true); }, state);
    FAIL() << "no error";
  } catch (const TransportException& e) {
    EXPECT_EQ(e.Attempts(), 2);
    EXPECT_NE(std::string(e.what()).find("(after 2 attempts)"), std::string::npos);
  }
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].error, "reset");
  EXPECT_EQ(events[0].curl_code, 56);
  EXPECT_EQ(events[0].status, std::nullopt);
}

}  // namespace
}  // namespace twilio::internal
