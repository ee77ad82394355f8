// --format jsonl: one compact JSON object per line with the API's own field names: what
// nlohmann/json dumps of the SDK's to_json (keys sorted, data_total_billed as its exact decimal
// string, null where the API sent null). A record whose strings need no escaping (every real
// one) is written field by field into one buffer, since a JSON document per record cost several
// times the listing itself; any other goes through nlohmann/json.
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "byte_scan.hpp"
#include "line_output.hpp"
#include "output_format.hpp"
#include "schema_leaves.hpp"
#include "twilio/supersim/v1/usage_record_schema.hpp"

namespace supersim_usage {
namespace {

using twilio::supersim::v1::SupersimV1UsageRecord;

// A word of eight bytes that JSON writes as they are: printable ASCII other than '"' and '\\'.
bool IsPlainWord(uint64_t x) {
  return !(HasByteBelow(x, 0x20) || HasByteAbove7E(x) || HasByte(x, '"') || HasByte(x, '\\'));
}

bool IsPlainByte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte >= 0x20 && byte <= 0x7e && c != '"' && c != '\\';
}

// Appends to a buffer whose room was made beforehand: one size check per record, not per piece.
// Strings are checked as they are copied, a word at a time: Plain() tells whether every one was
// written as it is (else the line is dropped and the record escaped the slow way).
class Cursor {
 public:
  explicit Cursor(char* at) : at_(at) {}
  template <std::size_t N>
  void Literal(const char (&text)[N]) {
    std::memcpy(at_, text, N - 1);
    at_ += N - 1;
  }
  void Raw(std::string_view text) {
    std::memcpy(at_, text.data(), text.size());
    at_ += text.size();
  }
  void Quoted(const std::optional<std::string>& text) {
    if (!text) return Literal("null");
    *at_++ = '"';
    Checked(*text);
    *at_++ = '"';
  }
  void Checked(std::string_view text) {
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
      uint64_t x;
      std::memcpy(&x, text.data() + i, 8);
      std::memcpy(at_ + i, &x, 8);
      plain_ = plain_ && IsPlainWord(x);
    }
    for (; i < text.size(); ++i) {
      at_[i] = text[i];
      plain_ = plain_ && IsPlainByte(text[i]);
    }
    at_ += text.size();
  }
  bool Plain() const { return plain_; }
  void Integer(const std::optional<int64_t>& value) {
    if (!value) return Literal("null");
    at_ = std::to_chars(at_, at_ + 20, *value).ptr;
  }
  char* End() const { return at_; }

 private:
  char* at_;
  bool plain_ = true;
};

using Record = SupersimV1UsageRecord;
namespace v1 = twilio::supersim::v1;
constexpr std::size_t kFields = v1::kFieldCount<Record>;

// The record's fields in the order nlohmann/json writes an object's keys: byte order of the
// names (its object is a std::map<std::string, ...>).
constexpr std::array<std::size_t, kFields> kKeyOrder = [] {
  std::array<std::string_view, kFields> names{};
  std::size_t at = 0;
  v1::ForEachField<Record>([&](const auto& field) { names[at++] = field.name; });
  std::array<std::size_t, kFields> order{};
  for (std::size_t i = 0; i < kFields; ++i) order[i] = i;
  for (std::size_t i = 1; i < kFields; ++i) {  // insertion sort, at compile time
    for (std::size_t j = i; j > 0 && names[order[j]] < names[order[j - 1]]; --j) {
      const std::size_t earlier = order[j - 1];  // std::swap is not constexpr in C++17
      order[j - 1] = order[j];
      order[j] = earlier;
    }
  }
  return order;
}();

// What precedes the value of the K-th key: `{"name":` for the first, `,"name":` after.
struct KeyText {
  char text[64] = {};
  std::size_t size = 0;
};

template <std::size_t K>
constexpr KeyText MakeKeyText() {
  constexpr std::string_view name = std::get<kKeyOrder[K]>(v1::Schema<Record>::kFields).name;
  static_assert(name.size() + 4 <= sizeof(KeyText::text), "a field name too long for KeyText");
  KeyText key;
  key.text[key.size++] = K == 0 ? '{' : ',';
  key.text[key.size++] = '"';
  for (char c : name) key.text[key.size++] = c;
  key.text[key.size++] = '"';
  key.text[key.size++] = ':';
  return key;
}

template <std::size_t K>
inline constexpr KeyText kKeyText = MakeKeyText<K>();

// A nested model's last value and its JSON text: the records of a page share their period.
template <typename Value, bool = v1::HasSchema<Value>::value>
struct ValueMemo {};
template <typename Value>
struct ValueMemo<Value, true> {
  std::optional<Value> last;
  std::string text;
};

template <std::size_t... I>
auto MemosOf(std::index_sequence<I...>) -> std::tuple<ValueMemo<FieldValueAt<Record, I>>...>;
using Memos = decltype(MemosOf(std::make_index_sequence<kFields>()));

template <typename T>
struct TypeTag {
  using type = T;
};

