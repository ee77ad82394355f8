#include "twilio/supersim/v1/list_usage_record_params.hpp"

namespace twilio::supersim::v1 {

std::string_view ToString(Group group) noexcept {
  switch (group) {
    case Group::Sim:
      return "sim";
    case Group::Fleet:
      return "fleet";
    case Group::Network:
      return "network";
    case Group::IsoCountry:
      return "isoCountry";
  }
  return "";
}

std::string_view ToString(Granularity granularity) noexcept {
  switch (granularity) {
    case Granularity::Hour:
      return "hour";
    case Granularity::Day:
      return "day";
    case Granularity::All:
      return "all";
  }
  return "";
}

std::optional<Group> ParseGroup(std::string_view text) noexcept {
  for (Group g : {Group::Sim, Group::Fleet, Group::Network, Group::IsoCountry}) {
    if (ToString(g) == text) return g;
  }
  return std::nullopt;
}

std::optional<Granularity> ParseGranularity(std::string_view text) noexcept {
  for (Granularity g : {Granularity::Hour, Granularity::Day, Granularity::All}) {
    if (ToString(g) == text) return g;
  }
  return std::nullopt;
}

}  // namespace twilio::supersim::v1
