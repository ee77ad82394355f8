// The documentation of supersim-usage keeps up with its parser: every flag ParseCommandLine
// accepts has a --help entry that states its default, and every flag --help lists is in the man
// page and its Markdown twin.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <set>

#include "cli_options.hpp"
#include "run_process.hpp"

namespace cli_test {
namespace {

// Option entries of --help: a line "  -x, --flag ARG   text" or "  --flag ARG   text" starts
// one, lines indented further continue it. Keyed by every flag the entry's first line names.
std::map<std::string, std::string> HelpEntries(const std::string& help) {
  std::map<std::string, std::string> entries;
  std::vector<std::string> current;
  const std::regex start(R"(^  (-[-a-z]+)(, (--[-a-z]+))?( |$).*)");
  for (const std::string& line : Lines(help)) {
    std::smatch m;
    if (std::regex_match(line, m, start)) {
      current = {m[1]};
      if (m[3].matched) current.push_back(m[3]);
    } else if (line.rfind("   ", 0) != 0) {
      current.clear();  // a section title, a blank line, or text at the margin
    }
    for (const std::string& flag : current) entries[flag] += line + "\n";
  }
  return entries;
}

std::string Help() {
  RunResult result = RunCli({"--help"});
  EXPECT_EQ(result.exit_code, 0);
  return result.out;
}

// --help and --version act at once; they have nothing to default.
const std::set<std::string> kActions = {"-h", "--help", "--version"};

// The flags of `accepted` whose entry in `help` is missing or says no "default: ...".
std::vector<std::string> FlagsWithoutADefault(const std::string& help,
                                              const std::vector<std::string>& accepted) {
  auto entries = HelpEntries(help);
  std::vector<std::string> missing;
  for (const std::string& flag : accepted) {
    auto entry = entries.find(flag);
    if (entry == entries.end() ||
        (kActions.count(flag) == 0 && entry->second.find("default: ") == std::string::npos)) {
      missing.push_back(flag);
    }
  }
  return missing;
}

TEST(CliDocs, EveryAcceptedFlagHasAHelpEntryStatingItsDefault) {
  const std::string help = Help();
  const auto accepted = supersim_usage::AcceptedFlags();
  ASSERT_GT(accepted.size(), 15u);
  EXPECT_EQ(FlagsWithoutADefault(help, accepted), std::vector<std::string>{});
  // And --help lists no flag the parser does not take.
  for (const auto& [flag, text] : HelpEntries(help)) {
    EXPECT_NE(std::find(accepted.begin(), accepted.end(), flag), accepted.end())
        << "--help lists " << flag << ", which the parser rejects";
  }
}

TEST(CliDocs, TheCheckSeesAMissingEntryOrDefault) {
  const std::string help =
      "Options:\n"
      "  --alpha A    text\n"
      "               more text; default: 1\n"
      "  --beta       no default here\n"
      "\n"
      "  -h, --help   help\n"
      "Text at the margin; default: 2\n";
  EXPECT_EQ(FlagsWithoutADefault(help, {"--alpha", "--beta", "--gamma", "-h", "--help"}),
            (std::vector<std::string>{"--beta", "--gamma"}));
}

std::string Source(const std::string& name) {
  return ReadFile(std::string(SUPERSIM_DOCS_DIR) + "/" + name);
}

TEST(CliDocs, ManPageAndMarkdownDocumentEveryFlagOfTheHelp) {
  // roff writes a literal hyphen as "\-".
  const std::string man = std::regex_replace(Source("supersim-usage.1"), std::regex(R"(\\-)"), "-");
  const std::string markdown = Source("supersim-usage.md");
  ASSERT_FALSE(man.empty()) << "docs/supersim-usage.1 is missing";
  ASSERT_FALSE(markdown.empty()) << "docs/supersim-usage.md is missing";
  for (const auto& [flag, text] : HelpEntries(Help())) {
    // As an option of its own: followed by a blank, a value, or the end of a roff/Markdown span.
    const std::regex named("(^|[^-a-z])" + flag + "([^-a-z]|$)");
    EXPECT_TRUE(std::regex_search(man, named)) << flag << " is not in the man page";
    EXPECT_TRUE(std::regex_search(markdown, named)) << flag << " is not in supersim-usage.md";
  }
  auto lower = [](std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  };
  for (const char* word : {"exit status", "130", "columns", "sigint", "sigterm", "--bytes"}) {
    EXPECT_NE(lower(man).find(word), std::string::npos) << word;
    EXPECT_NE(lower(markdown).find(word), std::string::npos) << word;
  }
}

// What the one-screen --help leaves to the manual: formats, the environment, signals, the
// demo data, and how the table chooses its columns.
TEST(CliDocs, ManPageAndMarkdownKeepWhatTheHelpLeftOut) {
  const std::string man = std::regex_replace(Source("supersim-usage.1"), std::regex(R"(\\-)"), "-");
  const std::string markdown = Source("supersim-usage.md");
  for (const char* word : {"billed_unknown",
                           "RFC 4180",
                           "COLUMNS",
                           "SIGINT",
                           "SIGTERM",
                           "TWILIO_ACCOUNT_SID",
                           "TWILIO_AUTH_TOKEN",
                           "TWILIO_API_KEY",
                           "TWILIO_API_SECRET",
                           "TWILIO_EDGE",
                           "TWILIO_REGION",
                           "TWILIO_SUPERSIM_BASE_URL",
                           "HTTPS_PROXY",
                           "NO_PROXY",
                           "SUPERSIM_USAGE_NOW",
                           "LC_ALL",
                           "TERM",
                           "6 SIMs (sim-0..sim-5) in 2 fleets on 3 networks in FR, US and DE",
                           "iso-country",
                           "iso_country",
                           "no usage records matched",
                           "not shown",
                           "billed",
                           "--parallel"}) {
    EXPECT_NE(man.find(word), std::string::npos) << word << " is not in the man page";
    EXPECT_NE(markdown.find(word), std::string::npos) << word << " is not in supersim-usage.md";
  }
}

}  // namespace
}  // namespace cli_test
