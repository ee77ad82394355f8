// Test helper shared by the differential tests and fuzzer: parses one text with the library's
// parser (the simdjson walk of the schema), with the independent DOM oracle (dom_oracle.hpp) and
// through nlohmann's DOM + from_json, and says how they differ.
#pragma once

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "supersim/v1/simdjson_page_parser.hpp"
#include "support/dom_oracle.hpp"
#include "twilio/errors.hpp"
#include "twilio/supersim/v1/list_usage_record_response.hpp"

namespace twilio::testdata {

struct ParseOutcome {
  bool accepted = false;
  supersim::v1::ListUsageRecordResponse page;
  std::string path;                      // ParseException::Path() when rejected by a ParseException
  std::string message;                   // what() of the rejection
  std::string reason;                    // ParseException::Reason()
  std::vector<bool> billed_from_double;  // per record, from the oracle: see DomOracle
};

template <typename Parse>
ParseOutcome Outcome(Parse parse) {
  ParseOutcome out;
  try {
    out.page = parse();
    out.accepted = true;
  } catch (const ParseException& e) {
    out.path = e.Path();
    out.message = e.what();
    out.reason = e.Reason();
  } catch (const nlohmann::json::exception& e) {  // the DOM parser's own syntax errors
    out.message = e.what();
  }
  return out;
}

inline ParseOutcome ParseWithSimdjson(std::string_view body) {
  return Outcome([&] { return supersim::v1::internal::ParsePageWithSimdjson(body); });
}

inline ParseOutcome ParseWithOracle(std::string_view body) {
  DomOracle oracle;
  ParseOutcome out = Outcome([&] { return oracle.ReadText(std::string(body)); });
  out.billed_from_double = oracle.billed_from_double;
  return out;
}

inline ParseOutcome ParseWithFromJson(std::string_view body) {
  return Outcome([&] {
    return nlohmann::json::parse(body.begin(), body.end())
        .get<supersim::v1::ListUsageRecordResponse>();
  });
}

/// Whether any object in the (valid JSON) text names a member twice. A DOM keeps only the last
/// of them, while the streaming parsers see each in turn, so such texts are compared between the
/// streaming parsers only.
inline bool HasDuplicateKeys(std::string_view body) {
  struct Sax : nlohmann::json_sax<nlohmann::json> {
    std::vector<std::set<std::string>> objects;
    bool duplicate = false;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override {
      objects.emplace_back();
      return true;
    }
    bool key(string_t& k) override {
      duplicate = duplicate || !objects.back().insert(k).second;
      return true;
    }
    bool end_object() override {
      objects.pop_back();
      return true;
    }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
      return false;
    }
  } sax;
  nlohmann::json::sax_parse(body.begin(), body.end(), &sax);
  return sax.duplicate;
}

/// Every data_total_billed as text, so "0.030" and "0.03" (equal values) still differ.
inline std::vector<std::string> BilledTexts(const supersim::v1::ListUsageRecordResponse& page) {
  std::vector<std::string> texts;
  for (const auto& r : page.usage_records) {
    texts.push_back(r.data_total_billed ? r.data_total_billed->ToString() : "(none)");
  }
  return texts;
}

/// Equal records, except that a DOM holds a JSON number as a double: a numeric
/// data_total_billed read through it is compared as the double it became (an overflow to
/// infinity becomes null in the DOM's text).
inline bool EquivalentThroughDom(const supersim::v1::ListUsageRecordResponse& wire,
                                 const supersim::v1::ListUsageRecordResponse& dom) {
  if (wire.meta != dom.meta || wire.usage_records.size() != dom.usage_records.size()) return false;
  for (std::size_t i = 0; i < wire.usage_records.size(); ++i) {
    auto a = wire.usage_records[i];
    auto b = dom.usage_records[i];
    if (a.data_total_billed != b.data_total_billed) {
      double x = a.data_total_billed ? a.data_total_billed->ToDouble() : 0.0;
      bool same_double =
          a.data_total_billed && b.data_total_billed && x == b.data_total_billed->ToDouble();
      bool became_null = a.data_total_billed && !b.data_total_billed && std::isinf(x);
      if (!same_double && !became_null) return false;
      a.data_total_billed = b.data_total_billed;
    }
    if (a != b) return false;
  }
  return true;
}

