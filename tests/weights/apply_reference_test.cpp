// apply_weights edits a copy of the compiled tree (detail::tree_editor); it once reweighted through
// JSON (to_json, edit the points, from_json). That JSON path is kept here, as the reference: for
// every preset, level, weight vector and rounding the two give the same tree byte for byte, or the
// same error; and the editor reports a broken tree exactly as from_json reports the edited file.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "../../src/detail/tree_impl.hpp"  // detail::tree_editor, private to the library
#include "zoneperf/presets.hpp"
#include "zoneperf/weights/apply.hpp"

using namespace zoneperf;

namespace {

using json = nlohmann::ordered_json;

bool scored(node_kind k) { return k == node_kind::group || k == node_kind::leaf; }

// ---- the former JSON path of src/weights/apply.cpp ----

json& json_of(json& root, const indicator_tree& tree, int i) {
  std::vector<int> path;
  for (int k = i; k > 0; k = tree.node(static_cast<std::size_t>(k)).parent) path.push_back(k);
  json* at = &root;
  for (auto it = path.rbegin(); it != path.rend(); ++it) {
    const auto& parent = tree.node(static_cast<std::size_t>(tree.node(static_cast<std::size_t>(*it)).parent));
    const auto pos = static_cast<std::size_t>(std::find(parent.children.begin(), parent.children.end(), *it) -
                                              parent.children.begin());
    at = &(*at)["children"][pos];
  }
  return *at;
}

void json_set_points(json& root, const indicator_tree& tree, int i, double points,
                     const points_options& options) {
  json_of(root, tree, i)["points"] = points;
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
  for (std::size_t k = 0; k < kids.size(); ++k) json_set_points(root, tree, kids[k], parts[k], options);
}

// The level checks are apply_weights' own (unchanged); this reference takes the weights in the
// children's order.
indicator_tree json_apply_weights(const indicator_tree& tree, int parent, const std::vector<double>& w,
                                  const points_options& options) {
  const auto& p = tree.node(static_cast<std::size_t>(parent));
  std::vector<int> kids;
  for (int c : p.children)
    if (scored(tree.node(static_cast<std::size_t>(c)).kind)) kids.push_back(c);
  json doc = json::parse(tree.to_json());
  const auto parts = apportion_points(w, p.points, options);
  for (std::size_t k = 0; k < kids.size(); ++k) json_set_points(doc, tree, kids[k], parts[k], options);
  return indicator_tree::from_json(doc.dump(2), tree.id() + " (reweighted)");
}

// ---- comparing ----

struct outcome {
  std::optional<indicator_tree> tree;
  std::vector<problem> problems;
};

outcome run(const std::function<indicator_tree()>& f) {
  outcome o;
  try {
    o.tree = f();
  } catch (const error& e) {
    o.problems = e.problems();
  }
  return o;
}

std::string describe(const std::vector<problem>& ps) {
  std::string s;
  for (const auto& p : ps) s += format_problem(p) + "\n";
  return s;
}

void expect_same(const outcome& got, const outcome& want, const std::string& what) {
  ASSERT_EQ(got.tree.has_value(), want.tree.has_value())
      << what << "\ngot: " << describe(got.problems) << "want: " << describe(want.problems);
  if (!want.tree) {
    ASSERT_EQ(describe(got.problems), describe(want.problems)) << what;
    for (std::size_t k = 0; k < want.problems.size(); ++k)
      ASSERT_EQ(got.problems[k].code, want.problems[k].code) << what;
    return;
  }
  const auto& a = *got.tree;
  const auto& b = *want.tree;
  ASSERT_EQ(a.to_json(), b.to_json()) << what;
  ASSERT_EQ(a.to_json(-1), b.to_json(-1)) << what;
  ASSERT_EQ(a.size(), b.size()) << what;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double pa = a.node(i).points, pb = b.node(i).points;
    ASSERT_EQ(std::memcmp(&pa, &pb, sizeof pa), 0)
        << what << ", node " << a.node(i).id << ": " << pa << " / " << pb;
    ASSERT_EQ(a.node(i).pointer, b.node(i).pointer) << what;
    ASSERT_EQ(a.node(i).column, b.node(i).column) << what;
    ASSERT_EQ(a.node(i).children, b.node(i).children) << what;
  }
  ASSERT_EQ(a.columns(), b.columns()) << what;
  ASSERT_EQ(a.groups(), b.groups()) << what;
}

