// Maps the --format names to their writers.
#include "output_format.hpp"

namespace supersim_usage {

std::optional<OutputFormat> ParseOutputFormat(std::string_view text) noexcept {
  if (text == "table") return OutputFormat::Table;
  if (text == "csv") return OutputFormat::Csv;
  if (text == "jsonl") return OutputFormat::Jsonl;
  if (text == "summary") return OutputFormat::Summary;
  if (text == "chart") return OutputFormat::Chart;
  return std::nullopt;
}

std::unique_ptr<RecordWriter> MakeRecordWriter(OutputFormat format, std::ostream& out,
                                               const WriterSettings& settings) {
  switch (format) {
    case OutputFormat::Table:
      return MakeTableWriter(out, settings);
    case OutputFormat::Csv:
      return MakeCsvWriter(out);
    case OutputFormat::Jsonl:
      return MakeJsonlWriter(out);
    case OutputFormat::Summary:
      return MakeSummaryWriter(out);
    case OutputFormat::Chart:
      return MakeChartWriter(out, settings);
  }
  return MakeTableWriter(out, settings);
}

}  // namespace supersim_usage
