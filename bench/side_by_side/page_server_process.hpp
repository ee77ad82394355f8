// bench_page_server in a child process: its base URL and the pages a client of the listing
// fetches, as it prints them; it serves until its standard input closes.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace twilio::bench {

struct ServedPage {
  int64_t body_bytes = 0;
  std::string url;
};

class PageServerProcess {
 public:
  /// Spawns `server` --records N --sims S --page-size P --list-pages and reads what it prints
  /// up to "ready". Throws std::runtime_error when it does not get there.
  PageServerProcess(const std::string& server, int64_t records, int sims, int page_size);
  /// Stop().
  ~PageServerProcess();
  PageServerProcess(const PageServerProcess&) = delete;
  PageServerProcess& operator=(const PageServerProcess&) = delete;

  const std::string& BaseUrl() const { return base_url_; }
  const std::vector<ServedPage>& Pages() const { return pages_; }
  int64_t BodyBytes() const;

  /// Closes its standard input and reaps it (killing it when it does not exit in 10 s).
  void Stop();

 private:
  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  std::string base_url_;
  std::vector<ServedPage> pages_;
};

}  // namespace twilio::bench
