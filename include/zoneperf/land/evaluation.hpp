#pragma once
/// 亩均效益 evaluation: per-mu metrics → benchmarks and missing-data rules → the assessment engine
/// → A/B/C/D classes.
///
/// Synopsis
///   enum class benchmark_mode { fixed, peer_average, leader };
///   enum class missing_rule { tree, peer_average, deduction };
///   struct land_indicator;   // a tree leaf fed by a metric, its benchmark mode and missing rule
///   struct land_config;      // presets/land/<name>.json: indicators, deduction item, classes
///   land_config land_config_from_json(std::string_view json, std::string_view source);
///   land_config load_land_config(std::string_view preset);          // error 911 if none
///   std::vector<problem> check_land_config(const land_config&, const indicator_tree&);
///   prepared_land_inputs prepare_land_inputs(tree, config, metrics, records, options);
///   land_evaluation evaluate_land(tree, config, records, options);
///   void evaluate_land(tree, config, records, land_evaluation& out, options);  // reuses out's storage
///
/// A land config is the part of a 亩均 preset that the engine does not know: which metric feeds
/// which leaf, how the benchmark is set and what a missing figure is worth. The tree file (the
/// engine's preset of the same name) holds the weights, the rule ("benchmark": score = w·x/b, no
/// cap; lower-is-better max(0, 2 − x/b)), fixed published benchmarks as leaf targets, and the
/// bonus and penalty items. Preprocessing only fills values and targets, then calls assess.
///
/// Benchmark modes: `fixed` takes the leaf's target (or the config's "value"); `peer_average`
/// sets b = k × a peer average, of the prior year (given as data, overridable per run) or of
/// the current run's rated entities, as a per-run target for every unit; `leader` marks a leaf
/// whose tree rule is rank/leader (the best performer earns full marks) and changes nothing.
/// Missing rules: `tree` leaves NaN to the leaf's own policy; `peer_average` fills a missing
/// value with the mean of the rated entities' values of that metric (Huangyan: a missing
/// emission figure scores the peers' average score, a mean of ratios on purpose); `deduction`
/// leaves the value missing (the leaf must score 0 for it: missing "zero") and adds 1 to the
/// named penalty item, whose per_unit is the deduction (Huaian: 3 points per missing figure).
/// Exempt records (class T) are not assessed and take part in no peer average.
#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zoneperf/assess.hpp"
#include "zoneperf/land/classes.hpp"
#include "zoneperf/land/metrics.hpp"
#include "zoneperf/tree.hpp"

