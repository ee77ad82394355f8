// An order-sensitive fingerprint of a listing: count, sum of data_total, and a hash over each
// record's sim_sid, period start and byte counts (FNV-1a's step taken 8 bytes at a time, so the
// check costs the client measured little more than reading the fields). The SDK's records and the
// independently computed expected ones go through the same Add, so equal digests mean equal
// listings.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#include "twilio/supersim/v1/supersim_v1_usage_record.hpp"

namespace twilio::bench {

struct RecordDigest {
  int64_t count = 0;
  int64_t data_total_sum = 0;
  uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a 64 offset basis

  void Add(std::string_view sim_sid, int64_t period_start, int64_t upload, int64_t download,
           int64_t total) {
    ++count;
    data_total_sum += total;
    Mix(sim_sid.data(), sim_sid.size());
    Mix(&period_start, sizeof period_start);
    Mix(&upload, sizeof upload);
    Mix(&download, sizeof download);
  }

  /// Absent fields hash as an empty SID, -1 seconds and -1 bytes, so they cannot match.
  void Add(const supersim::v1::SupersimV1UsageRecord& r) {
    const bool has_start = r.period && r.period->start_time;
    Add(r.sim_sid ? std::string_view(*r.sim_sid) : std::string_view(),
        has_start ? UnixSeconds(*r.period->start_time) : -1, r.data_upload.value_or(-1),
        r.data_download.value_or(-1), r.data_total.value_or(-1));
  }

  friend bool operator==(const RecordDigest& a, const RecordDigest& b) {
    return a.count == b.count && a.data_total_sum == b.data_total_sum && a.hash == b.hash;
  }
  friend bool operator!=(const RecordDigest& a, const RecordDigest& b) { return !(a == b); }

 private:
  void Mix(const void* data, std::size_t size) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (; size >= 8; bytes += 8, size -= 8) {
      uint64_t word = 0;
      std::memcpy(&word, bytes, 8);
      Step(word);
    }
    uint64_t tail = size;  // the length, so "a" and "a\0" differ
    for (std::size_t i = 0; i < size; ++i) tail = tail << 8 | bytes[i];
    Step(tail);
  }

  void Step(uint64_t word) {
    hash = (hash ^ word) * 0x100000001b3ULL;  // FNV-1a 64 prime
    hash ^= hash >> 29;
  }
};

}  // namespace twilio::bench
