#include "strict_csv.hpp"

#include <cstring>
#include <utility>

#include "check_failed.hpp"

namespace example_driver {

std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::size_t i = 0;
  while (i < text.size()) {
    std::string field;
    if (text[i] == '"') {
      for (++i;; ++i) {
        Require(i < text.size(), "a quoted field does not end");
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            ++i;
          } else {
            break;
          }
        }
        field += text[i];
      }
      ++i;  // the closing quote
    } else {
      for (; i < text.size() && std::strchr(",\r\n", text[i]) == nullptr; ++i) {
        Require(text[i] != '"', "a double quote in an unquoted field");
        field += text[i];
      }
    }
    row.push_back(std::move(field));
    if (i < text.size() && text[i] == ',') {
      ++i;
      Require(i < text.size(), "the text ends after a comma");
      continue;
    }
    Require(text.compare(i, 2, "\r\n") == 0, "a record does not end in CRLF");
    i += 2;
    rows.push_back(std::move(row));
    row.clear();
  }
  return rows;
}

}  // namespace example_driver