namespace zoneperf {

enum class benchmark_mode { fixed, peer_average, leader };
enum class peer_average_of { prior_year, current };
enum class missing_rule { tree, peer_average, deduction };

const char* to_string(benchmark_mode m) noexcept;
const char* to_string(missing_rule m) noexcept;

struct land_indicator {
  std::string leaf;  ///< the tree leaf's id
  land_metric metric = land_metric::tax_per_mu;
  benchmark_mode mode = benchmark_mode::fixed;
  std::optional<double> value;  ///< fixed: overrides the leaf's target
  double k = 1;                 ///< peer_average: b = k × average
  peer_average_of of = peer_average_of::prior_year;
  std::optional<double> prior_average;  ///< peer_average of prior_year: the published average
  missing_rule missing = missing_rule::tree;
};

struct land_config {
  std::string preset;                      ///< the tree preset it goes with ("zj-huangyan")
  std::string name;                        ///< display name
  std::vector<land_indicator> indicators;  ///< one per tree leaf, in any order
  std::string deduction_item;              ///< the penalty item that counts missing figures
  class_scheme classes = default_class_scheme();
};

/// Reads a land config: {"preset", "name", "indicators": [{"leaf", "metric", "benchmark":
/// {"mode": "fixed"[, "value"]} | {"mode": "peer_average", "k", "of": "prior_year"|"current",
/// "prior"} | {"mode": "leader"}, "missing": "tree"|"peer_average"|"deduction"}...],
/// "deduction_item", "classes": <class scheme>}. Throws listing every problem.
land_config land_config_from_json(std::string_view json, std::string_view source = "<land config>");
/// The embedded presets/land/<preset>.json; error 911 when there is none.
land_config load_land_config(std::string_view preset);

/// Every way the config does not fit the tree (error 907): a leaf without an indicator or an
/// indicator without a leaf, a fixed benchmark with no target, a leader mode on a leaf whose
/// rule is not rank/leader, a deduction on a leaf whose missing policy is not "zero", a
/// deduction item that is not a penalty of the tree.
std::vector<problem> check_land_config(const land_config& c, const indicator_tree& t);

struct land_options {
  /// Prior-year peer averages by leaf id, overriding the config's "prior" values.
  std::vector<std::pair<std::string, double>> prior_averages;
  int threads = 1;                      ///< the engine's worker threads
  node_scores keep = node_scores::all;  ///< node scores the assessment keeps
};

/// A value the preprocessing filled in or a benchmark it set, for the report.
struct land_fill {
  std::string leaf;
  std::string unit;  ///< "" for a benchmark (it applies to every unit)
  std::string what;  ///< "peer average 1234.5", "benchmark 2 × prior-year average 10 = 20"
  double value = 0;
};

/// The engine's inputs for the rated records.
struct prepared_land_inputs {
  std::vector<std::size_t> rated;          ///< record index of each assessed row, input order
  std::vector<std::string> unit_ids;       ///< their ids
  Eigen::MatrixXd values;                  ///< rated × tree.columns(), NaN = missing
  std::vector<std::string> target_leaves;  ///< leaves with a per-run benchmark
  Eigen::MatrixXd targets;                 ///< rated × target_leaves
  std::vector<land_fill> fills;            ///< every peer-average fill and per-run benchmark
  /// The target table over `targets` (valid while this object lives and is not moved).
  target_table table() const;
};

/// Values and targets for assess. `metrics` holds compute_metrics of each record. Throws 905 when
/// a peer average has no value to average, 906 when a prior-year average is not given, 907 when
/// the config does not fit the tree.
prepared_land_inputs prepare_land_inputs(const indicator_tree& tree, const land_config& config,
                                         const std::vector<land_metrics>& metrics,
                                         const std::vector<land_record>& records,
                                         const land_options& options = {});
/// As above, into `out`, reusing its storage.
void prepare_land_inputs(const indicator_tree& tree, const land_config& config,
                         const std::vector<land_metrics>& metrics, const std::vector<land_record>& records,
                         prepared_land_inputs& out, const land_options& options = {});

struct land_evaluation {
  std::vector<land_metrics> metrics;  ///< per record
  std::vector<std::ptrdiff_t> row;    ///< per record: its assessment row, -1 when exempt
  prepared_land_inputs inputs;
  assessment result;               ///< rows = inputs.rated (its ranks are off: see rank)
  std::vector<std::int32_t> rank;  ///< per record: competition rank among the rated, 0 when exempt
  land_classes classes;            ///< per record (exempt → the exempt class)
  land_metrics zone;               ///< ratios of sums over every record
  /// The record's total score, NaN when exempt.
  double score(std::size_t record) const;
};

/// Metrics, preprocessing, assessment and classes in one call. Every bad record is reported at
/// once (errors 901..904, each naming the record). Classes come from the engine's competition
/// ranks (no second sort). O(n log n) for the ranks, O(n) for the rest.
land_evaluation evaluate_land(const indicator_tree& tree, const land_config& config,
                              const std::vector<land_record>& records, const land_options& options = {});
/// As above, into `out`, reusing its storage across calls (what a batch of jurisdictions wants).
void evaluate_land(const indicator_tree& tree, const land_config& config,
                   const std::vector<land_record>& records, land_evaluation& out,
                   const land_options& options = {});

}  // namespace zoneperf
