#include "help_text.hpp"

#include "demo_server.hpp"
#include "twilio/http/curl_http_client.hpp"
#include "twilio/version.hpp"

namespace supersim_usage {
namespace {

// Fills lines up to `width` columns, each indented by `indent` spaces.
std::string Wrap(const std::string& text, std::size_t indent, std::size_t width) {
  std::string out;
  std::string line(indent, ' ');
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find(' ', pos);
    if (end == std::string::npos) end = text.size();
    std::string word = text.substr(pos, end - pos);
    pos = end + 1;
    if (line.size() > indent && line.size() + 1 + word.size() > width) {
      out += line + "\n";
      line.assign(indent, ' ');
    }
    if (line.size() > indent) line += ' ';
    line += word;
  }
  return out + line;
}

}  // namespace

std::string HelpText() {
  return R"(Usage: supersim-usage [options]

Lists Twilio Super SIM data usage (GET /v1/UsageRecords) to standard output, streaming the
listing page by page in constant memory. Options take a value as "--flag value" or
"--flag=value"; each may be given once.

Filters (default: no filter):
  --sim S              a Sim SID (HS...) or unique name; default: every SIM
  --fleet F            a Fleet SID (HF...) or unique name; default: every fleet
  --network N          a Network SID (HW and 32 hex digits); default: every network
  --iso-country C      a two-letter ISO 3166-1 country code, e.g. FR; default: every country
  --start-time T       usage at or after T; default: the API's, one month before the end time
  --end-time T         usage before T (exclusive); default: the API's, now
                       T is one of (sent in UTC, whole seconds):
                         2026-01-01T00:00:00Z  RFC 3339, with Z or an offset (+01:00)
                         2026-01-01            a date: midnight UTC at its start
                         -7d                   N minutes (m), hours (h), days (d) or
                                               weeks (w) before now, e.g. -30m, -12h, -2w
                       A --start-time after the --end-time is a usage error, and so is an
                       equal one (an empty range, which the API refuses).

Aggregation:
  --group G            sim | fleet | network | isoCountry; default: none (usage is not
                       split by any of these)
  --granularity G      hour | day | all; default: the API's, all (one record per group
                       for the whole period)

Paging:
  --page-size N        records per request, 1..1000; default: 50, or --limit when smaller
  --limit N            stop after N records (N >= 1); default: no limit, every record
  --parallel N         list the window as time slices, up to N (1..32) at once, with the
                       same records in the same order; only for --granularity hour or day
                       with both times on its boundaries (else a note on stderr says why
                       it runs whole); default: 1

Output:
  --format F           table | csv | jsonl | summary | chart; default: table
  --output FILE        write to FILE instead of standard output, through a hidden file in
                       the same folder (.FILE.XXXXXX) that is renamed to FILE only once the
                       listing is complete: an error or an interrupt leaves FILE as it was.
                       Mode 0666 less the umask; default: standard output
  --bytes              byte counts as whole numbers in table and chart; default: decimal
                       units, 1 KB = 1000 bytes (B, KB, MB, GB, TB, PB, EB with one
                       decimal, e.g. 12.3 MB). csv, jsonl and summary always print whole
                       numbers.
  --quiet              no progress line; default: while the listing runs, one line on
                       standard error when it is a terminal (records and pages so far,
                       records per second, elapsed time, and with --limit the percentage
                       done), erased at the end; never on standard output

Connection:
  --base-url URL       the API's base URL; default: https://supersim.twilio.com, or the
                       regional URL from TWILIO_EDGE / TWILIO_REGION. http:// is accepted
                       only for loopback addresses.
  --demo               list from a fake Super SIM API started inside this process on
                       127.0.0.1 instead of Twilio (no account needed; the environment's
                       credentials are ignored; not combinable with --base-url). There,
                       unset --start-time / --end-time default to the span of the demo
                       data, and an unset --granularity to day; default: off. The demo
                       data:
)" + Wrap(DemoDataDescription() + ".", 23, 91) +
         R"(

  -h, --help           print this help and exit
  --version            print the version of this command, of the library and of libcurl, and
                       exit

