// The curl floor's config file: every page URL over one curl invocation (so one kept-alive
// connection), asking for the encodings the SDK asks for, discarding the bodies.
#pragma once

#include <string>
#include <vector>

namespace twilio::bench {

/// Writes `path`; throws std::runtime_error when it cannot. Each transfer writes a line
/// "<http code> <bytes downloaded> <new connections>".
void WriteCurlConfig(const std::string& path, const std::vector<std::string>& urls,
                     const std::string& user, const std::string& password);

}  // namespace twilio::bench
