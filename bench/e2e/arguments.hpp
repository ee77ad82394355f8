// Reading the benchmarks' numeric command-line values.
#pragma once

#include <cstdint>
#include <string>

namespace twilio::bench {

/// `text` as an integer in [1, max]; throws std::invalid_argument naming `name`.
int64_t ParsePositive(const std::string& name, const char* text, int64_t max);

}  // namespace twilio::bench
