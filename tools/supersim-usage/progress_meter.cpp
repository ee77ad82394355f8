#include "progress_meter.hpp"

#include <unistd.h>

#include <cerrno>

#include "progress_line.hpp"
#include "terminal.hpp"

namespace supersim_usage {
namespace {

// Best effort: a progress line that cannot be written is not worth failing the listing for.
void WriteAll(int fd, const std::string& text) noexcept {
  const char* data = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    ssize_t n = ::write(fd, data, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    data += n;
    left -= static_cast<std::size_t>(n);
  }
}

constexpr const char* kEraseLine = "\r\x1b[K";

}  // namespace

ProgressMeter::~ProgressMeter() {
  Stop();
}

void ProgressMeter::Start(const Settings& settings) {
  settings_ = settings;
  start_ = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    DrawLocked();
  }
  active_.store(true);
  ticker_ = std::thread([this] { Tick(); });
}

void ProgressMeter::Stop() noexcept {
  if (!ticker_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  ticker_.join();
  std::lock_guard<std::mutex> lock(mutex_);
  if (!paused_ && (records_.load() != drawn_records_ || pages_.load() != drawn_pages_)) {
    DrawLocked();
  }
  EraseLocked();
  active_.store(false);
}

void ProgressMeter::OnRecord(int64_t records, std::size_t pages, std::size_t retries) noexcept {
  records_.store(records, std::memory_order_relaxed);
  pages_.store(pages, std::memory_order_relaxed);
  retries_.store(retries, std::memory_order_relaxed);
}

void ProgressMeter::BeforeWrite() noexcept {
  std::lock_guard<std::mutex> lock(mutex_);
  paused_ = true;
  EraseLocked();
}

void ProgressMeter::AfterWrite() noexcept {
  std::lock_guard<std::mutex> lock(mutex_);
  paused_ = false;
}

void ProgressMeter::EraseForExit() noexcept {
  if (active_.load()) WriteAll(settings_.fd, kEraseLine);
}

void ProgressMeter::Tick() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!wake_.wait_for(lock, settings_.interval, [this] { return stopping_; })) {
    if (!paused_) DrawLocked();
  }
}

void ProgressMeter::DrawLocked() {
  ProgressState state;
  state.records = drawn_records_ = records_.load(std::memory_order_relaxed);
  state.pages = drawn_pages_ = pages_.load(std::memory_order_relaxed);
  state.retries = retries_.load(std::memory_order_relaxed);
  state.elapsed = std::chrono::steady_clock::now() - start_;
  state.limit = settings_.limit;
  std::string line = FormatProgressLine(state, settings_.utf8, OutputWidth(settings_.fd));
  if (line == shown_) return;
  if (settings_.erase_with_escape) {
    WriteAll(settings_.fd, kEraseLine + line);
  } else {
    // Blanks over what a longer previous line left, then back to the end of the new one.
    std::size_t previous = DisplayWidth(shown_);
    std::size_t now = DisplayWidth(line);
    std::string pad = previous > now
                          ? std::string(previous - now, ' ') + std::string(previous - now, '\b')
                          : std::string();
    WriteAll(settings_.fd, "\r" + line + pad);
  }
  shown_ = std::move(line);
}

void ProgressMeter::EraseLocked() {
  if (shown_.empty()) return;
  if (settings_.erase_with_escape) {
    WriteAll(settings_.fd, kEraseLine);
  } else {
    WriteAll(settings_.fd, "\r" + std::string(DisplayWidth(shown_), ' ') + "\r");
  }
  shown_.clear();
}

}  // namespace supersim_usage
