#include "side_by_side/record_files.hpp"

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <vector>

namespace twilio::bench {
namespace {

// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool ParseInt64(const std::string& text, int64_t& value) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  value = std::strtoll(text.c_str(), &end, 10);
  return errno == 0 && end == text.c_str() + text.size();
}

// The cells a tabular line's record needs, by their header names.
struct Columns {
  std::size_t period_start, sim_sid, data_upload, data_download, data_total;
};

bool FindColumns(const std::vector<std::string>& header, Columns& columns) {
  const auto index = [&header](const char* name, std::size_t& at) {
    for (at = 0; at < header.size(); ++at) {
      if (header[at] == name) return true;
    }
    return false;
  };
  return index("period_start", columns.period_start) && index("sim_sid", columns.sim_sid) &&
         index("data_upload", columns.data_upload) &&
         index("data_download", columns.data_download) && index("data_total", columns.data_total);
}

std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> cells(1);
  for (char c : line) {
    if (c == ',') {
      cells.emplace_back();
    } else {
      cells.back() += c;
    }
  }
  return cells;
}

std::vector<std::string> SplitBlanks(const std::string& line) {
  std::vector<std::string> cells;
  std::size_t at = 0;
  while ((at = line.find_first_not_of(' ', at)) != std::string::npos) {
    const std::size_t end = line.find(' ', at);
    cells.push_back(line.substr(at, end - at));
    at = end;
  }
  return cells;
}

// A header line, then a record a line: the CSV and table formats.
FileDigest DigestTabular(const std::string& path,
                         const std::function<std::vector<std::string>(const std::string&)>& split,
                         const char* null_cell) {
  FileDigest result;
  std::ifstream in(path);
  std::string line;
  Columns columns{};
  if (!std::getline(in, line) || !FindColumns(split(line), columns)) {
    result.problem = "no header line with period_start, sim_sid and the byte columns";
    return result;
  }
  const std::size_t width = split(line).size();
  for (int64_t number = 2; std::getline(in, line); ++number) {
    const std::vector<std::string> cells = split(line);
    int64_t upload = 0;
    int64_t download = 0;
    int64_t total = 0;
    const bool ok = cells.size() == width && line.find('"') == std::string::npos &&
                    cells[columns.sim_sid] != null_cell &&
                    ParseInt64(cells[columns.data_upload], upload) &&
                    ParseInt64(cells[columns.data_download], download) &&
                    ParseInt64(cells[columns.data_total], total);
    const int64_t start = ok ? UtcSeconds(cells[columns.period_start]) : -1;
    if (start < 0) {
      result.problem = "line " + std::to_string(number) + " is not a record: " + line;
      return result;
    }
    result.digest.Add(cells[columns.sim_sid], start, upload, download, total);
  }
  return result;
}

}  // namespace

int64_t UtcSeconds(const std::string& text) {
  // YYYY-MM-DDTHH:MM:SSZ
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != 'Z') {
    return -1;
  }
  const auto number = [&text](std::size_t at, std::size_t digits) -> int64_t {
    int64_t value = 0;
    for (std::size_t i = at; i < at + digits; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const int64_t year = number(0, 4), month = number(5, 2), day = number(8, 2);
  const int64_t hour = number(11, 2), minute = number(14, 2), second = number(17, 2);
  if (year < 1970 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 ||
      minute < 0 || minute > 59 || second < 0 || second > 59) {
    return -1;
  }
  return DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
}

FileDigest DigestJsonl(const std::string& path) {
  FileDigest result;
  std::ifstream in(path);
  std::string line;
  for (int64_t number = 1; std::getline(in, line); ++number) {
    try {
      const nlohmann::json record = nlohmann::json::parse(line);
      const int64_t start = UtcSeconds(record.at("period").at("start_time").get<std::string>());
      if (start < 0) throw std::runtime_error("period.start_time is not RFC 3339 UTC");
      result.digest.Add(
          record.at("sim_sid").get<std::string>(), start, record.at("data_upload").get<int64_t>(),
          record.at("data_download").get<int64_t>(), record.at("data_total").get<int64_t>());
    } catch (const std::exception& e) {
      result.problem = "line " + std::to_string(number) + ": " + e.what();
      return result;
    }
  }
  return result;
}

FileDigest DigestCsv(const std::string& path) {
  return DigestTabular(path, SplitCsv, "");
}

FileDigest DigestTable(const std::string& path) {
  return DigestTabular(path, SplitBlanks, "-");
}

}  // namespace twilio::bench
