#pragma once
/// An assessment series: one tree scored over the periods of one or more years (docs/semantics.md
/// §9 "Series"). Floor 4 (domains): it runs the engine once per period.
///
/// Synopsis
///   struct period_table { period p; values_table values; std::string source; optional targets; };
///   struct series_options { data_basis data; data_basis basis; bool allow_gaps; ... };
///   assessment_series assess_series(tree, tables, annual_targets, options);
///   class assessment_series;   // per-period assessments; total, rank, Δ score, Δ rank, year on year
///   enum class series_reduction { last, mean, fold };
///   std::vector<std::optional<double>> reduce_year(series, year, reduction, fold_options);
///
/// The series holds each period's assessment as the engine gave it (rows in that period's table
/// order) and a map from each unit to its row in each period; it copies no values.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "zoneperf/assess.hpp"
#include "zoneperf/period.hpp"
#include "zoneperf/period_values.hpp"

namespace zoneperf {

/// One period's values table, where it came from (for messages), and optionally the period's own
/// targets (rows as `values`), whose cells win over the scaled annual targets (§9).
struct period_table {
  period p = period::year(2000);
  values_table values;
  std::string source;
  std::optional<targets_table> targets;
};

struct series_options {
  /// What the tables hold: figures since the year's start or for the period alone.
  data_basis data = data_basis::cumulative;
  /// How each period is scored: cumulative values against t_p = (t × k) / n (`cumulative`, the
  /// year-to-date basis) or in-period values against (t × 1) / n (`in_period`).
  data_basis basis = data_basis::cumulative;
  /// A unit absent from some period: error 708 when false; when true it has no score there.
  bool allow_gaps = false;
  /// Threads per assessment (results do not depend on it).
  int threads = 1;
};

/// Year on year for a score: (this − last) ÷ last against the same period a year earlier.
struct year_on_year {
  enum class state { none, no_base, value };
  state kind = state::none;  ///< none: no score a year earlier; no_base: last year's score is 0
  double value = 0;
};

class assessment_series {
 public:
  /// The periods in time order.
  const std::vector<period>& periods() const { return periods_; }
  /// Every unit, in order of first appearance.
  const std::vector<std::string>& units() const { return units_; }
  /// Period p's assessment; its rows are that period's table rows.
  const assessment& at(std::size_t p) const { return assessments_.at(p); }
  /// The unit's row in period p's assessment, or -1 when the unit is absent there (--allow-gaps).
  std::ptrdiff_t row(std::size_t unit, std::size_t p) const {
    return rows_[p].empty() ? static_cast<std::ptrdiff_t>(unit) : rows_[p][unit];
  }
  std::optional<double> total(std::size_t unit, std::size_t p) const;
  /// The competition rank within period p (0 when absent).
  int rank(std::size_t unit, std::size_t p) const;
  /// score(p) − score(p′), p′ the period before p; none when p′ is not in the series or the unit
  /// is absent in either.
  std::optional<double> delta_score(std::size_t unit, std::size_t p) const;
  /// rank(p′) − rank(p): positive means the unit moved up.
  std::optional<int> delta_rank(std::size_t unit, std::size_t p) const;
  year_on_year yoy(std::size_t unit, std::size_t p) const;
  /// The index of a period in periods(), or -1.
  std::ptrdiff_t index_of(const period& p) const;
  /// The year-end totals behind the annual fold: each unit's cumulative values at the year's last
  /// period scored against the annual targets (NaN when absent). Filled by assess_series for the
  /// years whose last period (December, Q4, H2 or the year) is in the series.
  std::optional<double> year_end_total(std::size_t unit, int year) const;

 private:
  friend assessment_series assess_series(const indicator_tree&, const std::vector<period_table>&,
                                         const targets_table*, const series_options&);
  std::vector<period> periods_;
  std::vector<std::string> units_;
  std::vector<assessment> assessments_;
  std::vector<std::vector<std::ptrdiff_t>> rows_;              ///< per period: unit -> row (empty: identity)
  std::vector<std::pair<int, std::vector<double>>> year_end_;  ///< (year, totals per unit)
};

/// Scores every table (docs/semantics.md §9). `tables` may come in any order and are put in time
/// order; all must be of one kind (month, quarter, half-year or year; error 709), no period twice
/// (705). `annual_targets` (may be null) has one row per unit of the first table in which each unit
/// appears, in units() order: build it with the units of `series_units(tables)`. A cumulative count
/// that falls is 707; a unit missing from a period is 708 unless allow_gaps.
assessment_series assess_series(const indicator_tree& tree, const std::vector<period_table>& tables,
                                const targets_table* annual_targets, const series_options& options);

/// The units of a series in order of first appearance (time order of the periods), which is the
/// row order assess_series expects of its annual targets.
std::vector<std::string> series_units(const std::vector<period_table>& tables);

/// Reductions of a year's totals per unit: the last period's, the mean of the periods present,
/// or the annual fold (share × mean of the four quarter-end totals + (1 − share) × the year-end
/// total; the quarter-end totals are the series' totals at the periods that end a quarter: Q1..Q4,
/// or March, June, September and December; error 703 when one is missing).
enum class series_reduction { last, mean, fold };
const char* to_string(series_reduction) noexcept;
std::vector<std::optional<double>> reduce_year(const assessment_series& series, int year,
                                               series_reduction how, const fold_options& fold = {});

}  // namespace zoneperf
