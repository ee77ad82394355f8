// --format chart: data_total summed per bar, drawn after the last record. Without --group a bar
// per period (by its start, in time order), with --group a bar per group value (largest
// first, ties by value), so a listing's memory is one total per bar.
#include <algorithm>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "bar_chart.hpp"
#include "output_format.hpp"
#include "record_columns.hpp"
#include "table_layout.hpp"
#include "usage_totals.hpp"

namespace supersim_usage {
namespace {

namespace v1 = twilio::supersim::v1;

void AddTo(int64_t& total, int64_t value) {
  if (__builtin_add_overflow(total, value, &total)) {
    throw TotalOverflowError("a chart total of data_total does not fit in a signed 64-bit integer");
  }
}

// The start of a period as wide as its granularity needs: a day, an hour, or the whole time.
std::string PeriodLabel(const std::optional<twilio::TimePoint>& start,
                        const std::optional<v1::Granularity>& granularity) {
  if (!start) return "-";
  std::string text = twilio::FormatRfc3339Utc(*start);  // YYYY-MM-DDTHH:MM:SSZ
  if (granularity == v1::Granularity::Day) return text.substr(0, 10);
  if (granularity == v1::Granularity::Hour) return text.substr(0, 10) + " " + text.substr(11, 5);
  return text;
}

class ChartWriter : public RecordWriter {
 public:
  ChartWriter(std::ostream& out, const WriterSettings& settings) : out_(out), settings_(settings) {}

  void Write(const v1::SupersimV1UsageRecord& record) override {
    const int64_t value = record.data_total.value_or(0);
    if (settings_.group) {
      auto cells = RecordCells(record);
      const auto& key = cells[GroupColumn(*settings_.group)];
      AddTo(by_group_[key ? *key : "-"], value);
    } else {
      AddTo(by_period_[record.period ? record.period->start_time : std::nullopt], value);
    }
  }

  void End() override {
    std::vector<ChartEntry> entries;
    std::string title = "data_total";
    if (settings_.raw_bytes) title += " (bytes)";
    if (settings_.group) {
      title += std::string(" per ") + std::string(v1::ToString(*settings_.group));
      for (const auto& [key, total] : by_group_) entries.push_back({key, total});
      std::stable_sort(entries.begin(), entries.end(),
                       [](const ChartEntry& a, const ChartEntry& b) { return a.value > b.value; });
    } else {
      const auto& granularity = settings_.granularity;
      title += granularity == v1::Granularity::Day    ? " per day (UTC)"
               : granularity == v1::Granularity::Hour ? " per hour (UTC)"
                                                      : " per period";
      for (const auto& [start, total] : by_period_) {
        entries.push_back({PeriodLabel(start, granularity), total});
      }
    }
    ChartStyle style;
    style.width = settings_.width.value_or(80);
    style.utf8 = settings_.utf8;
    style.raw_bytes = settings_.raw_bytes;
    out_ << RenderBarChart(title, entries, style);
  }

 private:
  std::ostream& out_;
  WriterSettings settings_;
  std::map<std::optional<twilio::TimePoint>, int64_t> by_period_;
  std::map<std::string, int64_t> by_group_;
};

}  // namespace

std::unique_ptr<RecordWriter> MakeChartWriter(std::ostream& out, const WriterSettings& settings) {
  return std::make_unique<ChartWriter>(out, settings);
}

}  // namespace supersim_usage
