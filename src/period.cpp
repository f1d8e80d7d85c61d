#include "zoneperf/period.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace zoneperf {
namespace {
using gdays = boost::gregorian::days;
using boost::gregorian::gregorian_calendar;

constexpr int min_year = 1401;  // keeps week and year arithmetic inside Boost's 1400..9999
constexpr int max_year = 9998;

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}
std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}
int end_of_month(int y, int m) {
  return gregorian_calendar::end_of_month_day(static_cast<unsigned short>(y), static_cast<unsigned short>(m));
}
date make(int y, int m, int d) {
  return date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
}
/// Days since Monday: Monday 0 .. Sunday 6.
int iso_weekday_index(date d) { return (d.day_of_week().as_number() + 6) % 7; }
date monday_of(date d) { return d - gdays(iso_weekday_index(d)); }
/// The ISO week-numbering year: the year of the week's Thursday.
int iso_year_of(date d) { return (monday_of(d) + gdays(3)).year(); }
date iso_week_one_monday(int iso_year) { return monday_of(make(iso_year, 1, 4)); }

void check_year(int y, const std::string& where) {
  if (y < min_year || y > max_year)
    throw error(errc::bad_period, where,
                "year " + std::to_string(y) + " outside " + std::to_string(min_year) + ".." +
                    std::to_string(max_year));
}
std::string two(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}
}  // namespace

date parse_date(std::string_view text, const std::string& where) {
  const std::string_view s = trim(text);
  auto bad = [&](const std::string& why) {
    return error(errc::bad_date, where, "bad date '" + std::string(text) + "': " + why);
  };
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(s.substr(0, 4)) || !digits(s.substr(5, 2)) ||
      !digits(s.substr(8, 2)))
    throw bad("expected YYYY-MM-DD");
  const int y = to_int(s.substr(0, 4)), m = to_int(s.substr(5, 2)), d = to_int(s.substr(8, 2));
  if (y < min_year || y > max_year)
    throw bad("year outside " + std::to_string(min_year) + ".." + std::to_string(max_year));
  if (m < 1 || m > 12) throw bad("no month " + std::to_string(m));
  if (d < 1 || d > end_of_month(y, m))
    throw bad(std::to_string(y) + "-" + two(m) + " has " + std::to_string(end_of_month(y, m)) + " days");
  return make(y, m, d);
}

std::optional<date> parse_optional_date(std::string_view text, const std::string& where) {
  if (trim(text).empty()) return std::nullopt;
  return parse_date(text, where);
}

std::string to_string(date d) {
  return std::to_string(static_cast<int>(d.year())) + "-" + two(d.month()) + "-" + two(d.day());
}

const char* to_string(period_kind k) noexcept {
  switch (k) {
    case period_kind::week:
      return "week";
    case period_kind::month:
      return "month";
    case period_kind::quarter:
      return "quarter";
    case period_kind::half_year:
      return "half_year";
    case period_kind::year:
      return "year";
  }
  return "?";
}

int iso_weeks_in_year(int iso_year) {
  // 28 December always lies in the last ISO week of its year.
  return static_cast<int>(make(iso_year, 12, 28).week_number());
}

period period::iso_week(int iso_year, int week) {
  const std::string where = std::to_string(iso_year) + "-W" + two(week);
  // The week after the last one of max_year (the week that follows it in a calendar of that year)
  // is week 1 of the next ISO year, which Boost's dates still hold.
  if (iso_year != max_year + 1 || week != 1) check_year(iso_year, where);
  const int n = iso_weeks_in_year(iso_year);
  if (week < 1 || week > n)
    throw error(errc::bad_period, where,
                "ISO year " + std::to_string(iso_year) + " has weeks 1.." + std::to_string(n));
  const date first = iso_week_one_monday(iso_year) + gdays(7 * (week - 1));
  return period(period_kind::week, iso_year, week, first, first + gdays(6));
}

period period::month(int year, int month) {
  check_year(year, std::to_string(year));
  if (month < 1 || month > 12)
    throw error(errc::bad_period, std::to_string(year), "no month " + std::to_string(month));
  return period(period_kind::month, year, month, make(year, month, 1),
                make(year, month, end_of_month(year, month)));
}

