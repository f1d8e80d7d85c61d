#pragma once
/// A scorecard: one assessment as a value, with its tree, its unit ids and the explained leaves.
/// `make_scorecard` builds it from values (assess + explain); the io floor writes it as JSON, CSV
/// and Markdown and reads it back from a scorecard file (io/report.hpp); pay and the reports take
/// it as it is.
///
/// Synopsis
///   struct scorecard;                 // tree, units, result, leaves
///   enum class explained { none, all };
///   scorecard make_scorecard(indicator_tree, matrix_view values, const target_table*,
///                            std::vector<std::string> units, explained = explained::all,
///                            const assess_options& = {});
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zoneperf/assess.hpp"
#include "zoneperf/tree.hpp"

namespace zoneperf {

struct scorecard {
  indicator_tree tree;
  std::vector<std::string> units;  ///< one id per row of the result, unique
  assessment result;
  /// Per unit, its leaves and items explained in column order; empty when it was not explained.
  std::vector<std::vector<leaf_explanation>> leaves;

  /// The row of a unit id (a linear search: for lookups of a few units).
  std::optional<std::size_t> find(std::string_view unit) const;
  /// The grade label of a unit, or "" when it has none.
  std::string_view grade_label(std::size_t unit) const;
  /// The explanation of one leaf or item of a unit, or nullptr when it was not explained.
  const leaf_explanation* leaf(std::size_t unit, std::string_view id) const;
};

enum class explained { none, all };

/// Scores the units (assess) and explains every leaf of every unit when asked (explain).
/// options.unit_ids is set to `units` for messages.
scorecard make_scorecard(indicator_tree tree, matrix_view values, const target_table* targets,
                         std::vector<std::string> units, explained which = explained::all,
                         const assess_options& options = {});

}  // namespace zoneperf
