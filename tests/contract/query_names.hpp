// Test helper: the query parameter names of a URL, and those the spec declares.
#pragma once

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace twilio::contract {

/// Names in order of appearance, still encoded (the SDK's names need no encoding).
inline std::vector<std::string> QueryNames(const std::string& url) {
  std::vector<std::string> names;
  std::size_t at = url.find('?');
  while (at != std::string::npos) {
    std::size_t start = at + 1;
    std::size_t end = url.find('&', start);
    std::string pair =
        url.substr(start, end == std::string::npos ? std::string::npos : end - start);
    names.push_back(pair.substr(0, pair.find('=')));
    at = end;
  }
  return names;
}

/// The `in: query` parameter names of an OpenAPI operation, exactly as spelt there.
inline std::set<std::string> DeclaredQueryNames(const nlohmann::json& operation) {
  std::set<std::string> names;
  for (const auto& parameter : operation.at("parameters")) {
    if (parameter.at("in") == "query") names.insert(parameter.at("name").get<std::string>());
  }
  return names;
}

}  // namespace twilio::contract
