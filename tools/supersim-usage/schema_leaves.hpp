// A model's schema (twilio/supersim/v1/usage_record_schema.hpp) flattened into its leaves: the
// scalar values a flat format (a table or CSV row) has one cell for. A nested model's fields
// become leaves of their own ("period" gives period.start_time and period.end_time). All of it
// is constexpr, so a writer that walks the leaves compiles to the member accesses it would have
// written by hand.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "twilio/supersim/v1/usage_record_schema.hpp"

namespace supersim_usage {

/// The value type of a twilio::supersim::v1::Field (its member is a std::optional of it).
template <typename F>
struct FieldValue;
template <typename Model, typename Value>
struct FieldValue<twilio::supersim::v1::Field<Model, Value>> {
  using type = Value;
};

/// The value type of field `I` of `Model`'s schema.
template <typename Model, std::size_t I>
using FieldValueAt = typename FieldValue<std::decay_t<std::tuple_element_t<
    I, std::decay_t<decltype(twilio::supersim::v1::Schema<Model>::kFields)>>>>::type;

/// Whether field `I` of `Model` is a nested model (which a flat format spreads over leaves).
template <typename Model, std::size_t I>
inline constexpr bool kIsNestedField =
    twilio::supersim::v1::HasSchema<FieldValueAt<Model, I>>::value;

/// One leaf: field `field` of the model, and for a nested model its field `sub`.
struct Leaf {
  std::size_t field = 0;
  std::size_t sub = 0;
  bool nested = false;
  std::string_view name;      // the field's name in the API's JSON
  std::string_view sub_name;  // the nested field's name, when nested

  /// "name" for a top-level leaf, "name.sub_name" for a nested one.
  constexpr bool Is(std::string_view path) const {
    if (!nested) return path == name;
    const auto dot = path.find('.');
    return dot != std::string_view::npos && path.substr(0, dot) == name &&
           path.substr(dot + 1) == sub_name;
  }
};

namespace leaves_detail {

template <typename Model, std::size_t I>
constexpr std::size_t LeavesOfField() {
  if constexpr (kIsNestedField<Model, I>) {
    return twilio::supersim::v1::kFieldCount<FieldValueAt<Model, I>>;
  } else {
    return 1;
  }
}

template <typename Model, std::size_t... I>
constexpr std::size_t CountLeaves(std::index_sequence<I...>) {
  return (std::size_t{0} + ... + LeavesOfField<Model, I>());
}

}  // namespace leaves_detail

/// How many leaves `Model` has.
template <typename Model>
inline constexpr std::size_t kLeafCount = leaves_detail::CountLeaves<Model>(
    std::make_index_sequence<twilio::supersim::v1::kFieldCount<Model>>());

namespace leaves_detail {

template <typename Model, std::size_t I, std::size_t N>
constexpr void AddLeaves(std::array<Leaf, N>& leaves, std::size_t& at) {
  constexpr auto& field = std::get<I>(twilio::supersim::v1::Schema<Model>::kFields);
  if constexpr (kIsNestedField<Model, I>) {
    using Sub = FieldValueAt<Model, I>;
    std::size_t sub = 0;
    twilio::supersim::v1::ForEachField<Sub>([&](const auto& nested) {
      leaves[at++] = Leaf{I, sub++, true, field.name, nested.name};
    });
  } else {
    leaves[at++] = Leaf{I, 0, false, field.name, {}};
  }
}

template <typename Model, std::size_t... I>
constexpr std::array<Leaf, kLeafCount<Model>> MakeLeaves(std::index_sequence<I...>) {
  std::array<Leaf, kLeafCount<Model>> leaves{};
  std::size_t at = 0;
  (AddLeaves<Model, I>(leaves, at), ...);
  return leaves;
}

}  // namespace leaves_detail

/// `Model`'s leaves in schema order, a nested model's in place of its field.
template <typename Model>
inline constexpr std::array<Leaf, kLeafCount<Model>> kLeaves = leaves_detail::MakeLeaves<Model>(
    std::make_index_sequence<twilio::supersim::v1::kFieldCount<Model>>());

/// The position in kLeaves<Model> of the leaf at `path` ("sim_sid", "period.start_time"), or
/// kLeafCount<Model> when there is none.
template <typename Model>
constexpr std::size_t FindLeaf(std::string_view path) {
  for (std::size_t i = 0; i < kLeafCount<Model>; ++i) {
    if (kLeaves<Model>[i].Is(path)) return i;
  }
  return kLeafCount<Model>;
}

/// The value type of leaf `L` of `Model`.
template <typename Model, std::size_t L, bool = kLeaves<Model>[L].nested>
struct LeafValue {
  using type = FieldValueAt<Model, kLeaves<Model>[L].field>;
};
template <typename Model, std::size_t L>
struct LeafValue<Model, L, true> {
  using type = FieldValueAt<FieldValueAt<Model, kLeaves<Model>[L].field>, kLeaves<Model>[L].sub>;
};
/// The value type of leaf `L` of `Model`.
template <typename Model, std::size_t L>
using LeafValueT = typename LeafValue<Model, L>::type;

/// An empty value of type V, for a nested leaf whose parent is null.
template <typename V>
inline const std::optional<V> kNullValue{};

/// Leaf `L`'s value in `model`: empty when it or (for a nested leaf) its parent is null.
template <typename Model, std::size_t L>
const std::optional<LeafValueT<Model, L>>& LeafOf(const Model& model) {
  constexpr Leaf leaf = kLeaves<Model>[L];
  constexpr auto& field = std::get<leaf.field>(twilio::supersim::v1::Schema<Model>::kFields);
  if constexpr (leaf.nested) {
    using Sub = FieldValueAt<Model, leaf.field>;
    constexpr auto& nested = std::get<leaf.sub>(twilio::supersim::v1::Schema<Sub>::kFields);
    const auto& parent = model.*field.member;
    return parent ? (*parent).*nested.member : kNullValue<LeafValueT<Model, L>>;
  } else {
    return model.*field.member;
  }
}

}  // namespace supersim_usage
