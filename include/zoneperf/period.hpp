#pragma once
/// Periods and the supervision rhythm (docs/semantics.md §1, §5, §7), on Boost.Date_Time.
///
/// Synopsis
///   using date = boost::gregorian::date;
///   date parse_date(std::string_view text, const std::string& where);   // "2020-07-31" only
///   std::string to_string(date);                                        // "2020-07-31"
///
///   enum class period_kind { week, month, quarter, half_year, year };
///   class period;        // an ISO week (Monday start, weeks 1..52 or 53), month, quarter, half-year or year
///     period::iso_week(2020, 53), period::month(2020, 7), period::quarter(2020, 3),
///     period::half_year(2020, 2), period::year(2020), period::containing(kind, d), period::parse("2020-W53")
///     first(), last(), days(), contains(d), next(), prev(), same_period_last_year(), label()
///   int iso_weeks_in_year(int iso_year);                                // 52 or 53
///   std::vector<period> periods_within(period_kind, const period& outer); // months of a year, ...
///
///   enum class rhythm { weekly_dispatch, monthly_report, quarterly_analysis, half_year_summary,
///   annual_summary }; struct rhythm_event { rhythm kind; date on; period covers; };
///   std::vector<rhythm_event> supervision_calendar(int year, const calendar_options& = {});
///
///   enum class schedule_policy { months, days };
///   struct schedule_fraction { int k, n; };                   // 序时进度: t_p = (t × k) / n
///   class as_of;   // a point of the year: a month, quarter, half-year, year or date
///     as_of::parse("2020-07" | "2020Q3" | "2020H1" | "2020" | "2020-07-15"), fraction(policy)
///   double period_target(double t, schedule_fraction);            // (t × k) / n
///
///   struct period_value { period p; double value; };
///   std::vector<period_value> roll_up(const std::vector<period_value>&, period_kind to);   // sums
///   double fold_annual(const std::array<std::optional<double>, 4>& quarters, double year_end,
///                      const fold_options& = {}, std::string_view unit = {});
///   double fold_annual(const std::vector<period_value>& quarters, const period_value& year_end,
///                      const fold_options& = {}, std::string_view unit = {});
///
/// Labels: "2020" (year), "2020-H2" or "2020H2", "2020-Q3" or "2020Q3", "2020-07" (month), "2020-W53" (ISO
/// week; its year is the ISO week-numbering year, so 2020-W53 runs 2020-12-28 .. 2021-01-03). Dates are
/// proleptic Gregorian days in 1400..9999 (Boost's range).
#include <array>
#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zoneperf/error.hpp"

namespace zoneperf {

using date = boost::gregorian::date;

/// Parses exactly "YYYY-MM-DD" (ASCII spaces around it ignored); anything else, or a day that
/// does not exist (2021-02-29), is error 701 naming `where`.
date parse_date(std::string_view text, const std::string& where);
/// Like parse_date, but an empty cell gives nullopt.
std::optional<date> parse_optional_date(std::string_view text, const std::string& where);
/// ISO 8601 extended: "2020-07-31".
std::string to_string(date d);

enum class period_kind { week, month, quarter, half_year, year };
const char* to_string(period_kind) noexcept;

/// 52 or 53: the number of ISO weeks of an ISO week-numbering year.
int iso_weeks_in_year(int iso_year);

/// A closed range of days with a calendar meaning. Value type, ordered by (first day, kind).
class period {
 public:
  static period iso_week(int iso_year, int week);  ///< error 702 for week 53 of a 52-week year
  static period month(int year, int month);
  static period quarter(int year, int quarter);
  static period half_year(int year, int half);
  static period year(int year);
  /// The period of this kind that holds `d` (for weeks, the ISO week, whose year may differ).
  static period containing(period_kind kind, date d);
  /// "2020", "2020-H1", "2020-Q3", "2020-07", "2020-W05"; error 702 naming `where` otherwise.
  static period parse(std::string_view text, const std::string& where = "period");

  period_kind kind() const noexcept { return kind_; }
  /// The year of the label (the ISO week-numbering year for weeks).
  int label_year() const noexcept { return year_; }
  /// 1-based number within the label year: week, month, quarter or half; 1 for a year.
  int number() const noexcept { return number_; }
  date first() const noexcept { return first_; }
  date last() const noexcept { return last_; }
  int days() const noexcept { return static_cast<int>((last_ - first_).days()) + 1; }
  bool contains(date d) const noexcept { return first_ <= d && d <= last_; }
  /// True when every day of `inner` lies in this period.
  bool covers(const period& inner) const noexcept { return first_ <= inner.first_ && inner.last_ <= last_; }
  period next() const;
  period prev() const;
  /// The same week number, month, quarter, half or year one year before (for week 53 of a year
  /// whose predecessor has 52 weeks: week 52).
  period same_period_last_year() const;
  std::string label() const;

  friend bool operator==(const period& a, const period& b) noexcept {
    return a.kind_ == b.kind_ && a.first_ == b.first_;
  }
  friend bool operator!=(const period& a, const period& b) noexcept { return !(a == b); }
  friend bool operator<(const period& a, const period& b) noexcept {
    return a.first_ != b.first_ ? a.first_ < b.first_ : a.kind_ < b.kind_;
  }

