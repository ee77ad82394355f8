// --format csv: RFC 4180 with a header line. Lines end in LF (not the RFC's CRLF), which every
// CSV reader accepts and Unix tools expect; a field is quoted only when it holds a comma, a
// double quote, CR or LF. A null value is an empty field.
#include <ostream>
#include <string>

#include "output_format.hpp"
#include "record_columns.hpp"

namespace supersim_usage {
namespace {

std::string CsvField(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

class CsvWriter : public RecordWriter {
 public:
  explicit CsvWriter(std::ostream& out) : out_(out) {}

  void Begin() override {
    std::string line;
    for (std::size_t i = 0; i < kColumnCount; ++i) {
      if (i > 0) line += ',';
      line += kColumnNames[i];
    }
    out_ << line << '\n';
  }

  void Write(const twilio::supersim::v1::SupersimV1UsageRecord& record) override {
    auto cells = RecordCells(record);
    std::string line;
    for (std::size_t i = 0; i < kColumnCount; ++i) {
      if (i > 0) line += ',';
      if (cells[i]) line += CsvField(*cells[i]);
    }
    out_ << line << '\n';
  }

 private:
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<RecordWriter> MakeCsvWriter(std::ostream& out) {
  return std::make_unique<CsvWriter>(out);
}

}  // namespace supersim_usage
