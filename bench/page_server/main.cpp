// bench_page_server: the benchmarks' fast Super SIM server. Renders every page of one listing
// (the fake server's data and JSON) before it listens, then answers each request with a block of
// bytes already in memory. Prints its base URL (and with --list-pages each page's body size and
// URL), then "ready", and serves until its standard input closes. See bench/README.md.
#include <unistd.h>

#include <cstdio>
#include <exception>
#include <string>
#include <thread>

#include "e2e/arguments.hpp"
#include "e2e/expected_listing.hpp"
#include "page_server/http_listener.hpp"
#include "page_server/page_store.hpp"

namespace {

namespace bench = twilio::bench;

const char kUsage[] =
    "usage: bench_page_server [--records N] [--sims N] [--page-size N] [--list-pages]\n"
    "Serves the benchmarks' listing of N usage records (default 200000; N SIMs' hourly usage,\n"
    "1000 SIMs, pages of 1000) from memory on 127.0.0.1 with basic auth for the fake server's\n"
    "default credentials. Prints the base URL, with --list-pages a line '<body bytes> <url>'\n"
    "per page a client of that listing fetches, then 'ready'; exits when stdin closes.\n";

struct Options {
  int64_t records = 200000;
  int sims = 1000;
  int page_size = 1000;
  bool list_pages = false;
};

Options Parse(int argc, char** argv) {
  Options options;
  bench::ForEachArgument(argc, argv, [&](const std::string& arg, const bench::NextValue& value) {
    if (arg == "--records") {
      options.records = bench::ParsePositive(arg, value(), int64_t{1} << 40);
    } else if (arg == "--sims") {
      options.sims = static_cast<int>(bench::ParsePositive(arg, value(), 1000000));
    } else if (arg == "--page-size") {
      options.page_size = static_cast<int>(bench::ParsePositive(arg, value(), 1000));
    } else if (arg == "--list-pages") {
      options.list_pages = true;
    } else {
      throw std::invalid_argument("unknown argument '" + arg + "'");
    }
  });
  return options;
}

int Serve(const Options& options) {
  const twilio::test_support::FakeSupersimServer::Options defaults;
  const twilio::test_support::FakeDataSet data = bench::MakeDataSet(options.records, options.sims);
  bench::PageStore* store = nullptr;
  bench::HttpListener listener(
      [&store](const bench::BenchRequest& request) { return store->Answer(request); });
  const std::string base_url = "http://127.0.0.1:" + std::to_string(listener.Listen());
  bench::PageStore pages(data, bench::FirstPageQuery(data, options.records, options.page_size),
                         base_url, defaults.username, defaults.password);
  store = &pages;

  std::printf("%s\n", base_url.c_str());
  if (options.list_pages) {
    // The pages a client with Limit N fetches: the listing may have a few records more.
    const auto needed =
        static_cast<std::size_t>((options.records + options.page_size - 1) / options.page_size);
    for (std::size_t page = 0; page < needed && page < pages.PageUrls().size(); ++page) {
      std::printf("%lld %s\n",
                  static_cast<long long>(pages.BodyBytes(page + 1) - pages.BodyBytes(page)),
                  pages.PageUrls()[page].c_str());
    }
  }
  std::printf("ready\n");
  std::fflush(stdout);

  std::thread([&listener] {
    char byte = 0;
    while (read(STDIN_FILENO, &byte, 1) > 0) {
    }
    listener.Stop();
  }).detach();
  listener.Serve();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return bench::BenchMain(
      "bench_page_server", kUsage, [&] { return Parse(argc, argv); },
      [](const auto& options) { return Serve(options); });
}
