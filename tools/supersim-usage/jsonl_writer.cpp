// --format jsonl: one compact JSON object per line, with the API's own field names, written by
// the SDK's to_json so the values are the ones Twilio sent (data_total_billed as its exact
// decimal string, null where the API sent null).
#include <nlohmann/json.hpp>
#include <ostream>

#include "output_format.hpp"

namespace supersim_usage {
namespace {

class JsonlWriter : public RecordWriter {
 public:
  explicit JsonlWriter(std::ostream& out) : out_(out) {}

  void Write(const twilio::supersim::v1::SupersimV1UsageRecord& record) override {
    nlohmann::json json = record;
    // `replace`: a string that is not valid UTF-8 must not abort the listing halfway.
    out_ << json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }

 private:
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<RecordWriter> MakeJsonlWriter(std::ostream& out) {
  return std::make_unique<JsonlWriter>(out);
}

}  // namespace supersim_usage
