// The output formats of supersim-usage. Each writer gets records one at a time as the listing
// streams in, so none of them holds the whole listing.
#pragma once

#include <iosfwd>
#include <memory>
#include <optional>
#include <string_view>

#include "twilio/supersim/v1/supersim_v1_usage_record.hpp"

namespace supersim_usage {

enum class OutputFormat { Table, Csv, Jsonl, Summary };

/// "table", "csv", "jsonl" or "summary"; std::nullopt for anything else.
std::optional<OutputFormat> ParseOutputFormat(std::string_view text) noexcept;

class RecordWriter {
 public:
  virtual ~RecordWriter() = default;
  /// Once, after the first page arrived and before the first record (a header line).
  virtual void Begin() {}
  virtual void Write(const twilio::supersim::v1::SupersimV1UsageRecord& record) = 0;
  /// Once, after the last record (the summary line).
  virtual void End() {}
};

std::unique_ptr<RecordWriter> MakeTableWriter(std::ostream& out);
std::unique_ptr<RecordWriter> MakeCsvWriter(std::ostream& out);
std::unique_ptr<RecordWriter> MakeJsonlWriter(std::ostream& out);
std::unique_ptr<RecordWriter> MakeSummaryWriter(std::ostream& out);

std::unique_ptr<RecordWriter> MakeRecordWriter(OutputFormat format, std::ostream& out);

}  // namespace supersim_usage