Formats (columns of table and csv: period_start, period_end, sim_sid, fleet_sid,
network_sid, iso_country, data_upload, data_download, data_total, data_total_billed,
billed_unit; bytes for data_*, data_total_billed in billed_unit; times in UTC as
YYYY-MM-DDTHH:MM:SSZ):
  table    fixed-width aligned columns under a header line; byte counts in decimal units
           (--bytes: whole numbers); an empty value shows as "-". With a width (see
           COLUMNS), columns that do not fit are left out in this order: network_sid,
           fleet_sid, sim_sid, iso_country, data_upload, data_download, period_end,
           billed_unit, data_total_billed; never period_start, the --group column or
           data_total (printed even when they do not fit)
  csv      RFC 4180 with a header line; lines end in LF (not CRLF); a field is quoted
           when it holds a comma, a double quote or a line break; an empty value is an
           empty field
  jsonl    one JSON object per line with the API's own field names and values
           (data_total_billed as the exact decimal string; null where the API sent null)
  summary  one line of totals for the whole listing:
             records=N data_upload=B data_download=B data_total=B billed_<unit>=AMOUNT...
           with an exact decimal sum per billed_unit (e.g. billed_USD=0.42), and
           billed_unknown=AMOUNT for non-zero amounts that came without a billed_unit.
           Byte totals are exact 64-bit integers (exit status 5 if one overflows).
  chart    a horizontal bar chart of data_total, printed once the listing is complete:
           without --group one bar per period (by its start, in time order: a day, an
           hour, or one for the whole range, per --granularity), with --group one bar
           per group value (largest first), each with its total in decimal units
           (--bytes: whole numbers). The largest bar reaches the width (COLUMNS, else the
           terminal's, else 80). Block characters in a UTF-8 locale, '#' otherwise; no
           colour. Totals are exact 64-bit integers (exit status 5 if one overflows).
Output is flushed after every page. If the reader of standard output goes away
(e.g. "| head -1"), the command stops quietly with exit status 0.

Environment (TWILIO_* are ignored with --demo):
  TWILIO_ACCOUNT_SID   the account to list (required)
  TWILIO_AUTH_TOKEN    its auth token (required unless an API key is given)
  TWILIO_API_KEY, TWILIO_API_SECRET
                       an API key SID and its secret, used instead of the auth token when
                       set (both are then required)
  TWILIO_EDGE, TWILIO_REGION
                       Twilio edge and region for the base URL (e.g. dublin, ie1);
                       --base-url overrides them
  HTTPS_PROXY, NO_PROXY
                       honoured by libcurl
  COLUMNS              the width of table and chart lines, a whole number; default: the
                       terminal's width (80 if it reports none); when standard output is
                       not a terminal, no limit for a table and 80 for a chart
  LC_ALL, LC_CTYPE, LANG
                       a UTF-8 character set gives the chart block characters and the
                       progress line middle dots between its fields; any other, plain
                       ASCII
  TERM                 unset or "dumb": the progress line is erased with blanks instead
                       of an escape sequence
Credentials are never printed.

Signals:
  SIGINT (Ctrl-C) and SIGTERM cancel the listing: the request in flight stops within a
  fraction of a second, no further request or retry is made, an --output file is not
  written, standard error gets one line ("interrupted by SIGINT") and the exit status is
  130 for both. A second signal while cancelling exits at once, also with 130.

Exit status:
  0  success (also when the reader of standard output closed it early)
  1  internal error, standard output could not be written (other than a closed pipe), or
     the --output file could not be created, written or renamed (its path is named)
  2  usage error: an unknown option, a missing or malformed value, a missing credential
     variable, or a parameter the SDK rejects (e.g. --page-size 5000); nothing was sent
  3  Twilio API error: the API answered with an HTTP error status (the status, Twilio
     error code, message and more-info link are printed)
  4  transport error: DNS, connect, TLS, timeout or a dropped connection
  5  unusable response: not the documented JSON, a paging link to another host or back to
     a page already read, or a byte total that overflows 64 bits
  130  interrupted by SIGINT or SIGTERM
Records go to standard output; every diagnostic goes to standard error, as one line.

Examples:
  supersim-usage --demo
  supersim-usage --demo --format chart
  supersim-usage --demo --group sim --format csv --output usage.csv
  TWILIO_ACCOUNT_SID=AC... TWILIO_AUTH_TOKEN=... supersim-usage --sim HS0123... \
      --granularity day --start-time 2026-01-01 --end-time 2026-02-01
  supersim-usage --group fleet --granularity all --start-time -7d --format summary
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
