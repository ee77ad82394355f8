#include "human_units.hpp"

#include <array>

namespace supersim_usage {

std::string FormatBytes(int64_t bytes) {
  static constexpr std::array<const char*, 6> kUnits = {"KB", "MB", "GB", "TB", "PB", "EB"};
  const std::string sign = bytes < 0 ? "-" : "";
  // The magnitude as unsigned, so that INT64_MIN has one too.
  const uint64_t magnitude = bytes < 0 ? 0 - static_cast<uint64_t>(bytes) : bytes;
  if (magnitude < 1000) return sign + std::to_string(magnitude) + " B";
  uint64_t unit = 1000;
  for (std::size_t i = 0; i < kUnits.size(); ++i, unit *= 1000) {
    // Tenths of the unit, rounded half up; r * 10 < 10 * unit stays below 2^64 even for EB.
    const uint64_t whole = magnitude / unit;
    const uint64_t rest = magnitude % unit;
    const uint64_t tenths = whole * 10 + (rest * 10 + unit / 2) / unit;
    // 999.95 KB rounds to 1000.0 KB: that is 1.0 MB (the next unit), except past EB.
    if (tenths < 10000 || i + 1 == kUnits.size()) {
      return sign + std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " " +
             kUnits[i];
    }
  }
  return sign + std::to_string(magnitude) + " B";  // not reached: EB always returns
}

std::string GroupThousands(int64_t value) {
  const uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value) : value;
  std::string digits = std::to_string(magnitude);
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return (value < 0 ? "-" : "") + grouped;
}

}  // namespace supersim_usage
