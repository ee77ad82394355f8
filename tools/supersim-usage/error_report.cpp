#include "error_report.hpp"

#include <exception>
#include <map>

#include "atomic_output_file.hpp"
#include "cli_options.hpp"
#include "exit_codes.hpp"
#include "twilio/errors.hpp"
#include "usage_totals.hpp"

namespace supersim_usage {
namespace {

// The flag or environment variable behind each parameter name the SDK reports, so the user
// learns what to change.
std::string Origin(const std::string& parameter) {
  static const std::map<std::string, std::string> kOrigins = {
      {"Sim", "--sim"},
      {"Fleet", "--fleet"},
      {"Network", "--network"},
      {"IsoCountry", "--iso-country"},
      {"Group", "--group"},
      {"Granularity", "--granularity"},
      {"StartTime", "--start-time"},
      {"EndTime", "--end-time"},
      {"PageSize", "--page-size"},
      {"Limit", "--limit"},
      {"base_url", "--base-url"},
      {"edge", "TWILIO_EDGE"},
      {"region", "TWILIO_REGION"},
  };
  auto it = kOrigins.find(parameter);
  return it == kOrigins.end() ? std::string() : it->second;
}

// Server-supplied text may hold line breaks; a diagnostic is one line.
std::string OneLine(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return text;
}

std::string DescribeApiError(const twilio::ApiException& e, bool demo) {
  std::string text = std::string(demo ? "demo server API error " : "Twilio API error ") +
                     std::to_string(e.Status());
  if (e.Code()) text += " (code " + std::to_string(*e.Code()) + ")";
  if (!e.Message().empty()) text += ": " + OneLine(e.Message());
  if (!e.MoreInfo().empty()) text += " (more info: " + OneLine(e.MoreInfo()) + ")";
  if (e.RequestId()) text += " (request " + *e.RequestId() + ")";
  return text;
}

std::string DescribeValidationError(const twilio::ValidationException& e) {
  const std::string& parameter = e.Parameter();
  if (parameter.rfind("TWILIO_", 0) == 0) {
    return parameter + ": " + e.Reason() +
           " (credentials come from the environment unless --demo is given); see --help";
  }
  std::string origin = Origin(parameter);
  return "invalid " + parameter + (origin.empty() ? "" : " (" + origin + ")") + ": " + e.Reason() +
         "; see --help";
}

}  // namespace

Diagnosis DiagnoseCurrentException(bool demo) {
  try {
    throw;
  } catch (const UsageError& e) {
    return {kExitUsage, e.what()};
  } catch (const twilio::ValidationException& e) {
    return {kExitUsage, DescribeValidationError(e)};
  } catch (const twilio::ApiException& e) {
    return {kExitApi, DescribeApiError(e, demo)};
  } catch (const twilio::TransportException& e) {
    return {kExitTransport, std::string("transport error: ") + OneLine(e.what())};
  } catch (const twilio::DeadlineExceededException& e) {
    return {kExitTransport, e.what()};
  } catch (const twilio::CancelledException&) {
    // Only SIGINT and SIGTERM cancel (main names the signal).
    return {kExitInterrupted, "interrupted"};
  } catch (const twilio::ParseException& e) {
    return {kExitBadResponse, std::string("unusable response from the API: ") + OneLine(e.what())};
  } catch (const twilio::PaginationException& e) {
    return {kExitBadResponse, std::string("cannot continue paging: ") + OneLine(e.what())};
  } catch (const TotalOverflowError& e) {
    return {kExitBadResponse, std::string("cannot total the listing: ") + e.what()};
  } catch (const OutputFileError& e) {
    return {kExitFailure, OneLine(e.what())};
  } catch (const std::exception& e) {
    return {kExitFailure, OneLine(e.what())};
  } catch (...) {
    return {kExitFailure, "unknown internal error"};
  }
}

std::string Redact(std::string text, const std::vector<std::string>& secrets) {
  static const std::string kMask = "[redacted]";
  // Real tokens and secrets are 32 characters; masking a short test value like "t" would only
  // garble the message.
  constexpr std::size_t kMinSecretLength = 8;
  for (const std::string& secret : secrets) {
    if (secret.size() < kMinSecretLength || kMask.find(secret) != std::string::npos) continue;
    for (std::size_t at = text.find(secret); at != std::string::npos;
         at = text.find(secret, at + kMask.size())) {
      text.replace(at, secret.size(), kMask);
    }
  }
  return text;
}

}  // namespace supersim_usage
