#include "verbose_log.hpp"

#include <unistd.h>

#include <memory>
#include <mutex>
#include <utility>

#include "error_report.hpp"

namespace supersim_usage {

twilio::Logger VerboseLogger(std::vector<std::string> secrets) {
  // Events come from the listing's threads; a line is written whole, and lines never mix.
  auto mutex = std::make_shared<std::mutex>();
  return [secrets = std::move(secrets), mutex](const twilio::LogEvent& event) {
    const std::string line = Redact(twilio::FormatLogEvent(event), secrets) + "\n";
    std::lock_guard<std::mutex> lock(*mutex);
    std::size_t written = 0;
    while (written < line.size()) {
      const ssize_t n = write(STDERR_FILENO, line.data() + written, line.size() - written);
      if (n <= 0) return;  // stderr is gone: nothing better to do with a log line
      written += static_cast<std::size_t>(n);
    }
  };
}

}  // namespace supersim_usage
