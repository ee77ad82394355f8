// Internal: small pieces both readers of simdjson On-Demand documents share (the page walker
// and the page outline).
#pragma once

#include <simdjson.h>

#include <cstddef>
#include <cstring>
#include <optional>
#include <string_view>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace twilio::internal {

namespace od = simdjson::ondemand;

inline bool IsJsonSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/// The field or element an iterator yields, checked and used where it lies. Converting the
/// iterator's simdjson_result to od::field / od::value copies it, and GCC copies those small
/// structs with 16-byte loads of fields just stored 8 bytes at a time: a store-forwarding stall
/// on every field, which was over a fifth of the parse time.
template <typename T>
T&& Checked(simdjson::simdjson_result<T>& result) {
  if (result.error() != simdjson::SUCCESS) throw simdjson::simdjson_error(result.error());
  return std::move(result).value_unsafe();
}

/// The text of a string whose raw form (after the opening quote) holds no escape, read in place
/// (stage 1 already checked its UTF-8 and control characters); nullopt when it has escapes.
inline std::optional<std::string_view> Unescaped(const char* raw, const char* text_end) {
  // Stage 1 guarantees a closing quote before the end of the text.
  const auto* end =
      static_cast<const char*>(std::memchr(raw, '"', static_cast<std::size_t>(text_end - raw)));
  auto size = static_cast<std::size_t>(end - raw);
  if (std::memchr(raw, '\\', size) != nullptr) return std::nullopt;
  return std::string_view(raw, size);
}

/// A member's name: in place when it has no escapes, else decoded by simdjson.
inline std::string_view KeyOf(od::field& field, const char* text_end) {
  if (auto key = Unescaped(field.key().raw(), text_end)) return *key;
  return field.unescaped_key();
}

/// Whether `size` bytes at `text` hold a backslash. Strings here are short (SIDs, times), where
/// a call to memchr costs more than the scan; the text is padded, so whole 16-byte blocks may be
/// read past the end.
inline bool HasBackslash(const char* text, std::size_t size) {
#if defined(__SSE2__)
  const __m128i backslash = _mm_set1_epi8('\\');
  for (std::size_t at = 0; at < size; at += 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + at));
    auto hits = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, backslash)));
    if (size - at < 16) hits &= (1u << (size - at)) - 1;
    if (hits != 0) return true;
  }
  return false;
#else
  return std::memchr(text, '\\', size) != nullptr;
#endif
}

}  // namespace twilio::internal