period period::quarter(int year, int quarter) {
  check_year(year, std::to_string(year));
  if (quarter < 1 || quarter > 4)
    throw error(errc::bad_period, std::to_string(year), "no quarter " + std::to_string(quarter));
  const int m = 3 * quarter;
  return period(period_kind::quarter, year, quarter, make(year, m - 2, 1),
                make(year, m, end_of_month(year, m)));
}

period period::half_year(int year, int half) {
  check_year(year, std::to_string(year));
  if (half < 1 || half > 2)
    throw error(errc::bad_period, std::to_string(year), "no half-year " + std::to_string(half));
  return half == 1 ? period(period_kind::half_year, year, 1, make(year, 1, 1), make(year, 6, 30))
                   : period(period_kind::half_year, year, 2, make(year, 7, 1), make(year, 12, 31));
}

period period::year(int year) {
  check_year(year, std::to_string(year));
  return period(period_kind::year, year, 1, make(year, 1, 1), make(year, 12, 31));
}

period period::containing(period_kind kind, date d) {
  const int y = d.year(), m = d.month();
  switch (kind) {
    case period_kind::week: {
      const int iy = iso_year_of(d);
      return iso_week(iy, static_cast<int>((monday_of(d) - iso_week_one_monday(iy)).days() / 7) + 1);
    }
    case period_kind::month:
      return month(y, m);
    case period_kind::quarter:
      return quarter(y, (m + 2) / 3);
    case period_kind::half_year:
      return half_year(y, m <= 6 ? 1 : 2);
    case period_kind::year:
      return year(y);
  }
  return year(y);
}

period period::parse(std::string_view text, const std::string& where) {
  const std::string_view s = trim(text);
  auto bad = [&]() {
    return error(errc::bad_period, where,
                 "bad period '" + std::string(text) +
                     "': expected YYYY, YYYY-Hn, YYYY-Qn, YYYY-MM or YYYY-Wnn (YYYYHn, YYYYQn too)");
  };
  if (s.size() < 4 || !digits(s.substr(0, 4))) throw bad();
  const int y = to_int(s.substr(0, 4));
  if (s.size() == 4) return year(y);
  // "2020Q3" and "2020H1", as file stems often are, read like "2020-Q3" and "2020-H1".
  const bool short_form = s.size() == 6 && std::string_view("HhQq").find(s[4]) != std::string_view::npos;
  if (s[4] != '-' && !short_form) throw bad();
  try {
    const std::string_view rest = s.substr(short_form ? 4 : 5);
    if (rest.size() == 2 && (rest[0] == 'H' || rest[0] == 'h') && digits(rest.substr(1)))
      return half_year(y, to_int(rest.substr(1)));
    if (rest.size() == 2 && (rest[0] == 'Q' || rest[0] == 'q') && digits(rest.substr(1)))
      return quarter(y, to_int(rest.substr(1)));
    if (rest.size() == 2 && digits(rest)) return month(y, to_int(rest));
    if (rest.size() == 3 && (rest[0] == 'W' || rest[0] == 'w') && digits(rest.substr(1)))
      return iso_week(y, to_int(rest.substr(1)));
  } catch (const error& e) {
    throw error(errc::bad_period, where,
                "bad period '" + std::string(text) + "': " + e.problems().front().what);
  }
  throw bad();
}

period period::next() const {
  switch (kind_) {
    case period_kind::week:
      return containing(period_kind::week, last_ + gdays(1));
    default:
      return containing(kind_, last_ + gdays(1));
  }
}

period period::prev() const { return containing(kind_, first_ - gdays(1)); }

period period::same_period_last_year() const {
  switch (kind_) {
    case period_kind::week:
      return iso_week(year_ - 1, std::min(number_, iso_weeks_in_year(year_ - 1)));
    case period_kind::month:
      return month(year_ - 1, number_);
    case period_kind::quarter:
      return quarter(year_ - 1, number_);
    case period_kind::half_year:
      return half_year(year_ - 1, number_);
    case period_kind::year:
      return year(year_ - 1);
  }
  return year(year_ - 1);
}

