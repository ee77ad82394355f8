// Internal: a page body (or one model's JSON text) indexed by simdjson's first stage, then
// walked into the models; the two steps may run on different threads (a listing indexes in the
// background what it walks in the foreground).
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "twilio/supersim/v1/list_usage_record_response.hpp"

namespace twilio::supersim::v1::internal {

/// Owns a simdjson parser (its buffers are kept from page to page) and the document it made of
/// the last body given to Index(). The reader may move between threads between calls.
class PageReader {
 public:
  PageReader();
  ~PageReader();
  PageReader(const PageReader&) = delete;
  PageReader& operator=(const PageReader&) = delete;

  /// Indexes `body` (simdjson's first stage), which must stay unchanged until the next Index().
  /// simdjson reads up to 64 bytes past the text: the string's spare capacity is used as that
  /// padding (transports reserve it: kBodyPadding), reallocating only when it is missing. Text
  /// that is not JSON is reported by Walk().
  void Index(std::string& body);
  /// Reads the whole indexed page into `page`, overwriting the records it holds in place (their
  /// strings keep their heap blocks); once per Index(). Throws ParseException; `page` is then
  /// partly overwritten.
  void Walk(ListUsageRecordResponse& page);
  /// Reads the indexed text, one object of the model as its top-level value, into `record`
  /// (from_json's path); throws ParseException as Walk(page) does.
  void Walk(SupersimV1UsageRecord& record);
  /// The same for a Period.
  void Walk(Period& period);
  /// The same for a page's meta.
  void Walk(ListUsageRecordResponseMeta& meta);

 private:
  // Runs `walk(doc, text)` over the indexed text, turning simdjson's errors into ParseException.
  template <typename WalkText>
  void WalkIndexed(WalkText&& walk);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace twilio::supersim::v1::internal
