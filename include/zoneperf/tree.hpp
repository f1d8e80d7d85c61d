#pragma once
/// Indicator trees: the scorecard that the assessment engine scores (docs/semantics.md §4).
///
/// Synopsis
///   enum class node_kind { root, group, leaf, bonus, penalty, veto };
///   enum class direction { higher_is_better, lower_is_better };
///   enum class rule_kind { completion, banded, threshold, benchmark, goalposts, minmax, rank, lookup };
///   enum class missing_policy { error, zero, reweight };
///   enum class aggregation { sum, geometric };
///   struct rule; struct node; struct grade;
///   class indicator_tree;          // immutable, cheap to copy, safe to share between threads
///   class tree_builder;            // builds a tree in code, validated like a file
///   std::vector<problem> validate_tree_json(std::string_view json, std::string_view source);
///
/// A tree file is JSON: a root {"id","name","points","grades","children"} whose children are
/// groups {"id","name","points","children"[, "aggregate": "geometric", "floor"]}, leaves
/// {"id","name","points","direction","unit","rule","target","missing"} and, directly under the root,
/// items {"id","name","kind": "bonus"|"penalty"|"veto", "per_unit","max","missing"}. Leaves (not
/// lookups) and items may say "additive": "count"|"amount" (values that add up over a year).
/// Rules: {"kind":"completion"[,"cap"]}, {"kind":"banded","bands":[{"min","value"}...]
/// (descending min)[,"interpolate":true]}, {"kind":"threshold"}, {"kind":"benchmark"[,"cap"]},
/// {"kind":"goalposts","lo","hi"}, {"kind":"minmax"[,"floor"]}, {"kind":"rank"[,"step"|"mode":"leader"]},
/// {"kind":"lookup","table":{"A":1,...}[,"veto":["blacklist"]]}.
/// A leaf's "unit" names what its values measure ("个", "亿元", "%", "fraction"): table headers may
/// carry it in a bracket, and a percentage cell reads only in a leaf whose unit is "%" or "fraction"
/// (zoneperf/io/tables.hpp). A "description" key is accepted on any node as documentation and kept on save.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "zoneperf/error.hpp"

namespace zoneperf {

namespace detail {
struct tree_access;
}

enum class node_kind { root, group, leaf, bonus, penalty, veto };
enum class direction { higher_is_better, lower_is_better };
enum class rule_kind { completion, banded, threshold, benchmark, goalposts, minmax, rank, lookup };
enum class missing_policy { error, zero, reweight };
enum class aggregation { sum, geometric };
enum class rank_mode { step, leader };
/// Whether an item adds up over the periods of a year (docs/semantics.md, periods): a count (a
/// cumulative count never falls) or an amount (it may fall: a revision); none for rates, ratios,
/// scores and codes.
enum class additive_kind { none, count, amount };

const char* to_string(node_kind) noexcept;
const char* to_string(direction) noexcept;
const char* to_string(rule_kind) noexcept;
const char* to_string(missing_policy) noexcept;
const char* to_string(additive_kind) noexcept;

/// True for the rules that divide by a target (completion, banded, threshold, benchmark).
bool uses_target(rule_kind) noexcept;

struct band {
  double min = 0;    ///< the ratio floor of the band
  double value = 0;  ///< the fraction earned at or above the floor
};

struct lookup_entry {
  std::string code;
  double value = 0;
};

/// A leaf's scoring rule. Only the fields of its kind are meaningful.
struct rule {
  rule_kind kind = rule_kind::completion;
  std::optional<double> cap;            ///< completion (default 1.0), benchmark (default none)
  std::vector<band> bands;              ///< banded, in descending `min`
  bool interpolate = false;             ///< banded
  double lo = 0, hi = 1;                ///< goalposts
  double floor = 0;                     ///< minmax
  rank_mode mode = rank_mode::step;     ///< rank
  double step = 0.1;                    ///< rank
  std::vector<lookup_entry> table;      ///< lookup: code -> fraction; a value holds the code's index
  std::vector<std::string> veto_codes;  ///< lookup: codes that veto the unit (indices after the table)
};

struct grade {
  double min = 0;
  std::string label;
};

/// A node of a compiled tree. Indices refer to indicator_tree::node(i).
struct node {
  std::string id;
  std::string name;         ///< UTF-8 display name
  std::string pointer;      ///< JSON pointer of the node in its file ("" for the root)
  std::string description;  ///< optional documentation ("description" key), kept on save
  node_kind kind = node_kind::leaf;
  double points = 0;  ///< maximum points (0 for bonus, penalty and veto: see max)
  int parent = -1;
  std::vector<int> children;
  int depth = 0;  ///< root 0, groups 1
  // leaves
  direction dir = direction::higher_is_better;
  struct rule rule;
  std::string unit;  ///< the leaf's unit ("unit" key: "亿元", "%", "fraction"), folded; "" when not given
  std::optional<double> target;  ///< default target (or benchmark)
  missing_policy missing = missing_policy::error;
  int column = -1;                               ///< column in the values matrix (leaves and items), else -1
  additive_kind additive = additive_kind::none;  ///< leaves and items ("additive" key)
  // groups
  aggregation aggregate = aggregation::sum;
  double geometric_floor = 0;
  // bonus and penalty
  double per_unit = 0;
  double max = 0;
};

class indicator_tree {
 public:
  /// Parses and validates a tree file; throws zoneperf::error listing every problem.
  static indicator_tree from_json(std::string_view json, std::string_view source = "<tree>");
  /// Reads a tree file from disk (error 401 when it cannot be opened).
  static indicator_tree from_file(const std::string& path);