 private:
  period(period_kind k, int y, int n, date f, date l) : kind_(k), year_(y), number_(n), first_(f), last_(l) {}
  period_kind kind_;
  int year_;
  int number_;
  date first_;
  date last_;
};

/// The periods of a kind that lie within `outer`, in order: the months of a year, the quarters of
/// a half-year. For weeks, the ISO weeks whose Thursday lies in `outer` (so 2020's weeks are
/// 2020-W01 .. 2020-W53). Error 706 when `kind` is coarser than outer's kind.
std::vector<period> periods_within(period_kind kind, const period& outer);

/// The supervision rhythm (一周一调度、一月一汇报、一季一分析、半年一小结、年终总结).
enum class rhythm { weekly_dispatch, monthly_report, quarterly_analysis, half_year_summary, annual_summary };
const char* to_string(rhythm) noexcept;
/// The Chinese display name: 周调度, 月汇报, 季度分析, 半年小结, 年终总结.
const char* display_name(rhythm) noexcept;

/// Where a month-end event falls when the period's last day is a Saturday or Sunday.
enum class weekend_rule { keep, previous_friday };

struct calendar_options {
  boost::date_time::weekdays dispatch_day = boost::date_time::Monday;  ///< weekly dispatch meeting
  weekend_rule reports = weekend_rule::keep;  ///< month-end, quarter, half-year and year-end events
};

struct rhythm_event {
  rhythm kind = rhythm::weekly_dispatch;
  date on;
  period covers = period::year(2000);  ///< the ISO week, month, quarter, half-year or year reviewed
};

/// Every event of a calendar year, by date (ties in rhythm order): a weekly dispatch on the
/// dispatch day of each ISO week whose dispatch day lies in the year (covering that week), a
/// report at each month's end, an analysis at each quarter's end (Q4 included: the annual fold
/// needs four quarterly totals), the half-year summary at the end of June and the annual summary
/// at the end of December (it replaces a second half-year summary).
std::vector<rhythm_event> supervision_calendar(int year, const calendar_options& options = {});

struct period_value {
  period p;
  double value = 0;
};

/// Sums a series into coarser periods, in order of the coarser periods. Each input must lie
/// within one period of kind `to` (2020-W53 does not lie within a month or a year: error 706);
/// a period given twice is error 705.
std::vector<period_value> roll_up(const std::vector<period_value>& series, period_kind to);

struct fold_options {
  double quarter_share = 0.7;  ///< weight of the mean of the four quarterly totals, in [0, 1]
};

/// annual = share x mean(Q1..Q4) + (1 - share) x year-end total (docs/semantics.md §5). A missing
/// quarter is error 703 naming `unit` and the quarter; a share outside [0, 1] is error 704.
double fold_annual(const std::array<std::optional<double>, 4>& quarters, double year_end,
                   const fold_options& options = {}, std::string_view unit = {});
/// The same with labelled periods: exactly the four quarters of year_end's year (a period that is
/// not one of them is error 706, one given twice 705, one missing 703).
double fold_annual(const std::vector<period_value>& quarters, const period_value& year_end,
                   const fold_options& options = {}, std::string_view unit = {});

/// How a date is placed in its year's schedule: by its month (m/12, the default) or by its day of
/// the year (d/365 or d/366, for weekly dispatch).
enum class schedule_policy { months, days };
const char* to_string(schedule_policy) noexcept;

/// The share k/n of the year that has passed at an as-of point (docs/semantics.md, periods).
struct schedule_fraction {
  int k = 1;
  int n = 1;
};

/// The time-proportional target (序时进度) t_p = (t × k) / n, computed in double in that order.
inline double period_target(double t, schedule_fraction f) noexcept {
  return (t * static_cast<double>(f.k)) / static_cast<double>(f.n);
}

/// The point of the year a year-to-date assessment stands at: a month, quarter, half-year, year
/// or a date. Weeks are not points of the schedule (error 702).
class as_of {
 public:
  explicit as_of(const period& p) : p_(p) {}
  explicit as_of(date d) : p_(period::year(static_cast<int>(d.year()))), on_(d) {}
  /// "2020-07", "2020-Q3"/"2020Q3", "2020-H1"/"2020H1", "2020" or a date "2020-07-15"; error 701
  /// or 702 naming `where` otherwise.
  static as_of parse(std::string_view text, const std::string& where = "--as-of");
  /// (m, 12) for month m, (q, 4), (h, 2), (1, 1) for the year; a date gives its month's (m, 12)
  /// under months and (day of year, 365 or 366) under days.
  schedule_fraction fraction(schedule_policy policy = schedule_policy::months) const;
  /// The period whose table the point reads (a date under months: its month); none for a date
  /// under days.
  std::optional<period> schedule_period(schedule_policy policy = schedule_policy::months) const;
  std::optional<date> on() const { return on_; }
  int year() const;
  std::string label() const;

 private:
  period p_;
  std::optional<date> on_;
};

}  // namespace zoneperf
