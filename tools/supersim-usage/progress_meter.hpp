// The progress line on standard error while a listing runs: drawn only on a terminal (the
// caller decides), redrawn from a ticker thread so that elapsed time and rate move even while a
// page is on its way, and erased when the listing ends so the terminal is left clean.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "stdout_sink.hpp"
#include "stream_listing.hpp"

namespace supersim_usage {

class ProgressMeter : public ListingObserver, public WriteGuard {
 public:
  struct Settings {
    /// Where the line goes: a terminal.
    int fd = 2;
    /// --limit, for the percentage.
    std::optional<int64_t> limit;
    /// " · " separators; else ASCII.
    bool utf8 = false;
    /// Erase with "\x1b[K"; else by overwriting with blanks (TERM=dumb).
    bool erase_with_escape = true;
    /// The longest pause between redraws (and so at most 1 / interval redraws a second).
    std::chrono::milliseconds interval{100};
  };

  /// Inactive: every call does nothing until Start().
  ProgressMeter() = default;
  /// Stop()s.
  ~ProgressMeter() override;
  ProgressMeter(const ProgressMeter&) = delete;
  ProgressMeter& operator=(const ProgressMeter&) = delete;

  /// Draws the line at once (0 records), then redraws it every `interval` from a thread of its
  /// own. Call once. The line keeps within the terminal's width (see OutputWidth), read at
  /// each redraw so a resized window is followed.
  void Start(const Settings& settings);
  /// Draws the final counts when they changed since the last redraw, then erases the line and
  /// joins the ticker. Idempotent; the meter stays inactive after it.
  void Stop() noexcept;

  /// From the listing's thread, per record: only stores the counts.
  void OnRecord(int64_t records, std::size_t pages, std::size_t retries) noexcept override;
  /// The listing is complete: Stop().
  void OnComplete() noexcept override { Stop(); }

  /// Around writes of standard output to the same terminal: erases the line and holds redraws
  /// until the write is over; the next tick draws the line again, below the output.
  void BeforeWrite() noexcept override;
  void AfterWrite() noexcept override;

  /// For a process about to _exit from another thread: erases the line without waiting for a
  /// lock (a redraw may be under way; its bytes at worst precede the erase).
  void EraseForExit() noexcept;

 private:
  void Tick();
  void DrawLocked();
  void EraseLocked();

  Settings settings_;
  std::chrono::steady_clock::time_point start_;
  std::atomic<int64_t> records_{0};
  std::atomic<std::size_t> pages_{0};
  std::atomic<std::size_t> retries_{0};
  std::atomic<bool> active_{false};

  std::mutex mutex_;  // guards what follows, and every write of the line
  std::condition_variable wake_;
  bool stopping_ = false;
  bool paused_ = false;
  // The text on the terminal now (empty: none), for skipping identical redraws and for erasing
  // without an escape sequence.
  std::string shown_;
  int64_t drawn_records_ = -1;
  std::size_t drawn_pages_ = 0;
  std::thread ticker_;
};

}  // namespace supersim_usage
