// Test helpers for the fault suite: a listing run that keeps the records delivered before an
// error, a fingerprint of a record sequence, a thread-safe log of RetryEvents, and the fake
// server's usage formula (to check a reference listing independently of the SDK).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "twilio/errors.hpp"
#include "twilio/retry_policy.hpp"
#include "twilio/supersim/v1/usage_records_api.hpp"
#include "twilio/testing/fake_supersim_server.hpp"

namespace twilio::faults {

using Record = supersim::v1::SupersimV1UsageRecord;
using Records = std::vector<Record>;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// ---------------------------------------------------------------------------------------------
// Records

/// Count, sum of data_total and an order-sensitive FNV-1a hash of sim_sid + period of every
/// record: two sequences with equal fingerprints hold the same keys in the same order.
struct Fingerprint {
  std::size_t count = 0;
  int64_t data_total_sum = 0;
  uint64_t key_hash = 0xcbf29ce484222325ULL;

  friend bool operator==(const Fingerprint& a, const Fingerprint& b) {
    return a.count == b.count && a.data_total_sum == b.data_total_sum && a.key_hash == b.key_hash;
  }
  friend bool operator!=(const Fingerprint& a, const Fingerprint& b) { return !(a == b); }
  friend std::ostream& operator<<(std::ostream& out, const Fingerprint& f) {
    return out << "{count " << f.count << ", data_total " << f.data_total_sum << ", hash "
               << std::hex << f.key_hash << std::dec << "}";
  }
};

inline Fingerprint FingerprintOf(const Records& records) {
  Fingerprint f;
  const auto mix = [&f](const std::string& text) {
    for (const char c : text) {
      f.key_hash ^= static_cast<unsigned char>(c);
      f.key_hash *= 0x100000001b3ULL;
    }
  };
  for (const Record& r : records) {
    ++f.count;
    f.data_total_sum += r.data_total.value_or(0);
    mix(r.sim_sid.value_or("-"));
    mix("|");
    mix(r.period && r.period->start_time ? FormatRfc3339Utc(*r.period->start_time) : "-");
    mix("|");
    mix(r.period && r.period->end_time ? FormatRfc3339Utc(*r.period->end_time) : "-");
    mix(";");
  }
  return f;
}

/// records[begin, end) (clamped), for the prefix or a hole of a reference.
inline Records Slice(const Records& records, std::size_t begin, std::size_t end) {
  end = std::min(end, records.size());
  begin = std::min(begin, end);
  return Records(records.begin() + static_cast<std::ptrdiff_t>(begin),
                 records.begin() + static_cast<std::ptrdiff_t>(end));
}

inline Records Concat(Records a, const Records& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

/// Asserts `actual` equals `expected` record by record, and by fingerprint.
#define EXPECT_RECORDS_EQ(actual, expected)                                              \
  do {                                                                                   \
    const ::twilio::faults::Records& fault_actual_ = (actual);                           \
    const ::twilio::faults::Records& fault_expected_ = (expected);                       \
    EXPECT_EQ(fault_actual_.size(), fault_expected_.size());                             \
    EXPECT_EQ(::twilio::faults::FingerprintOf(fault_actual_),                            \
              ::twilio::faults::FingerprintOf(fault_expected_));                         \
    EXPECT_TRUE(fault_actual_ == fault_expected_) << "records differ beyond their keys"; \
  } while (false)

// ---------------------------------------------------------------------------------------------
// The fake server's usage formula (src/testing/fake_usage_data.hpp), for reference checks.

inline uint64_t Mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// data_total of SIM `sim` in hour `hour` (hours since the epoch).
inline int64_t HourTotal(int sim, int64_t hour) {
  const uint64_t h = Mix64(Mix64(static_cast<uint64_t>(sim) + 0x9e3779b97f4a7c15ULL) ^
                           static_cast<uint64_t>(hour));
  return 1000 + static_cast<int64_t>(h % 99001) + 1000 + static_cast<int64_t>((h >> 32) % 99001);
}

/// The default data set's hours: the 7 days from 2026-01-01T00:00:00Z.
constexpr int64_t kFirstHour = 1767225600 / 3600;
constexpr int64_t kLastHour = kFirstHour + 7 * 24;

inline int64_t SimTotal(int sim) {
  int64_t sum = 0;
  for (int64_t hour = kFirstHour; hour < kLastHour; ++hour) sum += HourTotal(sim, hour);
  return sum;
}

// ---------------------------------------------------------------------------------------------
// A listing run

/// What a streamed listing delivered before it ended, and how it ended.
struct ListingRun {
  Records records;
  std::exception_ptr error;
  Clock::duration elapsed{};
  /// When the error reached the caller.
  Clock::time_point ended{};
};

/// Streams the whole listing, keeping every record yielded before an error.
inline ListingRun StreamAll(const supersim::v1::UsageRecordsApi& api,
                            const supersim::v1::ListUsageRecordParams& params,
                            const CallContext& ctx = {}) {
  ListingRun run;
  const auto started = Clock::now();
  try {
    for (const Record& record : api.StreamUsageRecord(params, ctx)) run.records.push_back(record);
  } catch (...) {
    run.error = std::current_exception();
  }
  run.ended = Clock::now();
  run.elapsed = run.ended - started;
  return run;
}

/// "<Type>: <what()>" of an error, or "no error", for failure messages.
inline std::string Describe(const std::exception_ptr& error) {
  if (!error) return "no error";
  try {
    std::rethrow_exception(error);
  } catch (const ApiException& e) {
    return std::string("ApiException: ") + e.what();
  } catch (const TransportException& e) {
    return std::string("TransportException: ") + e.what();
  } catch (const ParseException& e) {
    return std::string("ParseException: ") + e.what();
  } catch (const ValidationException& e) {
    return std::string("ValidationException: ") + e.what();
  } catch (const PaginationException& e) {
    return std::string("PaginationException: ") + e.what();
  } catch (const CancelledException& e) {
    return std::string("CancelledException: ") + e.what();
  } catch (const DeadlineExceededException& e) {
    return std::string("DeadlineExceededException: ") + e.what();
  } catch (const TwilioException& e) {
    return std::string("TwilioException: ") + e.what();
  } catch (const std::exception& e) {
    return std::string("std::exception: ") + e.what();
  } catch (...) {
    return "an exception of unknown type";
  }
}

/// The error as an `E` (a copy), or std::nullopt when there is none or it is of another type.
template <class E>
std::optional<E> ErrorAs(const std::exception_ptr& error) {
  if (!error) return std::nullopt;
  try {
    std::rethrow_exception(error);
  } catch (const E& e) {
    return e;
  } catch (...) {
  }
  return std::nullopt;
}

/// Whole milliseconds of a duration (gtest prints these, not durations).
inline int64_t Ms(Clock::duration duration) {
  return static_cast<int64_t>(std::chrono::duration_cast<milliseconds>(duration).count());
}

inline bool EndsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// ---------------------------------------------------------------------------------------------
// Requests the server saw

inline std::vector<int64_t> PagesRequested(const test_support::FakeSupersimServer& server) {
  std::vector<int64_t> pages;
  for (const test_support::RecordedRequest& request : server.Requests())
    pages.push_back(request.page);
  return pages;
}

/// The absolute URL of a recorded request on `server`.
inline std::string UrlOf(const test_support::FakeSupersimServer& server,
                         const test_support::RecordedRequest& request) {
  return server.BaseUrl() + request.path + (request.raw_query.empty() ? "" : "?") +
         request.raw_query;
}

// ---------------------------------------------------------------------------------------------
// Retry events

/// Collects the RetryEvents of a policy's on_retry hook, from any thread.
class RetryLog {
 public:
  RetryLog() : state_(std::make_shared<State>()) {}

  std::function<void(const RetryEvent&)> Hook() const {
    return [state = state_](const RetryEvent& event) {
      {
        std::lock_guard<std::mutex> lock(state->mutex);
        state->events.push_back(event);
        state->times.push_back(Clock::now());
        state->wall_times.push_back(std::chrono::system_clock::now());
      }
      state->changed.notify_all();
    };
  }

  std::vector<RetryEvent> Events() const {
    std::lock_guard<std::mutex> lock(state_->mutex);
    return state_->events;
  }

  /// When each event was reported.
  std::vector<Clock::time_point> Times() const {
    std::lock_guard<std::mutex> lock(state_->mutex);
    return state_->times;
  }

  /// When each event was reported, by the wall clock (Retry-After dates are wall-clock times).
  std::vector<std::chrono::system_clock::time_point> WallTimes() const {
    std::lock_guard<std::mutex> lock(state_->mutex);
    return state_->wall_times;
  }

  /// Waits until `count` events were reported; false on timeout.
  bool WaitFor(std::size_t count, Clock::duration timeout) const {
    std::unique_lock<std::mutex> lock(state_->mutex);
    return state_->changed.wait_for(lock, timeout, [&] { return state_->events.size() >= count; });
  }

 private:
  struct State {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<RetryEvent> events;
    std::vector<Clock::time_point> times;
    std::vector<std::chrono::system_clock::time_point> wall_times;
  };
  std::shared_ptr<State> state_;
};

inline std::vector<int> AttemptsOf(const std::vector<RetryEvent>& events) {
  std::vector<int> out;
  for (const RetryEvent& e : events) out.push_back(e.attempt);
  return out;
}

/// The delays in milliseconds (printable by gtest).
inline std::vector<int64_t> DelaysOf(const std::vector<RetryEvent>& events) {
  std::vector<int64_t> out;
  for (const RetryEvent& e : events) out.push_back(static_cast<int64_t>(e.delay.count()));
  return out;
}

}  // namespace twilio::faults
