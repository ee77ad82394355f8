// Internal: reads the members of a JSON object into a model, driven by the model's Schema
// (twilio/supersim/v1/usage_record_schema.hpp): the schema says which member a key fills and,
// by the member's type, how its value is read. Nothing here names a field.
#pragma once

#include <simdjson.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "json/value_reader.hpp"
#include "twilio/supersim/v1/usage_record_schema.hpp"

namespace twilio::supersim::v1::internal {

namespace od = simdjson::ondemand;
using twilio::internal::Checked;
using twilio::internal::PathNode;

/// The names of Model's fields, indexed as in its Schema.
template <typename Model>
inline constexpr auto kFieldNames = std::apply(
    [](const auto&... field) {
      return std::array<std::string_view, sizeof...(field)>{field.name...};
    },
    Schema<Model>::kFields);

/// A field index that names no field: an unknown key.
inline constexpr std::size_t kNoField = 0xff;

// The walk of a record is one function: its field readers are inlined into the loop over its
// members, as the hand-written walker was (calls and spills there cost a fifth of the parse).
#if defined(__GNUC__)
#define TWILIO_WALK_INLINE __attribute__((always_inline)) inline
#define TWILIO_WALK_LAMBDA_INLINE __attribute__((always_inline))
#else
#define TWILIO_WALK_INLINE inline
#define TWILIO_WALK_LAMBDA_INLINE
#endif

/// Calls `visit(std::integral_constant<std::size_t, I>())` for I == index, when index < N, and
/// returns what it returns (false for any other index). A switch, so one indexed jump, where a
/// chain of comparisons would cost one branch per field before it.
template <std::size_t N, typename Visit>
TWILIO_WALK_INLINE bool VisitIndex(std::size_t index, Visit&& visit) {
  static_assert(N <= 32, "one case per field");
#define TWILIO_VISIT_CASE(I)                                  \
  case I:                                                     \
    if constexpr ((I) < N) {                                  \
      return visit(std::integral_constant<std::size_t, I>()); \
    } else {                                                  \
      return false;                                           \
    }
#define TWILIO_VISIT_CASES4(I) \
  TWILIO_VISIT_CASE(I)         \
  TWILIO_VISIT_CASE((I) + 1)   \
  TWILIO_VISIT_CASE((I) + 2)   \
  TWILIO_VISIT_CASE((I) + 3)
  switch (index) {
    TWILIO_VISIT_CASES4(0)
    TWILIO_VISIT_CASES4(4)
    TWILIO_VISIT_CASES4(8)
    TWILIO_VISIT_CASES4(12)
    TWILIO_VISIT_CASES4(16)
    TWILIO_VISIT_CASES4(20)
    TWILIO_VISIT_CASES4(24)
    TWILIO_VISIT_CASES4(28)
    default:
      return false;
  }
#undef TWILIO_VISIT_CASES4
#undef TWILIO_VISIT_CASE
}

/// The field a key in the order of the object before had at each position. The objects of one
/// model on a page (a page's records, their periods) name their fields in one order, so the key
/// at a position is nearly always the one the object before had there, and is matched with one
/// comparison; a guess is always checked, so an object in another order is only slower.
struct KeyOrder {
  static constexpr std::size_t kPositions = 32;
  std::array<uint8_t, kPositions> field;

  KeyOrder() { field.fill(static_cast<uint8_t>(kNoField)); }
};

/// Reads objects into models, keeping one KeyOrder per model and one time memo per field index.
class ModelWalker : public twilio::internal::ValueReader {
 public:
  using ValueReader::ValueReader;

  /// Reads the members of `object` (nested at level `depth`) into `model`. `seen` has a bit per
  /// field index and spans the objects that fill one model (a repeated "meta" merges into it); a
  /// null clears a member only the first time its field is seen. Unknown members are validated
  /// and skipped. Members the object does not name are left as they were: see ResetUnseen.
  template <typename Model>
  void ReadFields(od::object object, Model& model, const PathNode* at, int depth, uint32_t& seen) {
    static_assert(kFieldCount<Model> <= 32, "a field per bit of `seen`");
    constexpr std::size_t kCount = kFieldCount<Model>;
    KeyOrder& order = OrderOf<Model>();
    std::size_t position = 0;
    for (auto result : object) {
      od::field&& field = Checked(result);
      const od::raw_json_string raw = field.key();
      const bool remembered = position < KeyOrder::kPositions;
      const std::size_t guess = remembered ? order.field[position] : kNoField;
      ++position;
      // The hot path: the key the object before had here, compared as it stands in the text.
      const bool read = VisitIndex<kCount>(guess, [&](auto index) TWILIO_WALK_LAMBDA_INLINE {
        if (!raw.unsafe_is_equal(kFieldNames<Model>[index])) return false;
        ReadField<index>(field, model, at, depth, seen);
        return true;
      });
      if (read) continue;
      std::string_view key;
      const std::size_t which = Match<Model>(field, raw, key);
      if (remembered) order.field[position - 1] = static_cast<uint8_t>(which);
      const bool known = VisitIndex<kCount>(which, [&](auto index) {
        ReadField<index>(field, model, at, depth, seen);
        return true;
      });
      if (!known) {
        PathNode here{at, key};
        Skip(field.value(), depth, here);
      }
    }
  }

