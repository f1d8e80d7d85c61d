#pragma once
/// Counts per period, per task force and for the zone; growth; the funnel; the export into the
/// task-force scorecard's values (docs/semantics.md §7).
///
/// Synopsis
///   struct unit_counts;     // one task force (or the zone) in one period
///   struct period_counts;   // every task force and the zone in one period
///   period_counts count(const registry&, const period&, const count_options& = {});
///   std::vector<period_counts> count_each(const registry&, period_kind, const period& outer,
///                                         const count_options& = {});   // one pass: a year of months
///   enum class measure { contacted, ..., signed_investment, foreign_capital };
///   double value(const unit_counts&, measure);
///   std::optional<double> growth(double current, double base);         // nullopt: "no base"
///   std::vector<funnel_step> funnel(const unit_counts&);               // contacted -> reviewed -> signed ->
///   landed leaf_table export_project_leaves(const registry&, const period&, const count_options& = {});
///   leaf_table read_leaf_table(const cell_table&);
///   leaf_table merge_leaves(const leaf_table& from_registry, const leaf_table& other,
///                           const std::vector<std::string>& columns);  // a value given twice: error 730
///   values_table scorecard_values(const registry&, const period&, const leaf_table& other,
///                                 const indicator_tree&);            // ready for assess()
///
/// History and state: `entered[s]` counts the projects that entered stage s on a day of the
/// period (up to the as-of date), and keeps them when they are cleared later; `active[s]` is the
/// state at the as-of date: the projects standing in stage s then, cleared ones left out (they
/// are counted in active[cleared]). The as-of date defaults to the period's last day.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "zoneperf/assess.hpp"
#include "zoneperf/period.hpp"
#include "zoneperf/pipeline/errc.hpp"
#include "zoneperf/pipeline/registry.hpp"
#include "zoneperf/text/csv.hpp"

namespace zoneperf {

struct unit_counts {
  std::string unit;                                 ///< a task force id, or "zone"
  std::array<std::int64_t, stage_count> entered{};  ///< history: entered each stage in the period
  std::array<std::int64_t, stage_count> active{};   ///< state at the as-of date
  cny_money signed_investment;                      ///< total investment of the projects signed in the period
  usd_money foreign_capital;       ///< of the projects landed in the period (counted at the landed date)
  std::int64_t key_projects = 0;   ///< key projects active at the as-of date
  std::int64_t key_started = 0;    ///< of which started by then
  std::int64_t top500_landed = 0;  ///< Fortune-500 / leader projects landed in the period
  std::int64_t chain_signed = 0;   ///< chain-investment projects signed in the period
  std::int64_t major_signed = 0;   ///< projects of >= 10 亿元 total investment signed in the period
  cny_money landed_fixed_asset_investment;  ///< sums over the projects landed in the period
  cny_money landed_tax;
  area landed_land;

