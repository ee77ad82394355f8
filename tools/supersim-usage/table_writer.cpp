// --format table: aligned columns under a header line, as many as fit the width (see
// table_layout.hpp), byte counts in human units unless --bytes.
#include <ostream>
#include <string>
#include <vector>

#include "output_format.hpp"
#include "record_columns.hpp"
#include "table_layout.hpp"

namespace supersim_usage {
namespace {

// What an empty (null) cell shows, so that every row has the same number of words.
constexpr std::string_view kNull = "-";

class TableWriter : public RecordWriter {
 public:
  TableWriter(std::ostream& out, const WriterSettings& settings)
      : out_(out),
        raw_bytes_(settings.raw_bytes),
        columns_(ChooseTableColumns(settings.width, settings.group, settings.raw_bytes)) {}

  void Begin() override {
    std::array<std::string, kColumnCount> header;
    for (std::size_t i = 0; i < kColumnCount; ++i) header[i] = kColumnNames[i];
    WriteRow(header);
  }

  void Write(const twilio::supersim::v1::SupersimV1UsageRecord& record) override {
    auto cells = RecordCells(record, /*human_bytes=*/!raw_bytes_);
    std::array<std::string, kColumnCount> row;
    for (std::size_t i = 0; i < kColumnCount; ++i) {
      row[i] = cells[i] ? *cells[i] : std::string(kNull);
    }
    WriteRow(row);
  }

 private:
  void WriteRow(const std::array<std::string, kColumnCount>& row) {
    std::string line;
    for (std::size_t column : columns_) {
      if (column != columns_.front()) line.append(kTableGap, ' ');
      const std::string& cell = row[column];
      std::size_t width = TableColumnWidth(column, raw_bytes_);
      std::size_t pad = cell.size() < width ? width - cell.size() : 0;
      if (IsNumericColumn(column)) line.append(pad, ' ');
      line += cell;
      if (!IsNumericColumn(column)) line.append(pad, ' ');
    }
    // No trailing blanks after the last (left-aligned) column.
    line.erase(line.find_last_not_of(' ') + 1);
    line += '\n';
    out_ << line;
  }

  std::ostream& out_;
  bool raw_bytes_;
  std::vector<std::size_t> columns_;
};

}  // namespace

std::unique_ptr<RecordWriter> MakeTableWriter(std::ostream& out, const WriterSettings& settings) {
  return std::make_unique<TableWriter>(out, settings);
}

}  // namespace supersim_usage
