// The record writers that do not go through nlohmann/json per record (jsonl, csv) and the exact
// billed total of the summary, each against the slow, obviously right way it replaced.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "decimal_sum.hpp"
#include "output_format.hpp"
#include "record_columns.hpp"

namespace {

using namespace supersim_usage;
using twilio::Decimal;
using twilio::supersim::v1::Period;
using twilio::supersim::v1::SupersimV1UsageRecord;

SupersimV1UsageRecord FullRecord() {
  SupersimV1UsageRecord r;
  r.account_sid = "AC00000000000000000000000000000000";
  r.sim_sid = "HSa63315b88b3e017dc0d9dc913e77c5f0";
  r.network_sid = "HW00000000000000000000000000000001";
  r.fleet_sid = "HF00000000000000000000000000000002";
  r.iso_country = "FR";
  r.period = Period{twilio::ParseRfc3339("2026-01-09T07:00:00Z"),
                    twilio::ParseRfc3339("2026-01-09T08:00:00Z")};
  r.data_upload = 19578;
  r.data_download = 3072;
  r.data_total = 22650;
  r.data_total_billed = Decimal::Parse("0.002265");
  r.billed_unit = "USD";
  return r;
}

std::vector<SupersimV1UsageRecord> Records() {
  std::vector<SupersimV1UsageRecord> records;
  records.push_back(FullRecord());
  records.push_back(SupersimV1UsageRecord{});  // every field null
  SupersimV1UsageRecord odd = FullRecord();
  odd.sim_sid = "quote \" backslash \\ tab \t newline \n bell \x07 del \x7f";
  odd.fleet_sid = "comma, \"quoted\", CR\r LF\n";
  odd.network_sid = "UTF-8: \xc3\xa9 \xf0\x9f\x98\x80";
  odd.iso_country = "bad UTF-8: \xff\xfe";
  odd.billed_unit = "";
  odd.data_upload = std::numeric_limits<int64_t>::min();
  odd.data_download = std::numeric_limits<int64_t>::max();
  odd.data_total = -1;
  odd.data_total_billed = Decimal::Parse("-123456789012345678901234567890.000000000000001");
  odd.period = Period{twilio::ParseRfc3339("2026-01-09T07:00:00.123456789Z"), std::nullopt};
  records.push_back(odd);
  SupersimV1UsageRecord no_period = FullRecord();
  no_period.period.reset();
  no_period.data_total_billed.reset();
  records.push_back(no_period);
  records.push_back(FullRecord());  // the same period again, after others
  return records;
}

std::string Written(std::unique_ptr<RecordWriter> (*make)(std::ostream&),
                    const std::vector<SupersimV1UsageRecord>& records) {
  std::ostringstream out;
  auto writer = make(out);
  writer->Begin();
  for (const auto& record : records) writer->Write(record);
  writer->End();
  return out.str();
}

TEST(JsonlWriter, WritesWhatNlohmannDumpsOfTheSdksToJson) {
  std::string expected;
  for (const auto& record : Records()) {
    expected +=
        nlohmann::json(record).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
        "\n";
  }
  EXPECT_EQ(Written(MakeJsonlWriter, Records()), expected);
}

std::string QuotedCsv(const std::string& cell) {
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

TEST(CsvWriter, WritesRecordCellsQuotedAsRfc4180) {
  std::string expected;
  for (std::size_t i = 0; i < kColumnCount; ++i) {
    expected += std::string(i > 0 ? "," : "") + std::string(kColumnNames[i]);
  }
  expected += "\n";
  for (const auto& record : Records()) {
    auto cells = RecordCells(record);
    for (std::size_t i = 0; i < kColumnCount; ++i) {
      if (i > 0) expected += ',';
      if (cells[i]) expected += QuotedCsv(*cells[i]);
    }
    expected += "\n";
  }
  EXPECT_EQ(Written(MakeCsvWriter, Records()), expected);
}

TEST(DecimalSum, EqualsAddingEveryAmountAsADecimal) {
  std::mt19937_64 random(5);
  const auto amount = [&random] {
    std::string text = random() % 3 == 0 ? "-" : "";
    const int digits = static_cast<int>(random() % 20);  // past 18 on purpose; 0 gives "0"
    text += digits == 0 ? '0' : static_cast<char>('1' + random() % 9);
    for (int i = 1; i < digits; ++i) text += static_cast<char>('0' + random() % 10);
    const int scale = static_cast<int>(random() % 12);
    if (scale > 0) {
      text += ".";
      for (int i = 0; i < scale; ++i) text += static_cast<char>('0' + random() % 10);
    }
    return Decimal::Parse(text);
  };
  for (int round = 0; round < 200; ++round) {
    DecimalSum sum;
    Decimal expected;
    for (int i = 0; i < 50; ++i) {
      const Decimal value = amount();
      sum.Add(value);
      expected += value;
    }
    ASSERT_EQ(sum.Total().ToString(), expected.ToString()) << "round " << round;
  }
  // Overflowing the integer part many times over, with a scale that grows late.
  DecimalSum sum;
  Decimal expected;
  for (int i = 0; i < 1000; ++i) {
    const Decimal value = Decimal::Parse(i == 900 ? "0.00001" : "999999999999999999");
    sum.Add(value);
    expected += value;
  }
  EXPECT_EQ(sum.Total().ToString(), expected.ToString());
  EXPECT_EQ(DecimalSum().Total().ToString(), "0");
}

}  // namespace
