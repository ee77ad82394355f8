// The text of --help and --version.
#pragma once

#include <string>

namespace supersim_usage {

/// Every flag with its default, the formats, the environment, the exit codes and examples.
std::string HelpText();

/// `supersim-usage <version of the SDK library linked> (libcurl <version>)`, without a newline.
std::string VersionText();

}  // namespace supersim_usage
