// --format table: fixed-width aligned columns. The widths are fixed (not measured) so that
// nothing is buffered: each holds any value of its kind (an RFC 3339 UTC time, a 34-character
// SID, any 64-bit byte count), so every row lines up with the header.
#include <array>
#include <ostream>
#include <string>

#include "output_format.hpp"
#include "record_columns.hpp"

namespace supersim_usage {
namespace {

constexpr std::size_t kTimeWidth = 20;   // 2026-01-01T00:00:00Z
constexpr std::size_t kSidWidth = 34;    // HS + 32 hex digits
constexpr std::size_t kBytesWidth = 19;  // digits of INT64_MAX
// In kColumnNames order; where the header is longer than any value, its length.
constexpr std::array<std::size_t, kColumnCount> kWidths = {
    kTimeWidth,   // period_start
    kTimeWidth,   // period_end
    kSidWidth,    // sim_sid
    kSidWidth,    // fleet_sid
    kSidWidth,    // network_sid
    11,           // iso_country
    kBytesWidth,  // data_upload
    kBytesWidth,  // data_download
    kBytesWidth,  // data_total
    17,           // data_total_billed (a longer amount widens its row)
    11,           // billed_unit
};
constexpr std::string_view kSeparator = "  ";
// What an empty (null) cell shows, so that every row has the same number of words.
constexpr std::string_view kNull = "-";

class TableWriter : public RecordWriter {
 public:
  explicit TableWriter(std::ostream& out) : out_(out) {}

  void Begin() override {
    std::array<std::string, kColumnCount> header;
    for (std::size_t i = 0; i < kColumnCount; ++i) header[i] = kColumnNames[i];
    WriteRow(header);
  }

  void Write(const twilio::supersim::v1::SupersimV1UsageRecord& record) override {
    auto cells = RecordCells(record);
    std::array<std::string, kColumnCount> row;
    for (std::size_t i = 0; i < kColumnCount; ++i) {
      row[i] = cells[i] ? *cells[i] : std::string(kNull);
    }
    WriteRow(row);
  }

 private:
  void WriteRow(const std::array<std::string, kColumnCount>& row) {
    std::string line;
    for (std::size_t i = 0; i < kColumnCount; ++i) {
      if (i > 0) line += kSeparator;
      std::size_t pad = row[i].size() < kWidths[i] ? kWidths[i] - row[i].size() : 0;
      if (IsNumericColumn(i)) line.append(pad, ' ');
      line += row[i];
      if (!IsNumericColumn(i)) line.append(pad, ' ');
    }
    // No trailing blanks after the last (left-aligned) column.
    line.erase(line.find_last_not_of(' ') + 1);
    line += '\n';
    out_ << line;
  }

  std::ostream& out_;
};

}  // namespace

std::unique_ptr<RecordWriter> MakeTableWriter(std::ostream& out) {
  return std::make_unique<TableWriter>(out);
}

}  // namespace supersim_usage
