#include "paging/page_outline.hpp"

#if defined(__SSE2__) && defined(__x86_64__)
#include <emmintrin.h>
#endif

namespace twilio::internal {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::size_t CountBraces(std::string_view text) {
  std::size_t count = 0;
  const char* at = text.data();
  const char* end = at + text.size();
#if defined(__SSE2__) && defined(__x86_64__)
  // Byte lanes count matches (a match is -1), folded into the total every 255 blocks before a
  // lane can wrap.
  const __m128i brace = _mm_set1_epi8('{');
  while (end - at >= 16) {
    __m128i lanes = _mm_setzero_si128();
    for (int block = 0; block < 255 && end - at >= 16; ++block, at += 16) {
      const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
      lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(chunk, brace));
    }
    const __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
    count += static_cast<std::size_t>(_mm_cvtsi128_si64(sums)) +
             static_cast<std::size_t>(_mm_extract_epi16(sums, 4));
  }
#endif
  for (; at < end; ++at) count += *at == '{' ? 1 : 0;
  return count;
}

// The string after `"next_page_url"` and a colon, when it is a plain string literal.
std::optional<std::string> LinkAfter(std::string_view text, std::size_t at) {
  while (at < text.size() && IsSpace(text[at])) ++at;
  if (at >= text.size() || text[at] != ':') return std::nullopt;
  ++at;
  while (at < text.size() && IsSpace(text[at])) ++at;
  if (at >= text.size() || text[at] != '"') return std::nullopt;
  const std::size_t begin = at + 1;
  const std::size_t end = text.find_first_of("\"\\", begin);
  if (end == std::string_view::npos || text[end] != '"') return std::nullopt;
  return std::string(text.substr(begin, end - begin));
}

}  // namespace

PageOutline OutlinePage(std::string_view text) {
  PageOutline outline;
  outline.max_records = CountBraces(text);
  std::size_t first = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") first = 3;
  while (first < text.size() && IsSpace(text[first])) ++first;
  if (first < text.size() && text[first] == '{' && outline.max_records > 0) --outline.max_records;

  constexpr std::string_view kKey = "\"next_page_url\"";
  const std::size_t key = text.rfind(kKey);
  if (key != std::string_view::npos) outline.next_page_url = LinkAfter(text, key + kKey.size());
  return outline;
}

}  // namespace twilio::internal