  std::int64_t entered_count(stage s) const { return entered[index(s)]; }
  std::int64_t active_count(stage s) const { return active[index(s)]; }
};

/// A project landed in the period (up to the as-of date) without land area: the per-mu figures
/// that would count it are error 731 naming it.
struct landed_without_land {
  std::string project;
  date landed;
};

struct period_counts {
  period p = period::year(2000);
  date as_of;
  std::vector<unit_counts> task_forces;      ///< in the registry's task-force order
  unit_counts zone;                          ///< the sum of the task forces
  std::vector<landed_without_land> no_land;  ///< in registry order
  /// The task force's counts, or the zone's for "zone"; error 710 otherwise.
  const unit_counts& unit(std::string_view id) const;
};

struct count_options {
  /// Entries after this day are not counted, and the state is taken at it (capped at each
  /// period's last day). Default: each period's last day.
  std::optional<date> as_of;
};

period_counts count(const registry& r, const period& p, const count_options& options = {});
/// The counts of every period of `kind` within `outer` (periods_within), in one pass over the
/// registry: O(projects x stages + periods).
std::vector<period_counts> count_each(const registry& r, period_kind kind, const period& outer,
                                      const count_options& options = {});

enum class measure {
  contacted,
  scored,
  reviewed,
  intent,
  signed_,
  landed,
  started,
  producing,
  cleared,
  signed_investment,  ///< 亿元
  foreign_capital,    ///< 万美元
  key_projects,
  key_started
};
const char* to_string(measure) noexcept;
std::vector<measure> all_measures();
/// A measure as a number: entered counts, 亿元 or 万美元.
double value(const unit_counts& c, measure m);

/// (current - base) / base; nullopt ("no base") when base is 0.
std::optional<double> growth(double current, double base);
/// "+521.2 %", "-50.0 %", "no base".
std::string format_growth(const std::optional<double>& g, int decimals = 1);

struct funnel_step {
  stage s;
  std::int64_t count = 0;
  std::optional<double> conversion;  ///< count / the previous step's count; none for the first or a zero base
};
/// contacted -> reviewed -> signed -> landed over the period (entered counts).
std::vector<funnel_step> funnel(const unit_counts& c);

/// A units x columns table of doubles (NaN = missing), row-major.
struct leaf_table {
  std::vector<std::string> units;
  std::vector<std::string> columns;
  std::vector<double> values;      ///< units.size() x columns.size(), row-major
  std::vector<std::string> where;  ///< optional per-cell origin ("other.csv:3:4"), same shape, for messages

  double at(std::size_t unit, std::size_t column) const { return values[unit * columns.size() + column]; }
  std::optional<std::size_t> column_index(std::string_view id) const;
  std::optional<std::size_t> unit_index(std::string_view id) const;
  /// "unit,<columns>" with the shortest text that reads back to the same double; NaN as an empty cell.
  /// A table zoneperf reads back (the values of `assess`): ids as they are (csv_for::reading_back).
  std::string to_csv() const;
};

/// The scorecard leaves the registry knows, one row per task force of the registry:
///   intent_projects, signed_projects, landed_projects, producing_projects  (entered in the period)
///   signed_investment (亿元, total investment of the projects signed in the period)
///   key_project_start_rate (= 100.0 * key_started / key_projects at the as-of date, %; NaN with no key
///   project) foreign_capital (万美元, of the projects landed in the period) top500_projects (landed in the
///   period), chain_projects (signed in the period) investment_per_mu, tax_per_mu (万元/亩: Σ fixed-asset
///   investment ÷ Σ land, Σ tax ÷ Σ land over the projects landed in the period; NaN when none landed; a
///   landed project without land is error 731)
leaf_table export_project_leaves(const registry& r, const period& p, const count_options& options = {});
/// The project leaf ids of export_project_leaves, in its column order.
const std::vector<std::string>& project_leaf_ids();
/// The zone's per-mu figures over the projects landed in the period (ratios of sums), 万元/亩; NaN
/// when none landed. A project landed in the period without land area is error 731 naming it (its
/// investment and tax would count without its land), as in export_project_leaves.
struct per_mu {
  double investment = 0;
  double tax = 0;
};
per_mu zone_per_mu(const period_counts& c);

/// A table of any columns (header `unit,<ids>`): numbers, empty cells = missing.
leaf_table read_leaf_table(const cell_table& csv);
/// Merges by unit id into `columns` (for the task-force scorecard: the tree's columns()): the rows
/// are from_registry's units; a unit of `other` that the registry lacks is error 316; a column
/// outside `columns` is error 304; a cell with a value in both tables is error 730 naming the unit,
/// the column and both values; a cell neither gives is NaN (the engine's missing policy decides).
leaf_table merge_leaves(const leaf_table& from_registry, const leaf_table& other,
                        const std::vector<std::string>& columns);

/// The values matrix of a scorecard (the `task-force` preset or an edited copy) for the period:
/// the registry's export merged with `other` into tree.columns(). Ready for assess().
values_table scorecard_values(const registry& r, const period& p, const leaf_table& other,
                              const indicator_tree& tree, const count_options& options = {});

}  // namespace zoneperf
