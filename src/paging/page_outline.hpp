// Internal: what paging needs to know of a page body before its records are walked, read from
// the raw text in a fraction of a walk: the next page's link, and a bound on the records. Every
// Twilio list resource pages with the same meta.next_page_url, so this knows no resource.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace twilio::internal {

/// A hint, never the truth: the walk decides what the page holds. A listing may send the
/// request for the next page on it early, and drops that request when the walk disagrees.
struct PageOutline {
  /// The link found: the last `"next_page_url"` member's string value (without escapes), as
  /// Twilio's pages put it at the end; nullopt when there is none, it is null, or it cannot be
  /// read without decoding.
  std::optional<std::string> next_page_url;
  /// At least the number of records the walk can yield, proven from the text alone: every record
  /// is an object and so begins with '{'; the page's own '{' is not one. Periods, the meta and
  /// braces in strings only add to it.
  std::size_t max_records = 0;
};

PageOutline OutlinePage(std::string_view text);

}  // namespace twilio::internal
