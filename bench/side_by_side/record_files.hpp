// supersim-usage's record files read back into a RecordDigest (the same fingerprint as the SDK's
// records and the expected listing), without the SDK: each format parsed by its own rules.
#pragma once

#include <cstdint>
#include <string>

#include "e2e/record_digest.hpp"

namespace twilio::bench {

struct FileDigest {
  RecordDigest digest;
  /// What made the file unreadable as records (the first problem only); empty when none.
  std::string problem;
};

/// --format jsonl: one JSON object a line, the API's field names.
FileDigest DigestJsonl(const std::string& path);
/// --format csv: a header line naming the columns, then one line a record.
FileDigest DigestCsv(const std::string& path);
/// --format table --bytes: a header line, then one line a record, cells separated by blanks and
/// "-" for null.
FileDigest DigestTable(const std::string& path);

/// Seconds since the epoch of "YYYY-MM-DDTHH:MM:SSZ" (the only form the CLI writes), or -1.
int64_t UtcSeconds(const std::string& text);

}  // namespace twilio::bench
