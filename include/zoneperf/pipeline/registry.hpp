#pragma once
/// The project registry (项目库): projects, their stages and dates (docs/semantics.md §7).
///
/// Synopsis
///   enum class stage { contacted, scored, reviewed, intent, signed_, landed, started, producing, cleared };
///   struct project;                  // the fields of docs/semantics.md §7, one optional date per stage
///   class registry;                  // projects indexed by id (hashed, O(1)), by (task force, stage)
///                                    // and by (stage, date of entering it); every change is all-or-nothing
///     registry(registry_options{task_forces, as_of});
///     add(project), advance(id, stage, date), clear(id, date), find(id), at(id), snapshot(date)
///   std::vector<problem> check_project(const registry&, const project&);   // add()'s checks, all at once
///   registry read_projects(const cell_table&, const load_options&);        // one row per project
///   std::vector<std::string> default_task_forces();                       // the four 产业专班
///
/// Stages advance one at a time: contacted (接洽) -> scored (赋分) -> reviewed (上会) -> intent (意向)
/// -> signed (签约) -> landed (落地) -> started (开工) -> producing (投产); cleared (出清) ends any
/// stage. A stage's date is never before the previous stage's date nor after the registry's as-of
/// date. A rejected change throws zoneperf::error and leaves the registry exactly as it was.
///
/// Money is exact (zoneperf/units/money.hpp: CNY and USD in fen/cents); land is an exact
/// zoneperf::area (zoneperf/units/area.hpp).
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zoneperf/error.hpp"
#include "zoneperf/period.hpp"
#include "zoneperf/pipeline/errc.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/units/area.hpp"
#include "zoneperf/units/money.hpp"

namespace zoneperf {

enum class stage : std::uint8_t {
  contacted,
  scored,
  reviewed,
  intent,
  signed_,
  landed,
  started,
  producing,
  cleared
};
inline constexpr std::size_t stage_count = 9;      ///< with cleared
inline constexpr std::size_t progress_stages = 8;  ///< contacted .. producing

constexpr std::size_t index(stage s) noexcept { return static_cast<std::size_t>(s); }
/// "contacted", ..., "signed", ..., "cleared".
const char* to_string(stage s) noexcept;
/// 接洽, 赋分, 上会, 意向, 签约, 落地, 开工, 投产, 出清.
const char* display_name(stage s) noexcept;
/// The stage named by its identifier; error 720 naming `where` otherwise.
stage parse_stage(std::string_view text, const std::string& where = "stage");

struct project {
  std::string id;
  std::string name;
  std::string task_force;  ///< a registry task force (the scorecard's unit id)
  std::string industry;
  bool key_project = false;          ///< 重点项目
  bool chain_project = false;        ///< 产业链招商
  bool top500 = false;               ///< 世界500强 / 龙头
  cny_money total_investment;        ///< 总投资
  cny_money fixed_asset_investment;  ///< 固定资产投资 (completed)
  usd_money foreign_capital;         ///< 实际利用外资, counted at the landed date
  area land;                         ///< 用地
  cny_money annual_tax;              ///< 年税收
  std::optional<double> admission_score;
  std::array<std::optional<date>, stage_count> dates;  ///< by index(stage); empty = not reached

  const std::optional<date>& date_of(stage s) const { return dates[index(s)]; }
  bool reached(stage s) const { return dates[index(s)].has_value(); }
  bool cleared() const { return reached(stage::cleared); }
  /// The furthest progress stage reached (contacted for a project that has only been contacted).
  stage furthest() const;
  /// cleared when cleared, else furthest().
  stage current() const;
  /// The date of current().
  date current_date() const;
  /// The stage the project stood at at the end of day d (cleared if cleared by then), or nullopt
  /// when it had not been contacted yet.
  std::optional<stage> stage_at(date d) const;
  /// Contacted by d and not cleared by d.
  bool active_at(date d) const;
};

struct registry_options {
  std::vector<std::string> task_forces;  ///< unit ids, in report order
  date as_of;                            ///< no stage may be dated after it
};

/// The four 产业专班 of the sample zone, in the scorecard's order:
/// 新材料新能源, 高端装备, 医养健康, 信息技术.
std::vector<std::string> default_task_forces();

class registry {
 public:
  /// Error 719 when the task-force list is empty or holds a duplicate or empty id, or as_of is
  /// not a date.
  explicit registry(registry_options options);
  registry(const registry& other);
  registry(registry&& other) noexcept;
  registry& operator=(registry other) noexcept;
  ~registry();

