#include "e2e/report.hpp"

#include <cinttypes>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace twilio::bench {
namespace {

constexpr double kMB = 1e6;

double PerRecord(int64_t bytes, int64_t records) {
  return records > 0 ? static_cast<double>(bytes) / static_cast<double>(records) : 0;
}

const char* ModeName(Mode mode) {
  return mode == Mode::Stream ? "stream" : "list";
}

}  // namespace

void PrintText(const Report& report) {
  const Options& o = report.options;
  const Measurement& m = report.measured;
  const RecordDigest& expected = report.expected;
  std::printf("stream_e2e mode=%s records=%" PRId64
              " page_size=%d sims=%d prefetch=%s"
              " work_ns=%" PRId64 "\n",
              ModeName(o.mode), o.records, o.page_size, o.sims, o.prefetch ? "on" : "off",
              o.work_ns);
  std::printf("  records      %" PRId64 " (expected %" PRId64 ")\n", m.digest.count,
              expected.count);
  std::printf("  checksum     %s (fnv %016" PRIx64 ", data_total %" PRId64
              "; expected fnv %016" PRIx64 ", data_total %" PRId64 ")\n",
              m.digest == expected ? "ok" : "MISMATCH", m.digest.hash, m.digest.data_total_sum,
              expected.hash, expected.data_total_sum);
  std::printf("  pages        %" PRId64 "\n", m.pages);
  std::printf("  wall         %.3f s\n", m.wall_seconds);
  std::printf("  records/s    %.0f\n", static_cast<double>(m.digest.count) / m.wall_seconds);
  std::printf("  body         %.1f MB/s (%.1f MB of JSON, %.0f bytes/record)\n",
              static_cast<double>(m.body_bytes) / kMB / m.wall_seconds,
              static_cast<double>(m.body_bytes) / kMB, PerRecord(m.body_bytes, m.digest.count));
  std::printf("  peak RSS     %.1f MB (resident before the run %.1f MB)\n",
              static_cast<double>(m.peak_rss) / kMB, static_cast<double>(m.rss_before) / kMB);
  if (o.mode == Mode::List) {
    std::printf(
        "  kept         %.0f bytes/record by peak RSS delta, %.0f by RSS delta while held\n",
        PerRecord(m.peak_rss - m.rss_before, m.digest.count),
        PerRecord(m.rss_holding - m.rss_before, m.digest.count));
    std::printf(
        "  estimate     %.0f bytes/record = sizeof %.0f + string heap %.0f + vector slack %.0f\n",
        m.footprint.Total(), m.footprint.inline_bytes, m.footprint.string_heap_bytes,
        m.footprint.vector_slack_bytes);
  }
  if (report.walked) {
    std::printf("  page walk    %s (a second, page-by-page reading for the curl URLs)\n",
                *report.walked == expected ? "ok" : "MISMATCH");
  }
  if (report.curl) {
    const CurlRun& curl = *report.curl;
    std::printf("  curl         %.3f s for %" PRId64 " pages (%" PRId64 " failed, %" PRId64
                " connections, %.1f MB received, exit %d)\n",
                curl.wall_seconds, curl.transfers, curl.failed_transfers, curl.connects,
                static_cast<double>(curl.bytes_downloaded) / kMB, curl.exit_status);
    std::printf("  SDK / curl   %.2f\n", m.wall_seconds / curl.wall_seconds);
  }
}

void PrintJson(const Report& report) {
  const Options& o = report.options;
  const Measurement& m = report.measured;
  nlohmann::ordered_json j;
  j["mode"] = ModeName(o.mode);
  j["prefetch"] = o.prefetch;
  j["work_ns"] = o.work_ns;
  j["records"] = m.digest.count;
  j["expected_records"] = report.expected.count;
  j["checksum_ok"] = m.digest == report.expected;
  j["pages"] = m.pages;
  j["page_size"] = o.page_size;
  j["sims"] = o.sims;
  j["wall_seconds"] = m.wall_seconds;
  j["records_per_second"] = static_cast<double>(m.digest.count) / m.wall_seconds;
  j["body_bytes"] = m.body_bytes;
  j["body_mb_per_second"] = static_cast<double>(m.body_bytes) / kMB / m.wall_seconds;
  j["peak_rss_bytes"] = m.peak_rss;
  j["rss_before_bytes"] = m.rss_before;
  if (o.mode == Mode::List) {
    j["kept_bytes_per_record_peak"] = PerRecord(m.peak_rss - m.rss_before, m.digest.count);
    j["kept_bytes_per_record_held"] = PerRecord(m.rss_holding - m.rss_before, m.digest.count);
    j["estimated_bytes_per_record"] = m.footprint.Total();
  }
  if (report.walked) j["page_walk_ok"] = *report.walked == report.expected;
  if (report.curl) {
    const CurlRun& curl = *report.curl;
    j["curl_wall_seconds"] = curl.wall_seconds;
    j["curl_transfers"] = curl.transfers;
    j["curl_failed_transfers"] = curl.failed_transfers;
    j["curl_connections"] = curl.connects;
    j["curl_bytes_received"] = curl.bytes_downloaded;
    j["sdk_over_curl"] = m.wall_seconds / curl.wall_seconds;
  }
  std::printf("%s\n", j.dump().c_str());
}

}  // namespace twilio::bench
