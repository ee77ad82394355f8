// --format summary: nothing per record, one line of totals at the end (see UsageTotals).
#include <ostream>

#include "output_format.hpp"
#include "usage_totals.hpp"

namespace supersim_usage {
namespace {

class SummaryWriter : public RecordWriter {
 public:
  explicit SummaryWriter(std::ostream& out) : out_(out) {}

  void Write(const twilio::supersim::v1::SupersimV1UsageRecord& record) override {
    totals_.Add(record);
  }
  void End() override { out_ << totals_.Line() << '\n'; }

 private:
  std::ostream& out_;
  UsageTotals totals_;
};

}  // namespace

std::unique_ptr<RecordWriter> MakeSummaryWriter(std::ostream& out) {
  return std::make_unique<SummaryWriter>(out);
}

}  // namespace supersim_usage
