// Test helper shared by the differential tests and fuzzer: parses one text with the simdjson
// wire parser, the nlohmann SAX parser and nlohmann's DOM + from_json, and says how they differ.
#pragma once

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "supersim/v1/nlohmann_page_parser.hpp"
#include "supersim/v1/simdjson_page_parser.hpp"
#include "twilio/errors.hpp"
#include "twilio/supersim/v1/list_usage_record_response.hpp"

namespace twilio::testdata {

struct ParseOutcome {
  bool accepted = false;
  supersim::v1::ListUsageRecordResponse page;
  std::string path;     // ParseException::Path() when rejected by a ParseException
  std::string message;  // what() of the rejection
  std::string reason;   // ParseException::Reason()
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

inline ParseOutcome ParseWithSax(std::string_view body) {
  namespace internal = supersim::v1::internal;
  return Outcome([&] { return internal::ParseJson(body, internal::RootKind::Page); });
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

/// Empty when the three parsers agree on `body`: the simdjson and SAX parsers give the same
/// page (decimal texts included) or the same error (path and message, for valid JSON); the
/// DOM + from_json path accepts and rejects the same texts and gives the same records (see
/// EquivalentThroughDom) for texts without duplicate member names or NUL bytes (nlohmann's own
/// text parser stops at a NUL, so its DOM would hold a different document).
inline std::string CompareParsers(std::string_view body) {
  ParseOutcome wire = ParseWithSimdjson(body);
  ParseOutcome sax = ParseWithSax(body);
  bool same_pages = wire.page == sax.page && BilledTexts(wire.page) == BilledTexts(sax.page);
  if (wire.accepted != sax.accepted || (wire.accepted && !same_pages)) {
    return Describe("simdjson", wire) + "\n" + Describe("SAX", sax);
  }
  // nlohmann stops reading at a NUL byte, so it would call "{}\0junk" valid.
  bool has_nul = body.find('\0') != std::string_view::npos;
  bool valid_json = !has_nul && nlohmann::json::accept(body.begin(), body.end());
  if (!wire.accepted && valid_json && (wire.path != sax.path || wire.message != sax.message)) {
    return "different errors:\n" + Describe("simdjson", wire) + "\n" + Describe("SAX", sax);
  }
  if (has_nul || (valid_json && HasDuplicateKeys(body))) return "";
  ParseOutcome dom = ParseWithFromJson(body);
  // A number the wire parser refused as data_total_billed (an exponent past Decimal's bound)
  // reaches from_json as the double the DOM made of it: nothing left to refuse.
  const std::string billed = "/data_total_billed";
  if (!wire.accepted && dom.accepted && wire.path.size() >= billed.size() &&
      wire.path.compare(wire.path.size() - billed.size(), billed.size(), billed) == 0) {
    return "";
  }
  if (wire.accepted != dom.accepted ||
      (wire.accepted && !EquivalentThroughDom(wire.page, dom.page))) {
    return Describe("simdjson", wire) + "\n" + Describe("from_json", dom);
  }
  return "";
}

}  // namespace twilio::testdata
