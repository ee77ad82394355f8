#include "twilio/supersim/v1/usage_record_stream.hpp"

#include "supersim/v1/usage_record_pager.hpp"

namespace twilio::supersim::v1 {

UsageRecordStream::iterator& UsageRecordStream::iterator::operator++() {
  current_ = pager_->Next();
  return *this;
}

UsageRecordStream::UsageRecordStream(std::shared_ptr<internal::UsageRecordPager> pager)
    : pager_(std::move(pager)) {}

UsageRecordStream::iterator UsageRecordStream::begin() {
  if (!started_) {
    // Marked started only once the first page arrived: after a failure, begin() asks again.
    const SupersimV1UsageRecord* first = pager_->Next();
    started_ = true;
    return iterator(pager_.get(), first);
  }
  return iterator(pager_.get(), pager_->Current());
}

std::size_t UsageRecordStream::PagesFetched() const noexcept {
  return pager_->PagesFetched();
}

}  // namespace twilio::supersim::v1
