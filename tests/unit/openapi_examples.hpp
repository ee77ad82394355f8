// Test helper: reads Twilio's OpenAPI description vendored in tests/data.
#pragma once

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>

namespace twilio::testdata {

inline nlohmann::json LoadOpenApi() {
  std::ifstream in(std::string(TWILIO_TEST_DATA_DIR) + "/twilio_supersim_v1.json");
  if (!in) throw std::runtime_error("cannot open twilio_supersim_v1.json");
  return nlohmann::json::parse(in);
}

/// The named example responses of GET /v1/UsageRecords: {"readAll": {"value": {...}}, ...}.
inline nlohmann::json UsageRecordExamples() {
  return LoadOpenApi()["paths"]["/v1/UsageRecords"]["get"]["responses"]["200"]["content"]
                      ["application/json"]["examples"];
}

}  // namespace twilio::testdata