inline std::string Describe(const char* name, const ParseOutcome& o) {
  if (!o.accepted) return std::string(name) + " rejected it at '" + o.path + "': " + o.message;
  return std::string(name) + " accepted it: " + nlohmann::json(o.page).dump().substr(0, 1500);
}

// Whether `path` (a JSON pointer into the valid JSON `body`) names a data_total_billed that the
// DOM holds as a double: the wire parser reads such a number from its text, the DOM from the
// double it became, so Decimal's bound on exponents may refuse one and not the other.
inline bool IsBilledDouble(std::string_view body, const std::string& path) {
  const std::string billed = "/data_total_billed";
  if (path.size() < billed.size() ||
      path.compare(path.size() - billed.size(), billed.size(), billed) != 0) {
    return false;
  }
  nlohmann::json dom = nlohmann::json::parse(body.begin(), body.end());
  nlohmann::json::json_pointer pointer(path);
  return dom.contains(pointer) && dom.at(pointer).is_number_float();
}

/// Empty when the parsers agree on `body`. The wire parser and the DOM oracle accept and reject
/// the same texts, name the same path and reason for valid JSON they refuse, and give the same
/// page, decimal texts included (a data_total_billed the DOM held as a double is compared by
/// value: EquivalentThroughDom). from_json, which reads the DOM's text with the wire parser,
/// accepts the same texts and gives the same records through the DOM. Texts with a member name
/// twice or a NUL byte are left to the unit tests: a DOM keeps only the last of a repeated
/// member, and nlohmann's text parser stops at a NUL, so its DOM would hold another document.
inline std::string CompareParsers(std::string_view body) {
  const bool has_nul = body.find('\0') != std::string_view::npos;
  const bool valid_json = !has_nul && nlohmann::json::accept(body.begin(), body.end());
  if (has_nul || (valid_json && HasDuplicateKeys(body))) return "";
  ParseOutcome wire = ParseWithSimdjson(body);
  ParseOutcome oracle = ParseWithOracle(body);
  if (wire.accepted != oracle.accepted) {
    const std::string& path = wire.accepted ? oracle.path : wire.path;
    if (valid_json && IsBilledDouble(body, path)) return "";
    return Describe("wire", wire) + "\n" + Describe("oracle", oracle);
  }
  if (!wire.accepted) {
    if (valid_json && (wire.path != oracle.path || wire.message != oracle.message)) {
      return "different errors:\n" + Describe("wire", wire) + "\n" + Describe("oracle", oracle);
    }
    return "";
  }
  std::vector<std::string> wire_texts = BilledTexts(wire.page);
  std::vector<std::string> oracle_texts = BilledTexts(oracle.page);
  bool same_texts = wire_texts.size() == oracle_texts.size();
  for (std::size_t i = 0; same_texts && i < wire_texts.size(); ++i) {
    same_texts = oracle.billed_from_double.at(i) || wire_texts[i] == oracle_texts[i];
  }
  if (!same_texts || !EquivalentThroughDom(wire.page, oracle.page)) {
    return Describe("wire", wire) + "\n" + Describe("oracle", oracle);
  }
  ParseOutcome dom = ParseWithFromJson(body);
  if (!dom.accepted && IsBilledDouble(body, dom.path)) return "";
  if (!dom.accepted || !EquivalentThroughDom(wire.page, dom.page)) {
    return Describe("wire", wire) + "\n" + Describe("from_json", dom);
  }
  return "";
}

}  // namespace twilio::testdata
