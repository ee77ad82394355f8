// A strict RFC 4180 reader, so that the export check fails on any quoting the standard does
// not allow rather than guessing what was meant.
#pragma once

#include <string>
#include <vector>

namespace example_driver {

// Every record ends in CRLF; a double quote appears only in a quoted field. Throws CheckFailed
// on anything else.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text);

}  // namespace example_driver