// Whether every field is of a kind written here: a string, an integer, a decimal or a nested
// model. A record with a field of any other kind is written by nlohmann/json whole.
template <std::size_t... I>
constexpr bool AllFieldsWritable(std::index_sequence<I...>) {
  const auto writable = [](auto value) {
    using Value = typename decltype(value)::type;
    return std::is_same_v<Value, std::string> || std::is_same_v<Value, int64_t> ||
           std::is_same_v<Value, twilio::Decimal> || v1::HasSchema<Value>::value;
  };
  return (... && writable(TypeTag<FieldValueAt<Record, I>>{}));
}

constexpr bool kWritable = AllFieldsWritable(std::make_index_sequence<kFields>());

std::size_t Size(const std::optional<std::string>& text) {
  return text ? text->size() + 2 : 4;
}

class JsonlWriter : public RecordWriter {
 public:
  explicit JsonlWriter(std::ostream& out) : out_(out), line_(out) {}

  void Write(const SupersimV1UsageRecord& r) override { WriteRecord<kWritable>(r); }

 private:
  template <bool kFieldByField>
  void WriteRecord(const Record& r) {
    if constexpr (!kFieldByField) {
      WriteEscaped(r);
    } else {
      // The keys, every value at its longest (an integer has at most 20 characters), and "}\n".
      std::size_t most = 2;
      InKeyOrder(r, [&](auto key, const auto& value) {
        most += kKeyText<decltype(key)::value>.size + Most(key, value);
      });
      Cursor c(line_.Begin(most));
      InKeyOrder(r, [&](auto key, const auto& value) {
        constexpr const KeyText& text = kKeyText<decltype(key)::value>;
        c.Raw(std::string_view(text.text, text.size));
        Put(c, key, value);
      });
      c.Literal("}\n");
      if (!c.Plain()) return WriteEscaped(r);  // the line is dropped unwritten
      line_.End(c.End());
    }
  }

  template <typename Visit, std::size_t... K>
  static void InKeyOrder(const Record& r, Visit&& visit, std::index_sequence<K...>) {
    (visit(std::integral_constant<std::size_t, K>{},
           r.*std::get<kKeyOrder[K]>(v1::Schema<Record>::kFields).member),
     ...);
  }
  template <typename Visit>
  static void InKeyOrder(const Record& r, Visit&& visit) {
    InKeyOrder(r, visit, std::make_index_sequence<kFields>());
  }

  template <std::size_t K>
  std::size_t Most(std::integral_constant<std::size_t, K>, const std::optional<std::string>& v) {
    return Size(v);
  }
  template <std::size_t K>
  std::size_t Most(std::integral_constant<std::size_t, K>, const std::optional<int64_t>&) {
    return 20;
  }
  template <std::size_t K>
  std::size_t Most(std::integral_constant<std::size_t, K>,
                   const std::optional<twilio::Decimal>& v) {
    return v ? v->ToString().size() + 2 : 4;
  }
  // A nested model: made into text here, written by Put.
  template <std::size_t K, typename Model>
  std::size_t Most(std::integral_constant<std::size_t, K>, const std::optional<Model>& v) {
    return Text<K>(v).size();
  }

  template <std::size_t K>
  void Put(Cursor& c, std::integral_constant<std::size_t, K>, const std::optional<std::string>& v) {
    c.Quoted(v);
  }
  template <std::size_t K>
  void Put(Cursor& c, std::integral_constant<std::size_t, K>, const std::optional<int64_t>& v) {
    c.Integer(v);
  }
  template <std::size_t K>
  void Put(Cursor& c, std::integral_constant<std::size_t, K>,
           const std::optional<twilio::Decimal>& v) {
    if (!v) return c.Literal("null");
    c.Literal("\"");  // a Decimal's text is digits, '-' and '.': always plain
    c.Raw(v->ToString());
    c.Literal("\"");
  }
  template <std::size_t K, typename Model>
  void Put(Cursor& c, std::integral_constant<std::size_t, K>, const std::optional<Model>&) {
    c.Raw(std::get<kKeyOrder[K]>(memos_).text);
  }

  // A nested model's JSON, by the SDK's to_json, made again only when it changed.
  template <std::size_t K, typename Model>
  const std::string& Text(const std::optional<Model>& value) {
    auto& memo = std::get<kKeyOrder[K]>(memos_);
    if (!value) {
      memo.last.reset();
      memo.text = "null";
    } else if (!memo.last || !(*memo.last == *value)) {
      memo.last = *value;
      memo.text =
          nlohmann::json(*value).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    return memo.text;
  }

  // A record with a string to escape (rare) is written by nlohmann/json whole, as before.
  void WriteEscaped(const SupersimV1UsageRecord& r) {
    out_ << nlohmann::json(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
         << '\n';
  }

  std::ostream& out_;
  LineOutput line_;
  Memos memos_;
};

}  // namespace

std::unique_ptr<RecordWriter> MakeJsonlWriter(std::ostream& out) {
  return std::make_unique<JsonlWriter>(out);
}

}  // namespace supersim_usage