TEST(apply_reference_test, every_preset_reweights_as_through_json) {
  const points_options roundings[] = {{points_rounding::largest_remainder, 1},
                                      {points_rounding::largest_remainder, 0.5},
                                      {points_rounding::largest_remainder, 0.1},
                                      {points_rounding::largest_remainder, 0.25},
                                      {points_rounding::largest_remainder, 3},  // often does not divide
                                      {points_rounding::none, 1}};
  std::mt19937_64 rng(7);
  std::size_t trees = 0, errors = 0;
  ASSERT_FALSE(preset_names().empty());
  for (const auto& name : preset_names()) {
    const auto tree = load_preset(name);
    for (std::size_t i = 0; i < tree.size(); ++i) {
      const auto& p = tree.node(i);
      if (p.kind != node_kind::root && p.kind != node_kind::group) continue;
      std::vector<std::string> ids;
      for (int c : p.children)
        if (scored(tree.node(static_cast<std::size_t>(c)).kind))
          ids.push_back(tree.node(static_cast<std::size_t>(c)).id);
      const std::size_t k = ids.size();
      std::vector<std::vector<double>> weight_sets;
      weight_sets.emplace_back(k, 1.0);
      std::vector<double> w(k);
      for (std::size_t j = 0; j < k; ++j) w[j] = static_cast<double>(j + 1);
      weight_sets.push_back(w);
      for (std::size_t j = 0; j < k; ++j) w[j] = 1.0 / static_cast<double>(j + 3);
      weight_sets.push_back(w);
      std::uniform_real_distribution<double> d(0, 1);
      for (int r = 0; r < 2; ++r) {
        for (auto& x : w) x = d(rng);
        weight_sets.push_back(w);
      }
      if (k > 1) {  // a child weighted 0: its subtree gets 0 points
        std::vector<double> z(k, 2.0);
        z[0] = 0;
        weight_sets.push_back(z);
      }
      for (std::size_t s = 0; s < weight_sets.size(); ++s) {
        for (const auto& o : roundings) {
          const std::string what = name + ", level " + p.id + ", weights #" + std::to_string(s) + ", step " +
                                   std::to_string(o.step) +
                                   (o.rounding == points_rounding::none ? " (unrounded)" : "");
          const auto got = run([&] { return apply_weights(tree, p.id, ids, weight_sets[s], o); });
          const auto want =
              run([&] { return json_apply_weights(tree, static_cast<int>(i), weight_sets[s], o); });
          expect_same(got, want, what);
          if (HasFatalFailure()) return;
          ++(want.tree ? trees : errors);
        }
      }
    }
  }
  // Both outcomes were compared: many trees, and some errors (a step that does not divide).
  EXPECT_GT(trees, 100u);
  EXPECT_GT(errors, 0u);
}

// The editor's checks equal from_json's on the edited file: sums that do not add up, negative
// and non-finite points, several problems at once, in the loader's order.
TEST(apply_reference_test, the_editor_reports_a_broken_tree_as_from_json_reports_the_file) {
  const auto tree = load_preset("task-force");
  const auto at = [&](const char* id) { return static_cast<int>(tree.index_of(id)); };
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  const std::vector<std::vector<std::pair<int, double>>> edits = {
      {},                                                          // unchanged: valid
      {{at("intent_projects"), 9}},                                // attraction's leaves add up to 26
      {{at("intent_projects"), -1}, {at("signed_projects"), 17}},  // negative, sum still right
      {{at("attraction"), 30}},                                    // the root and attraction both off
      {{at("signed_investment"), nan}},                            // written as null
      {{at("task-force"), inf}, {at("delivery"), 1e300}},
      {{at("intent_projects"), 8.0000001}},  // 1e-7 over: outside the tolerance (1e-9 x 25 points)
      {{at("intent_projects"), 8 + 1e-12}},  // inside it
  };
  for (std::size_t e = 0; e < edits.size(); ++e) {
    const auto got = run([&] {
      detail::tree_editor ed(tree);
      for (const auto& [i, v] : edits[e]) ed.set_points(static_cast<std::size_t>(i), v);
      return ed.build("edited");
    });
    const auto want = run([&] {
      json doc = json::parse(tree.to_json());
      for (const auto& [i, v] : edits[e]) json_of(doc, tree, i)["points"] = v;
      return indicator_tree::from_json(doc.dump(2), "edited");
    });
    expect_same(got, want, "edit #" + std::to_string(e));
    EXPECT_EQ(got.tree.has_value(), e == 0 || e == 7) << "edit #" << e;
  }
}

}  // namespace
