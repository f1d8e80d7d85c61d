#pragma once
// The compiled form of an indicator tree, shared by the loader and the engine.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "zoneperf/tree.hpp"

namespace zoneperf {

struct indicator_tree::impl {
  std::vector<struct node> nodes;  // pre-order; 0 is the root
  std::vector<int> columns;        // leaves and items, file order
  std::vector<int> groups;         // root's scored children
  std::vector<int> post_order;     // scored nodes (leaves and groups), children first
  std::vector<int> bonuses, penalties, vetoes;
  std::vector<grade> grades;
  std::unordered_map<std::string, int> by_id;
};

indicator_tree detail_make_tree(std::shared_ptr<const indicator_tree::impl> p);

namespace detail {

/// A tree builder that starts from an existing tree: a copy of its compiled nodes, edited in place
/// (weights/apply sets points), then checked and compiled again without a trip through JSON.
class tree_editor {
 public:
  explicit tree_editor(const indicator_tree& t);
  /// Sets node i's points (its children keep theirs).
  void set_points(std::size_t i, double points);
  /// The edited tree. Checks what setting points can break, with the problems (codes, pointers,
  /// messages, "<source>:" prefix) from_json would report for the edited file: points finite and
  /// not negative, a group's scored children adding up to its points. Throws zoneperf::error.
  indicator_tree build(std::string_view source) const;

 private:
  std::shared_ptr<indicator_tree::impl> impl_;
};

}  // namespace detail

}  // namespace zoneperf
