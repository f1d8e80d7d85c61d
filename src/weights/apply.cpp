// Applying weights to a tree level, with the points rounding named.
#include "zoneperf/weights/apply.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "../detail/tree_impl.hpp"

namespace zoneperf {
namespace {

bool scored(node_kind k) { return k == node_kind::group || k == node_kind::leaf; }

void check_weights(const std::vector<double>& w, std::string_view where) {
  double sum = 0;
  for (double x : w) {
    if (!std::isfinite(x) || x < 0) {
      throw error(errc::bad_weights, std::string(where),
                  fmt::format("weight {} must be finite and non-negative", x));
    }
    sum += x;
  }
  if (w.empty() || !(sum > 0)) throw error(errc::bad_weights, std::string(where), "the weights add up to 0");
}

// Sets node i's points and apportions them over its scored children, by their current points,
// down to the leaves.
void set_points(detail::tree_editor& edit, const indicator_tree& tree, int i, double points,
                const points_options& options) {
  edit.set_points(static_cast<std::size_t>(i), points);
  const auto& n = tree.node(static_cast<std::size_t>(i));
  std::vector<int> kids;
  std::vector<double> old;
  for (int c : n.children) {
    if (!scored(tree.node(static_cast<std::size_t>(c)).kind)) continue;
    kids.push_back(c);
    old.push_back(tree.node(static_cast<std::size_t>(c)).points);
  }
  if (kids.empty()) return;
  const auto parts = apportion_points(old, points, options);
  for (std::size_t k = 0; k < kids.size(); ++k) set_points(edit, tree, kids[k], parts[k], options);
}

}  // namespace

std::vector<double> apportion_points(const std::vector<double>& weights, double total,
                                     const points_options& options) {
  check_weights(weights, "");
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<double> out(weights.size());
  if (options.rounding == points_rounding::none) {
    for (std::size_t i = 0; i < weights.size(); ++i) out[i] = total * (weights[i] / sum);
    return out;
  }
  if (!(options.step > 0) || !std::isfinite(options.step)) {
    throw error(errc::bad_points_step, "", fmt::format("the points step {} must be positive", options.step));
  }
  const double seats_exact = total / options.step;
  if (!(std::abs(seats_exact) <= 1e15))  // beyond, the seats overflow a count (once negative points)
    throw error(errc::bad_points_step, "",
                fmt::format("the points step {} divides the parent's {} points into more than 10^15 steps",
                            options.step, total));
  const double seats_rounded = std::round(seats_exact);
  if (std::abs(seats_exact - seats_rounded) > 1e-9 * std::max(1.0, std::abs(seats_exact))) {
    throw error(
        errc::bad_points_step, "",
        fmt::format("the points step {} does not divide the parent's {} points", options.step, total));
  }
  const auto seats = static_cast<long long>(seats_rounded);
  std::vector<long long> given(weights.size());
  std::vector<double> remainder(weights.size());
  long long used = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const double quota = weights[i] * static_cast<double>(seats) / sum;
    given[i] = static_cast<long long>(std::floor(quota));
    remainder[i] = quota - static_cast<double>(given[i]);
    used += given[i];
  }
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), 0);
  // Largest remainder first; on a tie the earlier child wins (stable sort keeps file order).
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
  for (std::size_t k = 0; used < seats && k < order.size(); ++k, ++used) ++given[order[k]];
  for (std::size_t i = 0; i < weights.size(); ++i) out[i] = static_cast<double>(given[i]) * options.step;
  return out;
}

indicator_tree apply_weights(const indicator_tree& tree, std::string_view parent_id,
                             const std::vector<std::string>& child_ids, const std::vector<double>& weights,
                             const points_options& options) {
  const auto parent = tree.find(parent_id);
  if (!parent)
    throw error(errc::bad_level, std::string(parent_id), fmt::format("no node '{}' in the tree", parent_id));
  const auto& p = tree.node(*parent);
  if (p.kind != node_kind::root && p.kind != node_kind::group) {
    throw error(errc::bad_level, std::string(parent_id),
                fmt::format("'{}' is a {}: weights apply to the children of the root or of a group",
                            parent_id, to_string(p.kind)));
  }
  if (child_ids.size() != weights.size()) {
    throw error(errc::bad_weights, std::string(parent_id),
                fmt::format("{} names but {} weights", child_ids.size(), weights.size()));
  }
  std::vector<int> kids;
  for (int c : p.children) {
    if (scored(tree.node(static_cast<std::size_t>(c)).kind)) kids.push_back(c);
  }
  std::vector<problem> problems;
  for (const auto& id : child_ids) {
    const bool known = std::any_of(kids.begin(), kids.end(),
                                   [&](int c) { return tree.node(static_cast<std::size_t>(c)).id == id; });
    if (!known) {
      problems.push_back(
          {errc::bad_level, id, fmt::format("'{}' is not a scored child of '{}'", id, parent_id)});
    }
  }
  std::vector<double> w(kids.size());
  for (std::size_t k = 0; k < kids.size(); ++k) {
    const auto& id = tree.node(static_cast<std::size_t>(kids[k])).id;
    const auto it = std::find(child_ids.begin(), child_ids.end(), id);
    if (it == child_ids.end()) {
      problems.push_back(
          {errc::bad_level, id, fmt::format("child '{}' of '{}' has no weight", id, parent_id)});
    } else {
      w[k] = weights[static_cast<std::size_t>(it - child_ids.begin())];
    }
  }
  if (!problems.empty()) throw error(std::move(problems));
  check_weights(w, parent_id);

  detail::tree_editor edit(tree);
  const auto parts = apportion_points(w, p.points, options);
  for (std::size_t k = 0; k < kids.size(); ++k) set_points(edit, tree, kids[k], parts[k], options);
  return edit.build(tree.id() + " (reweighted)");
}

}  // namespace zoneperf
