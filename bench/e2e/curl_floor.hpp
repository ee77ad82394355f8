// The curl floor: plain curl fetching the same page URLs over one connection, asking for the
// same encodings as the SDK, and discarding the bodies. What no client can beat by much.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace twilio::bench {

struct CurlRun {
  double wall_seconds = 0;
  int64_t transfers = 0;
  int64_t failed_transfers = 0;  // status other than 200
  /// Bytes as received (compressed, if the server compressed).
  int64_t bytes_downloaded = 0;
  /// New connections opened (the server closes a kept-alive connection after 100 requests).
  int64_t connects = 0;
  int exit_status = 0;
};

/// Writes a curl config file with every URL (basic auth `user`:`password`), runs
/// `curl --config FILE` once and times it from spawn to exit. Throws std::runtime_error when
/// curl cannot be run.
CurlRun RunCurl(const std::vector<std::string>& urls, const std::string& user,
                const std::string& password);

}  // namespace twilio::bench
