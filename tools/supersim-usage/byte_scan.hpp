// Tests for a byte within eight bytes at once, for the writers' checks of every string they
// print (a byte-by-byte loop was most of a writer's time). Each test may report a byte that is
// not there (a carry crossing lanes) but never misses one that is, so a caller only ever takes
// its careful path too often, never too rarely.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace supersim_usage {

constexpr uint64_t kByteLanes = 0x0101010101010101ULL;
constexpr uint64_t kHighBits = 0x8080808080808080ULL;

inline uint64_t Lanes(char c) {
  return kByteLanes * static_cast<unsigned char>(c);
}

inline bool HasZeroByte(uint64_t x) {
  return ((x - kByteLanes) & ~x & kHighBits) != 0;
}

inline bool HasByte(uint64_t x, char c) {
  return HasZeroByte(x ^ Lanes(c));
}

/// Some byte is below `limit` (at most 0x80).
inline bool HasByteBelow(uint64_t x, unsigned char limit) {
  return ((x - kByteLanes * limit) & ~x & kHighBits) != 0;
}

/// Some byte is 0x7f or above.
inline bool HasByteAbove7E(uint64_t x) {
  return ((x | (x + kByteLanes)) & kHighBits) != 0;
}

/// Whether `word_test` holds for some 8-byte block of `text` or `byte_test` for a byte of its
/// tail.
template <typename WordTest, typename ByteTest>
bool AnyByte(std::string_view text, WordTest word_test, ByteTest byte_test) {
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t x;
    std::memcpy(&x, text.data() + i, 8);
    if (word_test(x)) return true;
  }
  for (; i < text.size(); ++i) {
    if (byte_test(text[i])) return true;
  }
  return false;
}

}  // namespace supersim_usage
