// Fuzz target: the wire parser against the DOM oracle (tests/support/dom_oracle.hpp) and
// nlohmann's DOM + from_json. Invariant: on every input they agree
// (tests/support/parser_differential.hpp says exactly how): the same models from the same texts,
// the same texts rejected, and for valid JSON the same error path and reason as the oracle.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"
#include "support/parser_differential.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  std::string difference;
  try {
    difference = twilio::testdata::CompareParsers(body);
  } catch (...) {
    FUZZ_CHECK(false, twilio::fuzz::DescribeCurrentException());
  }
  FUZZ_CHECK(difference.empty(), difference);
  return 0;
}
