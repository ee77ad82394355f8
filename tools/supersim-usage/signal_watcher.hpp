// Ctrl-C (SIGINT) and SIGTERM, received by one thread that waits for them (sigwait), so that
// what they do is ordinary code: cancel the listing through the SDK's CancellationToken, and
// on a second signal clean up and leave at once.
#pragma once

#include <atomic>
#include <functional>
#include <thread>

namespace supersim_usage {

/// Blocks SIGINT and SIGTERM in the calling thread and so in every thread started after it
/// (the SDK's prefetch, libcurl's resolver, the demo server), leaving them to SignalWatcher.
/// Call at the top of main, before any thread exists.
void BlockTerminationSignals();

/// "SIGINT", "SIGTERM", or "a signal".
const char* SignalName(int signal) noexcept;

class SignalWatcher {
 public:
  using Handler = std::function<void(int signal)>;

  /// Starts a thread that waits for SIGINT and SIGTERM (blocked by BlockTerminationSignals):
  /// the first calls `first`, every later one `again`; both run on that thread.
  SignalWatcher(Handler first, Handler again);
  /// Wakes the thread with a signal aimed at it alone (SIGUSR1) and joins it.
  ~SignalWatcher();
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

 private:
  void Run();

  Handler first_;
  Handler again_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace supersim_usage
