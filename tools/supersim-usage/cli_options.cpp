#include "cli_options.hpp"

#include <cctype>
#include <charconv>
#include <cstdint>
#include <functional>
#include <limits>
#include <set>
#include <string_view>

#include "time_argument.hpp"

namespace supersim_usage {
namespace {

namespace v1 = twilio::supersim::v1;

[[noreturn]] void Fail(const std::string& flag, const std::string& problem) {
  throw UsageError(flag + ": " + problem + "; see --help");
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// A --group value in any case, with the flag's own spelling too: iso-country and iso_country
// are isoCountry.
std::optional<v1::Group> ParseGroupArgument(const std::string& text) {
  const std::string lower = Lower(text);
  if (lower == "isocountry" || lower == "iso-country" || lower == "iso_country") {
    return v1::Group::IsoCountry;
  }
  return v1::ParseGroup(lower);
}

// Whole decimal numbers only: no sign but '-', no blanks, no suffix ("12x"), no overflow.
int64_t ParseInteger(const std::string& flag, const std::string& text, int64_t min, int64_t max) {
  int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec == std::errc::result_out_of_range ||
      (ec == std::errc() && ptr == end && (value < min || value > max))) {
    Fail(flag, "out of range: " + QuoteForMessage(text));
  }
  if (ec != std::errc() || ptr != end || text.empty()) {
    Fail(flag, "not a whole number: " + QuoteForMessage(text));
  }
  return value;
}

twilio::TimePoint ParseTime(const std::string& flag, const std::string& text,
                            twilio::TimePoint now) {
  try {
    return ParseTimeArgument(text, now);
  } catch (const std::invalid_argument& e) {
    Fail(flag, e.what());
  }
}

using Apply = std::function<void(CliOptions&, const std::string& flag, const std::string& value,
                                 twilio::TimePoint now)>;

struct ValueFlag {
  std::string_view name;
  Apply apply;
};

// Every flag that takes a value. The SDK checks the values' meaning (PageSize 1..1000, a
// Network SID's shape, ...); here only their syntax is checked.
const std::vector<ValueFlag>& ValueFlags() {
  static const std::vector<ValueFlag> flags = {
      {"--sim", [](CliOptions& o, const std::string&, const std::string& v,
                   twilio::TimePoint) { o.params.Sim = v; }},
      {"--fleet", [](CliOptions& o, const std::string&, const std::string& v,
                     twilio::TimePoint) { o.params.Fleet = v; }},
      {"--network", [](CliOptions& o, const std::string&, const std::string& v,
                       twilio::TimePoint) { o.params.Network = v; }},
      {"--iso-country", [](CliOptions& o, const std::string&, const std::string& v,
                           twilio::TimePoint) { o.params.IsoCountry = v; }},
      {"--group",
       [](CliOptions& o, const std::string& f, const std::string& v, twilio::TimePoint) {
         o.params.Group = ParseGroupArgument(v);
         if (!o.params.Group) {
           Fail(f, "invalid value " + QuoteForMessage(v) +
                       " (expected sim, fleet, network or isoCountry)");
         }
       }},
      {"--granularity",
       [](CliOptions& o, const std::string& f, const std::string& v, twilio::TimePoint) {
         o.params.Granularity = v1::ParseGranularity(Lower(v));
         if (!o.params.Granularity) {
           Fail(f, "invalid value " + QuoteForMessage(v) + " (expected hour, day or all)");
         }
       }},
      {"--start-time", [](CliOptions& o, const std::string& f, const std::string& v,
                          twilio::TimePoint now) { o.params.StartTime = ParseTime(f, v, now); }},
      {"--end-time", [](CliOptions& o, const std::string& f, const std::string& v,
                        twilio::TimePoint now) { o.params.EndTime = ParseTime(f, v, now); }},
      {"--page-size",
       [](CliOptions& o, const std::string& f, const std::string& v, twilio::TimePoint) {
         o.params.PageSize = static_cast<int>(
             ParseInteger(f, v, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
       }},
      {"--limit",
       [](CliOptions& o, const std::string& f, const std::string& v, twilio::TimePoint) {
         o.params.Limit = ParseInteger(f, v, std::numeric_limits<int64_t>::min(),
                                       std::numeric_limits<int64_t>::max());
       }},
      {"--parallel",
       [](CliOptions& o, const std::string& f, const std::string& v, twilio::TimePoint) {
         o.listing.parallel_slices = static_cast<std::size_t>(ParseInteger(f, v, 1, 32));
       }},
      {"--format",
       [](CliOptions& o, const std::string& f, const std::string& v, twilio::TimePoint) {
         auto format = ParseOutputFormat(v);
         if (!format) {
           Fail(f, "invalid value " + QuoteForMessage(v) +
                       " (expected table, csv, jsonl, summary or chart)");
         }
         o.format = *format;
       }},
      {"--output",
       [](CliOptions& o, const std::string& f, const std::string& v, twilio::TimePoint) {
         if (v.empty()) Fail(f, "needs a file name");
         o.output = v;
       }},
      {"--base-url", [](CliOptions& o, const std::string&, const std::string& v,
                        twilio::TimePoint) { o.base_url = v; }},
  };
  return flags;
}

struct Switch {
  std::string_view name;
  bool CliOptions::*member;
};

// Every flag that takes no value, but --help and --version, which stop the parse.
constexpr Switch kSwitches[] = {
    {"--demo", &CliOptions::demo},       {"--quiet", &CliOptions::quiet},
    {"--bytes", &CliOptions::raw_bytes}, {"--verbose", &CliOptions::verbose},
    {"-v", &CliOptions::verbose},
};

const Switch* FindSwitch(std::string_view name) {
  for (const Switch& flag : kSwitches) {
    if (flag.name == name) return &flag;
  }
  return nullptr;
}

// A flag name as typed when it is plain text, quoted when it holds blanks or control characters.
std::string Printable(const std::string& name) {
  for (char c : name) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '"')
      return QuoteForMessage(name);
  }
  return name;
}

const ValueFlag* FindValueFlag(std::string_view name) {
  for (const ValueFlag& flag : ValueFlags()) {
    if (flag.name == name) return &flag;
  }
  return nullptr;
}

}  // namespace

std::string QuoteForMessage(const std::string& text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string quoted = "\"";
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += c;
    } else if (u < 0x20 || u == 0x7f) {
      quoted += "\\x";
      quoted += kHex[u >> 4];
      quoted += kHex[u & 0x0f];
    } else {
      quoted += c;
    }
  }
  return quoted + "\"";
}

