#pragma once
// The compiled form of an indicator tree, shared by the loader and the engine.
#include <string>
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

}  // namespace zoneperf
