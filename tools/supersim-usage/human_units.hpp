// Numbers as people read them: byte counts in decimal SI units, counts with thousands separators.
#pragma once

#include <cstdint>
#include <string>

namespace supersim_usage {

/// Decimal SI (1 KB = 1000 bytes): "512 B" below 1000 bytes, else one decimal and the largest
/// unit that keeps it under 1000: "1.0 KB", "12.3 MB", "999.9 GB", "1.0 TB" (then PB and EB,
/// which 64 bits reach). Rounded to the nearest tenth, halves away from zero; negative counts
/// keep their sign. At most 9 characters ("-999.9 KB").
std::string FormatBytes(int64_t bytes);

/// "1,250", "-3,000,000": a comma every three digits, whatever the locale.
std::string GroupThousands(int64_t value);

}  // namespace supersim_usage
