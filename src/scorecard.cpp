#include "zoneperf/scorecard.hpp"

#include <numeric>

namespace zoneperf {

std::optional<std::size_t> scorecard::find(std::string_view unit) const {
  for (std::size_t u = 0; u < units.size(); ++u)
    if (units[u] == unit) return u;
  return std::nullopt;
}

std::string_view scorecard::grade_label(std::size_t unit) const {
  const int g = result.grade(static_cast<std::ptrdiff_t>(unit));
  return g < 0 ? std::string_view() : std::string_view(tree.grades()[static_cast<std::size_t>(g)].label);
}

const leaf_explanation* scorecard::leaf(std::size_t unit, std::string_view id) const {
  if (unit >= leaves.size()) return nullptr;
  for (const auto& e : leaves[unit])
    if (e.id == id) return &e;
  return nullptr;
}

scorecard make_scorecard(indicator_tree tree, matrix_view values, const target_table* targets,
                         std::vector<std::string> units, explained which, const assess_options& options) {
  scorecard s{std::move(tree), std::move(units), {}, {}};
  assess_options o = options;
  o.unit_ids = &s.units;
  assess(s.tree, values, targets, s.result, o);
  if (which == explained::all) {
    std::vector<std::size_t> all(s.units.size());
    std::iota(all.begin(), all.end(), std::size_t{0});
    s.leaves = explain(s.tree, values, targets, all, o);
  } else {
    s.leaves.resize(s.units.size());
  }
  return s;
}

}  // namespace zoneperf