  /// The tree as JSON in the file shape; from_json(to_json()) gives an identical tree.
  std::string to_json(int indent = 2) const;

  const std::string& id() const;
  const std::string& name() const;
  double points() const;
  std::size_t size() const;                      ///< number of nodes, root included
  const struct node& node(std::size_t i) const;  ///< 0 is the root; pre-order (file) order
  /// The index of the node with this id; throws error 304 when there is none.
  std::size_t index_of(std::string_view id) const;
  std::optional<std::size_t> find(std::string_view id) const;

  /// The values matrix's columns: every leaf, bonus, penalty and veto item, in file order.
  const std::vector<int>& columns() const;
  /// The root's scored children (the "groups" of a scorecard), in file order.
  const std::vector<int>& groups() const;
  const std::vector<grade>& grades() const;
  const std::string& description() const;

  /// The code index for a lookup leaf's value matrix cell; throws error 312 for an unknown code.
  double code_value(std::string_view leaf_id, std::string_view code) const;

 private:
  struct impl;  // the compiled form, private to the library (src/detail/tree_impl.hpp)
  explicit indicator_tree(std::shared_ptr<const impl> p) : impl_(std::move(p)) {}
  std::shared_ptr<const impl> impl_;
  friend struct detail::tree_access;
};

/// Every problem of a tree file at once (empty when the file is valid).
std::vector<problem> validate_tree_json(std::string_view json, std::string_view source = "<tree>");

/// Builds a tree in code. Each add names its parent by id ("" or the root's id for the root).
/// build() validates exactly like a file and throws zoneperf::error listing every problem.
class tree_builder {
 public:
  tree_builder(std::string id, std::string name, double points);
  tree_builder& grades(std::vector<grade> g);
  tree_builder& group(std::string_view parent, std::string id, std::string name, double points,
                      aggregation agg = aggregation::sum, double geometric_floor = 0);
  tree_builder& leaf(std::string_view parent, std::string id, std::string name, double points, struct rule r,
                     direction d = direction::higher_is_better, std::optional<double> target = std::nullopt,
                     missing_policy missing = missing_policy::error);
  tree_builder& bonus(std::string id, std::string name, double per_unit, double max);
  tree_builder& penalty(std::string id, std::string name, double per_unit, double max);
  tree_builder& veto(std::string id, std::string name);
  indicator_tree build() const;

 private:
  struct spec;
  std::shared_ptr<spec> spec_;
};

}  // namespace zoneperf
