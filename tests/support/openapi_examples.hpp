// Test helper: reads Twilio's OpenAPI description of Super SIM v1, vendored in tests/data.
#pragma once

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace twilio::testdata {

inline nlohmann::json LoadOpenApi() {
  std::ifstream in(std::string(TWILIO_TEST_DATA_DIR) + "/twilio_supersim_v1.json");
  if (!in) throw std::runtime_error("cannot open twilio_supersim_v1.json");
  return nlohmann::json::parse(in);
}

/// The `get` operation of /v1/UsageRecords (operationId ListUsageRecord).
inline nlohmann::json ListUsageRecordOperation() {
  return LoadOpenApi()["paths"]["/v1/UsageRecords"]["get"];
}

/// The 200 response's schema: {usage_records: [...], meta: {...}}.
inline nlohmann::json ListUsageRecordResponseSchema() {
  return ListUsageRecordOperation()["responses"]["200"]["content"]["application/json"]["schema"];
}

/// The schema of one record: components.schemas["supersim.v1.usage_record"].
inline nlohmann::json UsageRecordSchema() {
  return LoadOpenApi()["components"]["schemas"]["supersim.v1.usage_record"];
}

/// The named example responses of GET /v1/UsageRecords: {"readAll": {"value": {...}}, ...}.
inline nlohmann::json UsageRecordExamples() {
  return ListUsageRecordOperation()["responses"]["200"]["content"]["application/json"]["examples"];
}

}  // namespace twilio::testdata
