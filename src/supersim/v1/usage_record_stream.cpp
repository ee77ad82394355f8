#include "twilio/supersim/v1/usage_record_stream.hpp"

#include "supersim/v1/record_source.hpp"

namespace twilio::supersim::v1 {

UsageRecordStream::iterator& UsageRecordStream::iterator::operator++() {
  current_ = source_->Next();
  return *this;
}

UsageRecordStream::UsageRecordStream(std::shared_ptr<internal::RecordSource> source,
                                     ListingPlan plan)
    : source_(std::move(source)), plan_(std::move(plan)) {}

UsageRecordStream::iterator UsageRecordStream::begin() {
  if (!started_) {
    // Marked started only once the first page arrived: after a failure, begin() asks again.
    const SupersimV1UsageRecord* first = source_->Next();
    started_ = true;
    return iterator(source_.get(), first);
  }
  return iterator(source_.get(), source_->Current());
}

std::size_t UsageRecordStream::PagesFetched() const noexcept {
  return source_->PagesFetched();
}

ListingStats UsageRecordStream::Stats() const {
  return source_->Stats();
}

}  // namespace twilio::supersim::v1
