#pragma once
// The parsed inputs of the reports (include/zoneperf/io/reports.hpp), shared by the writers.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "periods.hpp"
#include "zoneperf/io/reports.hpp"
#include "zoneperf/tree.hpp"

namespace zoneperf::detail {

using rjson = nlohmann::ordered_json;

struct rep_leaf {
  int node = -1;     // tree index
  int group = -1;    // index into report_model::groups, -1 for bonus/penalty/veto items
  std::string rule;  // "completion", ..., or "bonus"/"penalty"/"veto"
  std::string target_source;
  double actual = 0, target = 0, ratio = 0, fraction = 0, points = 0, max = 0;  // NaN when null
  bool capped = false, vetoes = false;
};

struct rep_group {
  double score = 0, max = 0, rate = 0;
  bool all_missing = false;  // every child was missing under the reweight policy
};

struct rep_unit {
  std::string id;
  double total = 0;
  std::optional<int> rank;
  std::string grade;  // "" when none
  bool veto = false;
  std::vector<rep_group> groups;  // per report_model::groups
  std::vector<rep_leaf> leaves;   // in the tree's column order
};

/// The robustness section (`zoneperf uncertainty --format json`): the settings as shown, and per
/// unit its ranks and shares (NaN where the JSON has none).
struct shown_rank {
  double value = 0;  ///< for the order and the chart (NaN when not a number)
  std::string text;  ///< as shown ("" when absent)
};
struct uncertainty_unit {
  std::string unit;
  shown_rank nominal, median, p05, p95;
  double p_rank_1 = 0, p_top_k = 0;
};
struct uncertainty_view {
  std::string method, samples, top_k;  ///< as shown ("" when absent)
  std::optional<std::string> percent;  ///< the uniform method's ±percent
  std::optional<std::string> seed;
  std::vector<uncertainty_unit> units;  ///< in the input's order
};

struct report_model {
  explicit report_model(indicator_tree t) : tree(std::move(t)) {}
  indicator_tree tree;
  std::string title;
  report_lang lang = report_lang::zh;
  std::vector<int> groups;  // tree indices of the root's scored children
  std::vector<rep_unit> units;
  rjson pay, land, projects;  // null when not given (the documents their JSON holds)
  std::optional<uncertainty_view> uncertainty;
  std::optional<series_view> series;  // the sections over periods (periods.hpp)
  std::optional<faces_year_view> faces_year;
  std::optional<migration_view> migration;

  const node& nd(int i) const { return tree.node(static_cast<std::size_t>(i)); }
  /// Index of a grade label in the tree's grades (-1 when none).
  int grade_index(const std::string& label) const;
};

/// A JSON number or NaN for null.
double num_or_nan(const rjson& j);
/// A JSON value as display text (strings as they are, numbers shortest, null "").
std::string text_of(const rjson& j);
/// Numbers for people: fixed(v, decimals), "-" for NaN.
std::string show(double v, int decimals = 2);

/// The projects section: one row per task force with its face.
struct face_row {
  std::string task_force;
  std::string face;  // "😊", "😢" or ""
  struct figure {
    std::string label;
    double actual = 0, target = 0;  // NaN when absent
    std::string text() const;       // "actual/target"
  };
  std::vector<figure> figures;
  std::string missed;                     // the items joined with "; "
  std::vector<std::string> missed_items;  // "intent 1 < 2", ...
  std::size_t missed_count = 0;
};
struct faces_view {
  std::string period;
  std::vector<std::string> columns;  // figure labels
  std::vector<face_row> rows;
};
faces_view faces_of(const rjson& projects);

}  // namespace zoneperf::detail

namespace zoneperf {
/// What a report_data holds (private to it and the writers it befriends, which read it as the
/// detail::report_model it is).
struct report_data::model : detail::report_model {
  using detail::report_model::report_model;
};
}  // namespace zoneperf
