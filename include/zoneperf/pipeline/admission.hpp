#pragma once
/// Project admission (入区项目评价赋分): hard gates, then the `admission` scorecard (docs/semantics.md §5).
///
/// Synopsis
///   struct candidate;                 // one project asking to enter the zone
///   std::vector<candidate> read_candidates(const cell_table&);   // columns in docs/projects.md
///   struct admission_options;         // gates (300 万元/亩 investment, 10 万元/亩 tax), pass mark
///   struct admission_decision;        // admitted or rejected, every dimension's points, reasons
///   std::vector<admission_decision> admit(const std::vector<candidate>&, const indicator_tree& tree,
///                                         const admission_options& = {});
///   std::vector<admission_decision> admit(const std::vector<candidate>&);  // the admission preset
///   Eigen::MatrixXd admission_values(const indicator_tree&, const std::vector<candidate>&);
///
/// Gates first (each configurable, checked by the land module's check_land_gates): total
/// investment ÷ land < 300 万元/亩, or promised tax < 10 万元/亩, rejects the project outright (its
/// points are still computed, for the record). Then
/// the engine scores every candidate on the tree; a veto (a blacklisted investor, a prohibited
/// industry, a rejected environmental assessment) rejects it whatever its points; a total below
/// the pass mark (default: the tree's top grade, 60) rejects it; the rest are admitted and go to
/// the review meeting (上会).
///
/// Leaf values: credit and industry_fit take the candidate's codes (their index in the lookup
/// table, indicator_tree::code_value); talent_technology = rd_share; investment_intensity = total
/// investment ÷ land (万元/亩); tax_per_mu = promised tax per mu; investment_scale = total investment
/// in 亿元; output = output_per_mu; jobs; energy = energy_per_output; chain_fit = local_supply;
/// eia_rejected = 0/1. Any other column of the tree takes the candidate column with its id.
#include <Eigen/Core>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "zoneperf/pipeline/errc.hpp"
#include "zoneperf/pipeline/registry.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/tree.hpp"

namespace zoneperf {

struct candidate {
  std::string id;
  std::string name;
  std::string task_force;
  std::string credit;        ///< A, B, C or blacklist
  std::string industry_fit;  ///< leading, related, other or prohibited
  double rd_share = 0;       ///< R&D spending / revenue, %
  cny_money total_investment;
  area land;
  double promised_tax_per_mu = 0;  ///< 万元/亩
  double output_per_mu = 0;        ///< 万元/亩 at full production
  double jobs = 0;
  double energy_per_output = 0;  ///< tce per 万元 of output
  double local_supply = 0;       ///< %
  bool eia_rejected = false;
  /// Columns the table had beyond the ones above (id, text), for trees with other leaves.
  std::vector<std::pair<std::string, std::string>> extra;
  std::string where;  ///< "candidates.csv:3" when read from a table

  /// Total investment ÷ land, 万元/亩 (NaN without land).
  double investment_per_mu() const;
};

/// Reads a candidates table. Required: id, total_investment (万元), land_area (亩),
/// promised_tax_per_mu; the others default to empty (a missing value for the engine) except
/// eia_rejected (0). Errors name file, line and column.
std::vector<candidate> read_candidates(const cell_table& csv);
std::vector<candidate> read_candidates_file(const std::string& path);

struct admission_options {
  double min_investment_per_mu = 300;  ///< 万元/亩, total investment ÷ land
  double min_tax_per_mu = 10;          ///< 万元/亩, promised
  std::optional<double> pass_mark;     ///< default: the tree's top grade's min (60 for the preset)
};

enum class verdict { admitted, rejected };
const char* to_string(verdict) noexcept;

struct dimension_points {
  std::string id;
  std::string name;
  double actual = 0;  ///< the leaf's value (a code's index for lookups)
  double points = 0;
  double max = 0;
};

struct admission_decision {
  std::string id;
  std::string name;
  std::string task_force;
  verdict result = verdict::rejected;
  double points = 0;  ///< Σ of the dimensions' points
  double total = 0;   ///< the engine's total (0 when vetoed)
  bool gate_failed = false;
  bool vetoed = false;
  std::vector<dimension_points> dimensions;  ///< every leaf, in the tree's order
  std::vector<std::string> reasons;          ///< why it was rejected (empty when admitted)
};

/// The values matrix (candidates x tree.columns()) that admit() scores.
Eigen::MatrixXd admission_values(const indicator_tree& tree, const std::vector<candidate>& candidates);

std::vector<admission_decision> admit(const std::vector<candidate>& candidates, const indicator_tree& tree,
                                      const admission_options& options = {});
/// With the embedded `admission` preset.
std::vector<admission_decision> admit(const std::vector<candidate>& candidates,
                                      const admission_options& options = {});

}  // namespace zoneperf
