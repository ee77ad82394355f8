/// \file
/// UsageRecordStream: a lazy, single-pass range over every usage record of a listing.
#pragma once

#include <cstddef>
#include <iterator>
#include <memory>

#include "twilio/errors.hpp"  // what begin() and ++ throw
#include "twilio/export.hpp"
#include "twilio/listing_stats.hpp"
#include "twilio/supersim/v1/listing_options.hpp"
#include "twilio/supersim/v1/supersim_v1_usage_record.hpp"

namespace twilio::supersim::v1 {

namespace internal {
class RecordSource;
}

/// An input range: `for (const auto& r : api.StreamUsageRecord(params)) ...`. It holds the page
/// being read (and, with ClientConfig::prefetch_next_page, the next one on its way), so memory
/// stays flat however long the listing. Nothing is sent before begin(); an error
/// (ApiException, TransportException, ...) is thrown by the begin() or ++ that needed the
/// failing page, after every record before it was yielded. Iterate once.
class TWILIO_SUPERSIM_EXPORT UsageRecordStream {
 public:
  /// A single-pass input iterator over the records. A record stays valid until the iterator
  /// moves past the last record of its page.
  class TWILIO_SUPERSIM_EXPORT iterator {
   public:
    /// Single pass: copies share the stream's position.
    using iterator_category = std::input_iterator_tag;
    /// The record type.
    using value_type = SupersimV1UsageRecord;
    /// Required by std::iterator_traits; never used for arithmetic.
    using difference_type = std::ptrdiff_t;
    /// What operator-> returns.
    using pointer = const SupersimV1UsageRecord*;
    /// What operator* returns.
    using reference = const SupersimV1UsageRecord&;

    /// The end iterator.
    iterator() = default;
    /// The current record.
    reference operator*() const { return *current_; }
    /// The current record's members.
    pointer operator->() const { return current_; }
    /// Moves to the next record, fetching the next page when this one is used up; throws what
    /// fetching it throws. Past the last record (or Limit) it equals end().
    iterator& operator++();
    /// Post-increment of an input iterator: the old position is not kept.
    void operator++(int) { ++*this; }
    /// True when both point at the same record, or both are end().
    friend bool operator==(const iterator& a, const iterator& b) {
      return a.current_ == b.current_;
    }
    /// The negation of operator==.
    friend bool operator!=(const iterator& a, const iterator& b) { return !(a == b); }

   private:
    friend class UsageRecordStream;
    iterator(internal::RecordSource* source, pointer current)
        : source_(source), current_(current) {}
    internal::RecordSource* source_ = nullptr;
    pointer current_ = nullptr;
  };

  /// Move-only: one stream is one listing's position. A moved-from stream may only be
  /// destroyed or assigned to.
  UsageRecordStream(UsageRecordStream&&) noexcept = default;
  /// Takes over `other`'s listing.
  UsageRecordStream& operator=(UsageRecordStream&&) noexcept = default;
  UsageRecordStream(const UsageRecordStream&) = delete;
  UsageRecordStream& operator=(const UsageRecordStream&) = delete;

  /// Fetches the first page on the first call; later calls return the current position. When
  /// the first page fails, begin() throws and the next call asks for it again. Iterators point
  /// into the stream: they must not outlive it.
  iterator begin();
  /// The position past the last record.
  iterator end() noexcept { return iterator(); }

  /// How many pages have been fetched so far.
  std::size_t PagesFetched() const noexcept;
  /// The listing's counts so far: pages, records read, requests, retries, bytes, and the time
  /// spent in the network, parsing and waiting to retry. Call it from the thread that iterates.
  ListingStats Stats() const;
  /// How the listing runs: split into concurrent time slices or not, and if not although
  /// ListingOptions::parallel_slices asked for it, why.
  const ListingPlan& Plan() const noexcept { return plan_; }

 private:
  friend class UsageRecordsApi;  // the only maker of streams
  UsageRecordStream(std::shared_ptr<internal::RecordSource> source, ListingPlan plan);

  std::shared_ptr<internal::RecordSource> source_;
  ListingPlan plan_;
  bool started_ = false;
};

}  // namespace twilio::supersim::v1