  /// Empties every member whose field `seen` lacks: a model reused from an earlier page then
  /// reads as a fresh one.
  template <typename Model>
  static void ResetUnseen(Model& model, uint32_t seen) {
    std::size_t index = 0;
    ForEachField<Model>([&](const auto& field) {
      if ((seen & (1u << index++)) == 0) (model.*field.member).reset();
    });
  }

  /// Reads a whole document whose top-level value is one Model object.
  template <typename Model>
  void ReadRoot(od::document& doc, Model& model) {
    ExpectObjectRoot(doc);
    uint32_t seen = 0;
    ReadFields(doc.get_object(), model, nullptr, 1, seen);
    ExpectEnd(doc);
  }

 private:
  template <std::size_t Index, typename Model>
  TWILIO_WALK_INLINE void ReadField(od::field& field, Model& model, const PathNode* at, int depth,
                                    uint32_t& seen) {
    PathNode here{at, kFieldNames<Model>[Index]};
    const bool fresh = (seen & (1u << Index)) == 0;
    seen |= 1u << Index;
    Read<Index>(field.value(), model.*std::get<Index>(Schema<Model>::kFields).member, here, depth,
                fresh);
  }

  // A field's value, read by the kind its member's type gives it.
  template <std::size_t Index, typename Value>
  TWILIO_WALK_INLINE void Read(od::value& value, std::optional<Value>& out, const PathNode& at,
                               int depth, bool fresh) {
    if constexpr (HasSchema<Value>::value) {
      Nested(value, out, at, depth, fresh);
    } else if constexpr (std::is_same_v<Value, TimePoint>) {
      ValueReader::Read(value, out, at, fresh, time_memos_[Index]);
    } else {
      ValueReader::Read(value, out, at, fresh);
    }
  }

  // A field whose value is a model: an object replaces what an earlier member of the same name
  // set; a null clears it when fresh.
  template <typename Model>
  void Nested(od::value& value, std::optional<Model>& out, const PathNode& at, int depth,
              bool fresh) {
    od::json_type type = value.type();
    if (type == od::json_type::null) {
      Null(value);
      if (fresh) out.reset();
      return;
    }
    if (type != od::json_type::object) Mismatch(value, type, "expected an object", at);
    out.emplace();
    uint32_t seen = 0;
    ReadFields(value.get_object(), *out, &at, depth + 1, seen);
  }

  // The index of the field the key `raw` of `field` names, or kNoField; `key` gets the key. Every
  // name is compared with the key as it stands in the text (the text is padded, so comparing past
  // a short key is safe); a key with escapes is decoded and compared.
  template <typename Model>
  std::size_t Match(od::field& field, od::raw_json_string raw, std::string_view& key) {
    std::size_t which = FirstName<Model>(raw, std::make_index_sequence<kFieldCount<Model>>());
    if (which != kNoField) {
      key = kFieldNames<Model>[which];
      return which;
    }
    key = KeyOf(field);
    // Decoded elsewhere when it had escapes, and then perhaps a known name after all.
    for (std::size_t i = 0; i < kFieldCount<Model> && key.data() != raw.raw(); ++i) {
      if (key == kFieldNames<Model>[i]) return i;
    }
    return kNoField;
  }

  // The first field whose name `raw` is as written, or kNoField.
  template <typename Model, std::size_t... I>
  static std::size_t FirstName(od::raw_json_string raw, std::index_sequence<I...>) {
    std::size_t which = kNoField;
    (void)((raw.unsafe_is_equal(kFieldNames<Model>[I]) && ((which = I), true)) || ...);
    return which;
  }

  template <typename Model>
  KeyOrder& OrderOf() {
    static const char tag = 0;  // one address per model
    for (Slot& slot : orders_) {
      if (slot.model == &tag) return slot.order;
      if (slot.model == nullptr) {
        slot.model = &tag;
        return slot.order;
      }
    }
    return spare_;  // more models than slots: still correct, only unguided
  }

  struct Slot {
    const char* model = nullptr;
    KeyOrder order;
  };
  std::array<Slot, 4> orders_;
  KeyOrder spare_;
  std::array<TimeMemo, 32> time_memos_;
};

}  // namespace twilio::supersim::v1::internal
