// --format table: aligned columns under a header line, as many as fit the width (see
// table_layout.hpp), byte counts in human units unless --bytes. Columns the listing leaves
// null in every record are not shown; should a record hold a value in one after all, a last
// line says so.
#include <algorithm>
#include <array>
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
        candidates_(settings.table_columns.empty() ? AllColumns() : settings.table_columns),
        columns_(
            ChooseTableColumns(settings.width, settings.group, settings.raw_bytes, candidates_)) {}

  void Begin() override {
    std::array<std::string, kColumnCount> header;
    for (std::size_t i = 0; i < kColumnCount; ++i) header[i] = TableHeader(i);
    WriteRow(header);
  }

  void Write(const twilio::supersim::v1::SupersimV1UsageRecord& record) override {
    auto cells = RecordCells(record, /*human_bytes=*/!raw_bytes_);
    std::array<std::string, kColumnCount> row;
    for (std::size_t i = 0; i < kColumnCount; ++i) {
      row[i] = cells[i] ? *cells[i] : std::string(kNull);
      if (cells[i] && !IsCandidate(i)) unexpected_[i] = true;
    }
    WriteRow(row);
  }

  void End() override {
    std::string columns;
    for (std::size_t i = 0; i < kColumnCount; ++i) {
      if (!unexpected_[i]) continue;
      columns += std::string(columns.empty() ? "" : ", ") + std::string(kColumnNames[i]);
    }
    if (!columns.empty()) {
      out_ << "(not shown, though some records have a value there: " << columns
           << "; --format csv shows every column)\n";
    }
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

  static std::vector<std::size_t> AllColumns() {
    std::vector<std::size_t> all;
    for (std::size_t i = 0; i < kColumnCount; ++i) all.push_back(i);
    return all;
  }
  bool IsCandidate(std::size_t column) const {
    return std::find(candidates_.begin(), candidates_.end(), column) != candidates_.end();
  }

  std::ostream& out_;
  bool raw_bytes_;
  std::vector<std::size_t> candidates_;
  std::vector<std::size_t> columns_;
  std::array<bool, kColumnCount> unexpected_{};  // a value in a column left out as empty
};

}  // namespace

std::unique_ptr<RecordWriter> MakeTableWriter(std::ostream& out, const WriterSettings& settings) {
  return std::make_unique<TableWriter>(out, settings);
}

}  // namespace supersim_usage