std::string period::label() const {
  const std::string y = std::to_string(year_);
  switch (kind_) {
    case period_kind::week:
      return y + "-W" + two(number_);
    case period_kind::month:
      return y + "-" + two(number_);
    case period_kind::quarter:
      return y + "-Q" + std::to_string(number_);
    case period_kind::half_year:
      return y + "-H" + std::to_string(number_);
    case period_kind::year:
      return y;
  }
  return y;
}

std::vector<period> periods_within(period_kind kind, const period& outer) {
  if (kind > outer.kind())
    throw error(errc::period_mismatch, outer.label(),
                std::string("a ") + to_string(outer.kind()) + " holds no " + to_string(kind) + " periods");
  std::vector<period> out;
  if (kind == period_kind::week) {
    // ISO weeks whose Thursday lies in the outer period.
    period w = period::containing(period_kind::week, outer.first());
    if (!outer.contains(w.first() + gdays(3))) w = w.next();
    while (outer.contains(w.first() + gdays(3))) {
      out.push_back(w);
      w = w.next();
    }
    return out;
  }
  for (period p = period::containing(kind, outer.first()); outer.covers(p); p = p.next()) {
    out.push_back(p);
    if (p.last() == outer.last()) break;
  }
  return out;
}

const char* to_string(rhythm r) noexcept {
  switch (r) {
    case rhythm::weekly_dispatch:
      return "weekly_dispatch";
    case rhythm::monthly_report:
      return "monthly_report";
    case rhythm::quarterly_analysis:
      return "quarterly_analysis";
    case rhythm::half_year_summary:
      return "half_year_summary";
    case rhythm::annual_summary:
      return "annual_summary";
  }
  return "?";
}

const char* display_name(rhythm r) noexcept {
  switch (r) {
    case rhythm::weekly_dispatch:
      return "周调度";
    case rhythm::monthly_report:
      return "月汇报";
    case rhythm::quarterly_analysis:
      return "季度分析";
    case rhythm::half_year_summary:
      return "半年小结";
    case rhythm::annual_summary:
      return "年终总结";
  }
  return "?";
}

std::vector<rhythm_event> supervision_calendar(int year, const calendar_options& options) {
  const period y = period::year(year);
  std::vector<rhythm_event> out;
  const int dispatch = (static_cast<int>(options.dispatch_day) + 6) % 7;  // Monday 0
  // Dispatch days of the ISO weeks around the year that fall inside it.
  for (period w = period::containing(period_kind::week, y.first()); w.first() <= y.last(); w = w.next()) {
    const date on = w.first() + gdays(dispatch);
    if (y.contains(on)) out.push_back({rhythm::weekly_dispatch, on, w});
  }
  auto end_day = [&](const period& p) {
    date d = p.last();
    if (options.reports == weekend_rule::previous_friday) {
      const int wd = iso_weekday_index(d);
      if (wd >= 5) d -= gdays(wd - 4);
    }
    return d;
  };
  for (int m = 1; m <= 12; ++m) {
    const period p = period::month(year, m);
    out.push_back({rhythm::monthly_report, end_day(p), p});
  }
  for (int q = 1; q <= 4; ++q) {
    const period p = period::quarter(year, q);
    out.push_back({rhythm::quarterly_analysis, end_day(p), p});
  }
  out.push_back({rhythm::half_year_summary, end_day(period::half_year(year, 1)), period::half_year(year, 1)});
  out.push_back({rhythm::annual_summary, end_day(y), y});
  std::stable_sort(out.begin(), out.end(), [](const rhythm_event& a, const rhythm_event& b) {
    return a.on != b.on ? a.on < b.on : a.kind < b.kind;
  });
  return out;
}

std::vector<period_value> roll_up(const std::vector<period_value>& series, period_kind to) {
  std::map<period, double> sums;
  std::map<period, int> seen;
  for (const auto& v : series) {
    if (++seen[v.p] > 1) throw error(errc::duplicate_period, v.p.label(), "period given twice");
    const period outer = period::containing(to, v.p.first());
    if (!outer.covers(v.p))
      throw error(errc::period_mismatch, v.p.label(),
                  "runs " + to_string(v.p.first()) + ".." + to_string(v.p.last()) + ", not within one " +
                      to_string(to));
    sums[outer] += v.value;
  }
  std::vector<period_value> out;
  out.reserve(sums.size());
  for (const auto& [p, v] : sums) out.push_back({p, v});
  return out;
}

