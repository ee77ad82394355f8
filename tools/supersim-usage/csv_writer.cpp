// --format csv: RFC 4180 with a header line. Lines end in LF (not the RFC's CRLF), which every
// CSV reader accepts and Unix tools expect; a field is quoted only when it holds a comma, a
// double quote, CR or LF. A null value is an empty field. The cells are those of RecordCells
// (record_columns.hpp), written straight into the line by ForEachCell: a string per cell cost
// more than the listing.
#include <array>
#include <charconv>
#include <optional>
#include <ostream>
#include <string>

#include "byte_scan.hpp"
#include "output_format.hpp"
#include "record_columns.hpp"

namespace supersim_usage {
namespace {

using twilio::supersim::v1::SupersimV1UsageRecord;

bool NeedsQuotes(std::string_view value) {
  return AnyByte(
      value,
      [](uint64_t x) {
        return HasByte(x, ',') || HasByte(x, '"') || HasByte(x, '\r') || HasByte(x, '\n');
      },
      [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; });
}

void AppendCsvField(std::string& line, std::string_view value) {
  if (!NeedsQuotes(value)) {
    line += value;
    return;
  }
  line += '"';
  for (char c : value) {
    if (c == '"') line += '"';
    line += c;
  }
  line += '"';
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

  void Write(const SupersimV1UsageRecord& r) override {
    line_.clear();
    ForEachCell(r, [this](auto column, const auto& value) {
      if constexpr (decltype(column)::value > 0) line_ += ',';
      Cell(value, time_memos_[decltype(column)::value]);
    });
    line_ += '\n';
    PutLine(out_, line_);
  }

 private:
  // The last time a column formatted and its text: the records of a page mostly share their
  // period.
  struct TimeMemo {
    std::optional<twilio::TimePoint> time;
    std::string text;
  };

  void Cell(const std::optional<twilio::TimePoint>& time, TimeMemo& memo) {
    if (!time) return;
    if (memo.time != time) {
      memo.time = time;
      memo.text = twilio::FormatRfc3339Utc(*time);
    }
    AppendCsvField(line_, memo.text);
  }

  void Cell(const std::optional<std::string>& value, TimeMemo&) {
    if (value) AppendCsvField(line_, *value);
  }

  void Cell(const std::optional<twilio::Decimal>& value, TimeMemo&) {
    if (value) AppendCsvField(line_, value->ToString());
  }

  void Cell(const std::optional<int64_t>& value, TimeMemo&) {
    if (!value) return;
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof digits, *value).ptr;
    line_.append(digits, end);
  }

  std::ostream& out_;
  std::string line_;
  std::array<TimeMemo, kColumnCount> time_memos_;  // used by the time columns only
};

}  // namespace

std::unique_ptr<RecordWriter> MakeCsvWriter(std::ostream& out) {
  return std::make_unique<CsvWriter>(out);
}

}  // namespace supersim_usage
