#include "supersim/v1/page_reader.hpp"

#include <simdjson.h>

#include <string_view>

#include "body_padding.hpp"
#include "supersim/v1/model_walker.hpp"
#include "supersim/v1/page_walker.hpp"
#include "twilio/errors.hpp"

namespace twilio::supersim::v1::internal {
namespace {

namespace od = simdjson::ondemand;

static_assert(twilio::internal::kBodyPadding >= simdjson::SIMDJSON_PADDING,
              "transports must reserve the padding simdjson reads past the text");

}  // namespace

struct PageReader::Impl {
  od::parser parser;
  od::document doc;
  const char* text = nullptr;
  std::size_t size = 0;
  std::size_t capacity = 0;
  bool indexed = false;
  std::string index_error;  // what stage 1 said, when it refused the text

  void Index() {
    // Room for a slightly longer page than this one: the parser reallocates (and its new
    // buffers fault in page by page) whenever a body is longer than any before. A failure here
    // is met again, and reported, by iterate().
    if (parser.capacity() < size) {
      const simdjson::error_code ignored = parser.allocate(size + size / 4);
      (void)ignored;
    }
    // A UTF-8 byte order mark is skipped, as nlohmann does.
    std::size_t bom = size >= 3 && std::string_view(text, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    try {
      doc = parser.iterate(text + bom, size - bom, capacity - bom);
      indexed = true;
    } catch (const simdjson::simdjson_error& e) {
      index_error = e.what();
    }
  }
};

PageReader::PageReader() : impl_(std::make_unique<Impl>()) {}

PageReader::~PageReader() = default;

void PageReader::Index(std::string& body) {
  // Writing the padding (rather than only reserving it) keeps every byte simdjson reads defined;
  // it reallocates only when the transport did not leave the spare capacity.
  const std::size_t size = body.size();
  body.append(twilio::internal::kBodyPadding, ' ');
  body.resize(size);
  impl_->text = body.data();
  impl_->size = size;
  impl_->capacity = size + twilio::internal::kBodyPadding;
  impl_->indexed = false;
  impl_->index_error.clear();
  impl_->Index();
}

template <typename WalkText>
void PageReader::WalkIndexed(WalkText&& walk) {
  if (!impl_->indexed) throw ParseException("", "malformed JSON: " + impl_->index_error);
  try {
    walk(impl_->doc, std::string_view(impl_->text, impl_->size));
  } catch (const simdjson::simdjson_error& e) {
    throw ParseException("", std::string("malformed JSON: ") + e.what());
  }
}

void PageReader::Walk(ListUsageRecordResponse& page) {
  WalkIndexed([&page](od::document& doc, std::string_view text) { WalkPage(doc, text, page); });
}

template <typename Model>
void WalkRoot(od::document& doc, std::string_view text, Model& model) {
  ModelWalker(text).ReadRoot(doc, model);
}

void PageReader::Walk(SupersimV1UsageRecord& record) {
  WalkIndexed([&](od::document& doc, std::string_view text) { WalkRoot(doc, text, record); });
}

void PageReader::Walk(Period& period) {
  WalkIndexed([&](od::document& doc, std::string_view text) { WalkRoot(doc, text, period); });
}

void PageReader::Walk(ListUsageRecordResponseMeta& meta) {
  WalkIndexed([&](od::document& doc, std::string_view text) { WalkRoot(doc, text, meta); });
}

}  // namespace twilio::supersim::v1::internal
