#include "signal_watcher.hpp"

#include <pthread.h>
#include <signal.h>

namespace supersim_usage {
namespace {

// Sent to the watcher thread alone to end it. Blocked only there, so a SIGUSR1 sent to the
// process still has its default effect.
constexpr int kStopSignal = SIGUSR1;

sigset_t Signals(std::initializer_list<int> signals) {
  sigset_t set;
  sigemptyset(&set);
  for (int s : signals) sigaddset(&set, s);
  return set;
}

}  // namespace

void BlockTerminationSignals() {
  sigset_t set = Signals({SIGINT, SIGTERM});
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

const char* SignalName(int signal) noexcept {
  switch (signal) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    default:
      return "a signal";
  }
}

SignalWatcher::SignalWatcher(Handler first, Handler again)
    : first_(std::move(first)), again_(std::move(again)) {
  // The new thread inherits the stop signal blocked, so it is pending for sigwait even when the
  // destructor runs before the thread first waits.
  sigset_t stop = Signals({kStopSignal});
  sigset_t previous;
  pthread_sigmask(SIG_BLOCK, &stop, &previous);
  thread_ = std::thread([this] { Run(); });
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
}

SignalWatcher::~SignalWatcher() {
  stopping_.store(true);
  pthread_kill(thread_.native_handle(), kStopSignal);
  thread_.join();
}

void SignalWatcher::Run() {
  const sigset_t set = Signals({SIGINT, SIGTERM, kStopSignal});
  int received = 0;
  for (;;) {
    int signal = 0;
    if (sigwait(&set, &signal) != 0) continue;
    if (signal == kStopSignal) {
      if (stopping_.load()) return;
      continue;
    }
    (received++ == 0 ? first_ : again_)(signal);
  }
}

}  // namespace supersim_usage