std::vector<std::string> AcceptedFlags() {
  std::vector<std::string> names = {"--help", "-h", "--version"};
  for (const Switch& flag : kSwitches) names.emplace_back(flag.name);
  for (const ValueFlag& flag : ValueFlags()) names.emplace_back(flag.name);
  return names;
}

CliOptions ParseCommandLine(const std::vector<std::string>& args, twilio::TimePoint now) {
  CliOptions options;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      options.help = true;
      return options;
    }
    if (arg == "--version") {
      options.version = true;
      return options;
    }
    std::size_t equals = arg.find('=');
    std::string name = arg.substr(0, equals);
    bool inline_value = equals != std::string::npos && arg.rfind("--", 0) == 0;
    if (!inline_value) name = arg;

    if (const Switch* flag = FindSwitch(name)) {
      if (inline_value) Fail(name, "takes no value");
      if (!seen.insert(name).second) Fail(name, "given more than once");
      options.*(flag->member) = true;
      continue;
    }
    const ValueFlag* flag = FindValueFlag(name);
    if (flag == nullptr) {
      if (arg.size() > 1 && arg[0] == '-') Fail(Printable(name), "unknown option");
      Fail(QuoteForMessage(arg), "unexpected argument (this command takes options only)");
    }
    if (!seen.insert(name).second) Fail(name, "given more than once");
    std::string value;
    if (inline_value) {
      value = arg.substr(equals + 1);
    } else {
      // "--sim --fleet X" forgot the value of --sim; use --sim=--x for a value that looks like
      // an option.
      if (i + 1 >= args.size() || args[i + 1].rfind("--", 0) == 0) Fail(name, "missing value");
      value = args[++i];
    }
    flag->apply(options, name, value, now);
  }
  if (options.demo && options.base_url) {
    Fail("--base-url", "cannot be combined with --demo (the demo runs its own server)");
  }
  // An equal start and end is left to the SDK, which rejects the empty range naming StartTime.
  const auto& start = options.params.StartTime;
  const auto& end = options.params.EndTime;
  if (start && end && *start > *end) {
    Fail("--start-time", twilio::FormatRfc3339Utc(*start) + " is after --end-time " +
                             twilio::FormatRfc3339Utc(*end));
  }
  return options;
}

}  // namespace supersim_usage