  const std::vector<std::string>& task_forces() const;
  /// The position of a task force in task_forces(), or nullopt.
  std::optional<std::size_t> task_force_index(std::string_view id) const;
  date as_of() const;
  /// Moves the as-of date; error 716 when a stage is dated after the new date.
  void set_as_of(date d);

  /// Adds a project after check_project(); throws every problem found. Strong guarantee.
  void add(project p);
  /// Moves a project to the next stage on a date. Errors: 712 unknown id, 717 cleared, 714 a stage
  /// at or before its current one (or cleared: use clear()), 713 a skipped stage, 715 before the
  /// current stage's date, 716 after the as-of date. Strong guarantee.
  void advance(std::string_view id, stage to, date on);
  /// Clears (出清) a project at any stage; errors 712, 717 (already cleared), 715, 716. Strong guarantee.
  void clear(std::string_view id, date on);

  std::size_t size() const;
  bool empty() const { return size() == 0; }
  /// O(1) average; nullptr when absent.
  const project* find(std::string_view id) const;
  /// Like find; error 712 when absent.
  const project& at(std::string_view id) const;
  /// Every project, in insertion order.
  std::vector<const project*> all() const;
  /// The projects of a task force whose current stage is s, by id.
  std::vector<const project*> in_stage(std::string_view task_force, stage s) const;
  /// The projects whose current stage is s, entered on a day in [from, to], by that date.
  std::vector<const project*> current_between(stage s, date from, date to) const;

  /// The registry as it stood at the end of day d (<= as_of): stages dated after d are dropped,
  /// projects not yet contacted by then are left out, and as_of becomes d.
  registry snapshot(date d) const;

  struct impl;
  const impl& internals() const { return *impl_; }

 private:
  std::unique_ptr<impl> impl_;
};

/// Every problem add() would report for p, without changing anything (empty when p is valid).
std::vector<problem> check_project(const registry& r, const project& p);

struct load_options {
  std::vector<std::string> task_forces = default_task_forces();
  /// The registry's as-of date; a later stage date is error 716. Default: the latest date in the file.
  std::optional<date> as_of;
};

/// Reads a projects table (columns in docs/projects.md): id and task_force and contacted are
/// required, every other column is optional. Money in 万元 (foreign capital in 万美元) as exact
/// decimals with at most 6 places; flags 0/1 (empty = 0); dates YYYY-MM-DD (empty = not reached).
/// Throws one error listing every problem, each at "file:line:column".
registry read_projects(const cell_table& csv, const load_options& options = {});
registry read_projects(std::string_view csv_text, const std::string& source,
                       const load_options& options = {});
registry read_projects_file(const std::string& path, const load_options& options = {});
/// The problems read_projects would throw, all at once (empty when the table is valid).
std::vector<problem> validate_projects(const cell_table& csv, const load_options& options = {});

/// Writes a registry as a projects table that read_projects reads back to the same registry (every
/// cell as it is: csv_for::reading_back in text/csv.hpp).
std::string write_projects_csv(const registry& r);

namespace detail {
/// A table's amount in 万: "78000.5" -> 78000.5万 exactly (money<Currency>::parse does the
/// arithmetic). The table's format is stricter than the money parser's: plain digits with at
/// most 6 decimals (the fen), no sign, no unit word; error 719 naming `where` otherwise, or when
/// the amount overflows 64 bits of fen. The inverse is to_string(amount, money_unit::wan).
template <class Currency = cny>
money<Currency> parse_wan(std::string_view text, const std::string& where);
extern template cny_money parse_wan<cny>(std::string_view, const std::string&);
extern template usd_money parse_wan<usd>(std::string_view, const std::string&);
}  // namespace detail

}  // namespace zoneperf
