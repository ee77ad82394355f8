// UsageRecordStream: a lazy, single-pass range over every usage record of a listing.
#pragma once

#include <cstddef>
#include <iterator>
#include <memory>

#include "twilio/export.hpp"
#include "twilio/supersim/v1/supersim_v1_usage_record.hpp"

namespace twilio::supersim::v1 {

namespace internal {
class UsageRecordPager;
}

/// An input range: `for (const auto& r : api.StreamUsageRecord(params)) ...`. It holds the page
/// being read (and, with ClientConfig::prefetch_next_page, the next one on its way), so memory
/// stays flat however long the listing. Nothing is sent before begin(); an error
/// (ApiException, TransportException, ...) is thrown by the begin() or ++ that needed the
/// failing page, after every record before it was yielded. Iterate once.
class TWILIO_SUPERSIM_EXPORT UsageRecordStream {
 public:
  class TWILIO_SUPERSIM_EXPORT iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = SupersimV1UsageRecord;
    using difference_type = std::ptrdiff_t;
    using pointer = const SupersimV1UsageRecord*;
    using reference = const SupersimV1UsageRecord&;

    iterator() = default;
    reference operator*() const { return *current_; }
    pointer operator->() const { return current_; }
    iterator& operator++();
    /// Post-increment of an input iterator: the old position is not kept.
    void operator++(int) { ++*this; }
    friend bool operator==(const iterator& a, const iterator& b) {
      return a.current_ == b.current_;
    }
    friend bool operator!=(const iterator& a, const iterator& b) { return !(a == b); }

   private:
    friend class UsageRecordStream;
    iterator(internal::UsageRecordPager* pager, pointer current)
        : pager_(pager), current_(current) {}
    internal::UsageRecordPager* pager_ = nullptr;
    pointer current_ = nullptr;
  };

  /// Fetches the first page on the first call; later calls return the current position.
  iterator begin();
  iterator end() noexcept { return iterator(); }

  /// How many pages have been fetched so far.
  std::size_t PagesFetched() const noexcept;

 private:
  friend class UsageRecordsApi;  // the only maker of streams
  explicit UsageRecordStream(std::shared_ptr<internal::UsageRecordPager> pager);

  std::shared_ptr<internal::UsageRecordPager> pager_;
  bool started_ = false;
};

}  // namespace twilio::supersim::v1
