#pragma once
/// The pay module's inputs: the staff roster, the task forces' scorecard, the award events.
///
/// Synopsis
///   struct staff_member;   // id, name, task_force, team, job_level, baseline, score, weight
///   std::vector<staff_member> read_staff(const cell_table&);       read_staff_file(path)
///   struct scorecard_unit; struct scorecard_summary;                // grade and leaf ratios per unit id
///   scorecard_summary summary_of(const scorecard&);                 // what pay takes of a scorecard
///   struct award_event;    // task_force, team, kind, count
///   std::vector<award_event> read_events(const cell_table&);        read_events_file(path)
///
/// Staff CSV header (any order): id, name, task_force, team, job_level, baseline, score[, weight].
/// baseline is the annual baseline pay in yuan, an exact decimal with at most 2 places (万 and 亿
/// suffixes are accepted); score is the performance score; weight is the contribution weight used
/// to split awards (an exact decimal with at most 4 places ≥ 0, default 1 when the column or the
/// cell is empty). job_level is the person's job level (职级), kept for the report: it is not the
/// task force's assessment grade. Every problem of the file is reported at once, each at
/// file:line:column.
///
/// A scorecard (scorecard.hpp; a file is read by io/report.hpp's read_scorecard) gives pay each
/// task force's grade label, veto flag and, for the units it explains, the leaves' ratios.
///
/// Events CSV header: task_force, team, kind, count. An empty team means the whole task force.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "zoneperf/pay/errc.hpp"
#include "zoneperf/scorecard.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/units/money.hpp"

namespace zoneperf {

struct staff_member {
  std::string id;
  std::string name;
  std::string task_force;  ///< the scorecard's unit id
  std::string team;
  std::string job_level;  ///< 职级 (not the task force's grade)
  cny_money baseline;     ///< annual baseline pay (管委会同类人员标准)
  double score = 0;       ///< performance score
  exact_ratio weight{1};  ///< contribution weight for awards
  std::string where;      ///< "staff.csv:4" for messages
};

std::vector<staff_member> read_staff(const cell_table& table);
std::vector<staff_member> read_staff_file(const std::string& path);

struct scorecard_unit {
  std::string id;
  std::string grade;  ///< the grade label, e.g. 优秀
  bool veto = false;
  /// leaf id -> completion ratio (nullopt when the report wrote null); empty without explanations.
  std::vector<std::pair<std::string, std::optional<double>>> leaf_ratios;
  bool has_leaves = false;

  const std::optional<double>* ratio(std::string_view leaf) const;
};

struct scorecard_summary {
  std::string source;
  std::vector<scorecard_unit> units;
  const scorecard_unit* find(std::string_view id) const;
};

scorecard_summary summary_of(const scorecard& card);

struct award_event {
  std::string task_force;
  std::string team;  ///< empty: the whole task force
  std::string kind;
  std::int64_t count = 0;
  std::string where;  ///< "events.csv:3"
};

std::vector<award_event> read_events(const cell_table& table);
std::vector<award_event> read_events_file(const std::string& path);

}  // namespace zoneperf
