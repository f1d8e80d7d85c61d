#pragma once
// The compiled form of an indicator tree, shared by the loader, the engine and the weights (private
// to the library: the public header keeps it opaque).
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

namespace detail {

/// The library's own access to a tree's compiled form (indicator_tree befriends it).
struct tree_access {
  using impl = indicator_tree::impl;
  static const impl& internals(const indicator_tree& t) { return *t.impl_; }
  static indicator_tree make(std::shared_ptr<const impl> p) { return indicator_tree(std::move(p)); }
};
using tree_impl = tree_access::impl;

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
  std::shared_ptr<tree_impl> impl_;
};

}  // namespace detail

}  // namespace zoneperf
