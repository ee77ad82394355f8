// The output formats of supersim-usage. Each writer gets records one at a time as the listing
// streams in; only the chart keeps anything (one total per bar) until the end.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <ostream>
#include <string_view>
#include <vector>

#include "twilio/supersim/v1/list_usage_record_params.hpp"
#include "twilio/supersim/v1/supersim_v1_usage_record.hpp"

namespace supersim_usage {

enum class OutputFormat { Table, Csv, Jsonl, Summary, Chart };

/// "table", "csv", "jsonl", "summary" or "chart"; std::nullopt for anything else.
std::optional<OutputFormat> ParseOutputFormat(std::string_view text) noexcept;

/// What the table and the chart adapt to. csv, jsonl and summary ignore it: they are for
/// programs, and always print every column and raw numbers.
struct WriterSettings {
  /// The columns a line may take (OutputWidth); std::nullopt: no limit.
  std::optional<std::size_t> width;
  /// The locale shows UTF-8: block characters in the chart; else ASCII.
  bool utf8 = false;
  /// --bytes: byte counts as integers instead of "12.3 MB".
  bool raw_bytes = false;
  /// The listing's --group and --granularity: the table never drops the group's column, the
  /// chart has one bar per group value (with a group) or per period (without).
  std::optional<twilio::supersim::v1::Group> group;
  std::optional<twilio::supersim::v1::Granularity> granularity;
  /// The columns the table may show (ColumnsWithValues of the listing's params); empty: all.
  std::vector<std::size_t> table_columns;
};

class RecordWriter {
 public:
  virtual ~RecordWriter() = default;
  /// Once, after the first page arrived and before the first record (a header line).
  virtual void Begin() {}
  virtual void Write(const twilio::supersim::v1::SupersimV1UsageRecord& record) = 0;
  /// Once, after the last record (the summary line, the chart).
  virtual void End() {}
};

/// Puts a record's line into `out`'s buffer without building an ostream sentry per line (it
/// showed in the jsonl writer's profile); a short write marks `out` bad, as
/// std::ostream::write does.
inline void PutLine(std::ostream& out, std::string_view line) {
  const auto size = static_cast<std::streamsize>(line.size());
  if (!out || out.rdbuf()->sputn(line.data(), size) != size) out.setstate(std::ios::badbit);
}

std::unique_ptr<RecordWriter> MakeTableWriter(std::ostream& out, const WriterSettings& settings);
std::unique_ptr<RecordWriter> MakeCsvWriter(std::ostream& out);
std::unique_ptr<RecordWriter> MakeJsonlWriter(std::ostream& out);
std::unique_ptr<RecordWriter> MakeSummaryWriter(std::ostream& out);
std::unique_ptr<RecordWriter> MakeChartWriter(std::ostream& out, const WriterSettings& settings);

std::unique_ptr<RecordWriter> MakeRecordWriter(OutputFormat format, std::ostream& out,
                                               const WriterSettings& settings);

}  // namespace supersim_usage