double fold_annual(const std::array<std::optional<double>, 4>& quarters, double year_end,
                   const fold_options& options, std::string_view unit) {
  const double share = options.quarter_share;
  if (!(share >= 0 && share <= 1))
    throw error(errc::bad_share, std::string(unit), fmt::format("quarter share {} outside [0, 1]", share));
  std::vector<problem> missing;
  double sum = 0;
  for (int q = 0; q < 4; ++q) {
    if (!quarters[q] || !std::isfinite(*quarters[q]))
      missing.push_back(
          {errc::missing_quarter, std::string(unit), "quarter Q" + std::to_string(q + 1) + " missing"});
    else
      sum += *quarters[q];
  }
  if (!missing.empty()) throw error(std::move(missing));
  if (!std::isfinite(year_end))
    throw error(errc::missing_quarter, std::string(unit), "year-end total missing");
  return share * (sum / 4) + (1 - share) * year_end;
}

double fold_annual(const std::vector<period_value>& quarters, const period_value& year_end,
                   const fold_options& options, std::string_view unit) {
  const std::string who = unit.empty() ? year_end.p.label() : std::string(unit);
  if (year_end.p.kind() != period_kind::year)
    throw error(errc::period_mismatch, who, "year-end total is for " + year_end.p.label() + ", not a year");
  std::array<std::optional<double>, 4> q;
  for (const auto& v : quarters) {
    if (v.p.kind() != period_kind::quarter || v.p.label_year() != year_end.p.label_year())
      throw error(errc::period_mismatch, who, v.p.label() + " is not a quarter of " + year_end.p.label());
    auto& slot = q[v.p.number() - 1];
    if (slot) throw error(errc::duplicate_period, who, v.p.label() + " given twice");
    slot = v.value;
  }
  std::vector<problem> missing;
  for (int i = 0; i < 4; ++i)
    if (!q[i])
      missing.push_back(
          {errc::missing_quarter, who, year_end.p.label() + "-Q" + std::to_string(i + 1) + " missing"});
  if (!missing.empty()) throw error(std::move(missing));
  return fold_annual(q, year_end.value, options, unit);
}

as_of as_of::parse(std::string_view text, const std::string& where) {
  const std::string_view s = trim(text);
  if (s.size() == 10 && s[4] == '-' && s[7] == '-') return as_of(parse_date(s, where));
  const period p = period::parse(s, where);
  if (p.kind() == period_kind::week)
    throw error(errc::bad_period, where,
                "bad as-of '" + std::string(text) +
                    "': a week is no point of the year's schedule (give its date, with the days policy)");
  return as_of(p);
}

std::string as_of::label() const { return on_ ? to_string(*on_) : p_.label(); }

int as_of::year() const { return on_ ? static_cast<int>(on_->year()) : p_.label_year(); }

schedule_fraction as_of::fraction(schedule_policy policy) const {
  if (on_) {
    if (policy == schedule_policy::days) {
      const int y = static_cast<int>(on_->year());
      const bool leap = boost::gregorian::gregorian_calendar::is_leap_year(static_cast<unsigned short>(y));
      return {static_cast<int>(on_->day_of_year()), leap ? 366 : 365};
    }
    return {static_cast<int>(on_->month()), 12};
  }
  switch (p_.kind()) {
    case period_kind::month:
      return {p_.number(), 12};
    case period_kind::quarter:
      return {p_.number(), 4};
    case period_kind::half_year:
      return {p_.number(), 2};
    default:  // a year (weeks never reach here: parse refuses them)
      return {1, 1};
  }
}

std::optional<period> as_of::schedule_period(schedule_policy policy) const {
  if (!on_) return p_;
  if (policy == schedule_policy::months) return period::containing(period_kind::month, *on_);
  return std::nullopt;
}

const char* to_string(schedule_policy p) noexcept { return p == schedule_policy::days ? "days" : "months"; }

}  // namespace zoneperf
