// Exports daily usage per SIM as CSV (RFC 4180) to a file, or to stdout with "-", streaming the
// records so that memory stays flat however long the export.
//
//   export_csv [--base-url URL] FILE|-
//
// A header line, then one line per record, each ending in CRLF. A field holding a comma, a
// double quote, CR or LF is enclosed in double quotes, its own quotes doubled; a value Twilio
// left out is an empty field. Needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or TWILIO_API_KEY
// and TWILIO_API_SECRET); see example_config.hpp.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "example_config.hpp"
#include "twilio/errors.hpp"
#include "twilio/supersim/v1/usage_records_api.hpp"

namespace v1 = twilio::supersim::v1;

namespace {

std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

void WriteRow(std::ostream& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out << ',';
    out << CsvField(fields[i]);
  }
  out << "\r\n";
}

std::string Text(const std::optional<std::string>& value) {
  return value.value_or("");
}
std::string Number(const std::optional<int64_t>& value) {
  return value ? std::to_string(*value) : "";
}
std::string Time(const std::optional<twilio::TimePoint>& value) {
  return value ? twilio::FormatRfc3339Utc(*value) : "";
}

const std::vector<std::string> kHeader = {"period_start", "period_end",        "account_sid",
                                          "sim_sid",      "fleet_sid",         "network_sid",
                                          "iso_country",  "data_upload",       "data_download",
                                          "data_total",   "data_total_billed", "billed_unit"};

std::vector<std::string> Row(const v1::SupersimV1UsageRecord& r) {
  const v1::Period period = r.period.value_or(v1::Period{});
  return {Time(period.start_time),
          Time(period.end_time),
          Text(r.account_sid),
          Text(r.sim_sid),
          Text(r.fleet_sid),
          Text(r.network_sid),
          Text(r.iso_country),
          Number(r.data_upload),
          Number(r.data_download),
          Number(r.data_total),
          r.data_total_billed ? r.data_total_billed->ToString() : "",  // exact, as Twilio sent it
          Text(r.billed_unit)};
}

}  // namespace

int main(int argc, char** argv) {
  const twilio::ClientConfig config = examples::ExampleConfig(argc, argv);
  const std::vector<std::string> args = examples::ExampleArgs(argc, argv);
  if (args.size() != 1) examples::UsageError("usage: export_csv [--base-url URL] FILE|-");
  const std::string& path = args[0];

  std::ofstream file;
  if (path != "-") {
    file.open(path, std::ios::binary);  // binary: the CRLFs are written as they are
    if (!file) examples::UsageError("cannot open " + path + " for writing");
  }
  std::ostream& out = path == "-" ? std::cout : file;

  std::size_t records = 0;
  try {
    const v1::UsageRecordsApi api(config);
    v1::ListUsageRecordParams params;
    params.SetGroup(v1::Group::Sim).SetGranularity(v1::Granularity::Day).SetPageSize(1000);
    WriteRow(out, kHeader);
    for (const v1::SupersimV1UsageRecord& r : api.StreamUsageRecord(params)) {
      WriteRow(out, Row(r));
      ++records;
    }
    out.flush();
    if (!out) throw std::ios_base::failure("cannot write " + path);
  } catch (const std::exception& e) {  // TwilioException, or the write failing
    std::cerr << "error: " << e.what() << '\n';
    // A partial export would pass for a complete one: do not leave it behind.
    if (file.is_open()) {
      file.close();
      std::remove(path.c_str());
    }
    return 1;
  }
  std::cerr << "wrote " << records << " records to " << (path == "-" ? "stdout" : path) << '\n';
  return 0;
}
