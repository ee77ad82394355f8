// A check per example: each compares what the example printed (or wrote) with the fixture's
// own listings, returns what it verified for the "[driver] ok" line, or throws CheckFailed.
#pragma once

#include <string>
#include <vector>

#include "example_fixture.hpp"

namespace example_driver {

// list_with_filters, given the example's own arguments (--limit among them).
std::string CheckList(const Fixture& fx, const std::vector<std::string>& args,
                      const std::string& out);
// stream_with_progress.
std::string CheckStream(const Fixture& fx, const std::string& out);
// page_by_page.
std::string CheckPages(const Fixture& fx, const std::string& out);
// export_csv: `text` is the CSV it wrote, to stdout or to a file.
std::string CheckCsv(const Fixture& fx, const std::string& text);
// export_csv after a failed listing: nothing left at `path`.
std::string CheckCsvRemoved(const std::string& path);
// group_by_country.
std::string CheckCountries(const Fixture& fx, const std::string& out);

}  // namespace example_driver
