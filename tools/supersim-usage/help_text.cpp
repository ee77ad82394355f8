#include "help_text.hpp"

#include "twilio/http/curl_http_client.hpp"
#include "twilio/version.hpp"

namespace supersim_usage {

std::string HelpText() {
  return R"(Usage: supersim-usage [options]                 (the manual: man supersim-usage)

Lists Twilio Super SIM data usage (GET /v1/UsageRecords) to standard output,
as TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN (or TWILIO_API_KEY, _API_SECRET).

  --sim S              a Sim SID (HS...) or unique name; default: every SIM
  --fleet F            a Fleet SID (HF...) or unique name; default: every fleet
  --network N          a Network SID (HW + 32 hex digits); default: every one
  --iso-country C      a two-letter country code (FR); default: every country
  --group G            sim | fleet | network | isoCountry; default: none
  --granularity G      hour | day | all; default: all (day with --demo)
  --start-time T       usage from T; default: one month before the end time
  --end-time T         usage before T; default: now
                       T: 2026-01-01T00:00:00Z (or +01:00), 2026-01-01 (UTC),
                       or a time before now: -30m, -12h, -7d, -2w
  --page-size N        records per request, 1..1000; default: 50 (or --limit)
  --limit N            stop after N records; default: every record
  --parallel N         list time slices, up to N (1..32) at once; default: 1
  --format F           table | csv | jsonl | summary | chart; default: table
  --output FILE        write FILE, whole or not at all; default: stdout
  --bytes              whole byte counts in table and chart; default: 12.3 MB
  --quiet              no progress line, no notes; default: both on stderr
  -v, --verbose        log each request, response, retry and page; default: off
  --base-url URL       the API; default: https://supersim.twilio.com
  --demo               list from a built-in fake API's demo data; default: off
  -h, --help           print this help and exit
  --version            print the versions of the command, library and libcurl

Exit status: 0 ok, 1 output or internal error, 2 usage error, 3 API error,
4 transport error, 5 unusable response, 130 interrupted (SIGINT, SIGTERM).

Examples:
  supersim-usage --demo --format chart
  supersim-usage --group sim --granularity day --start-time -7d --format csv
  supersim-usage --group isoCountry --format jsonl --limit 100 | jq .iso_country
)";
}

std::string VersionText() {
  // The command is released with the library, so it carries the headers' version; the library
  // linked may be another (shared) build, so its own Version() is shown beside it.
  return std::string("supersim-usage ") + twilio::kVersion + " (twilio-supersim " +
         twilio::Version() + ", libcurl " + twilio::http::CurlVersion() + ")";
}

}  // namespace supersim_usage
