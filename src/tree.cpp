// Indicator trees: JSON loading with full validation, the accessors, and the editor (saving and the
// builder are in tree_save.cpp).
#include "zoneperf/tree.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "detail/tree_impl.hpp"
#include "text/json_syntax.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/headers.hpp"
#include "zoneperf/text/number.hpp"

namespace zoneperf {

using json = nlohmann::ordered_json;

const char* to_string(node_kind k) noexcept {
  switch (k) {
    case node_kind::root:
      return "root";
    case node_kind::group:
      return "group";
    case node_kind::leaf:
      return "leaf";
    case node_kind::bonus:
      return "bonus";
    case node_kind::penalty:
      return "penalty";
    case node_kind::veto:
      return "veto";
  }
  return "?";
}
const char* to_string(additive_kind a) noexcept {
  return a == additive_kind::count ? "count" : a == additive_kind::amount ? "amount" : "none";
}
const char* to_string(direction d) noexcept { return d == direction::lower_is_better ? "lower" : "higher"; }
const char* to_string(rule_kind k) noexcept {
  switch (k) {
    case rule_kind::completion:
      return "completion";
    case rule_kind::banded:
      return "banded";
    case rule_kind::threshold:
      return "threshold";
    case rule_kind::benchmark:
      return "benchmark";
    case rule_kind::goalposts:
      return "goalposts";
    case rule_kind::minmax:
      return "minmax";
    case rule_kind::rank:
      return "rank";
    case rule_kind::lookup:
      return "lookup";
  }
  return "?";
}
const char* to_string(missing_policy m) noexcept {
  switch (m) {
    case missing_policy::error:
      return "error";
    case missing_policy::zero:
      return "zero";
    case missing_policy::reweight:
      return "reweight";
  }
  return "?";
}

bool uses_target(rule_kind k) noexcept {
  return k == rule_kind::completion || k == rule_kind::banded || k == rule_kind::threshold ||
         k == rule_kind::benchmark;
}

namespace {

constexpr int max_depth = 32;

std::string fmt_number(double v) { return shortest(v); }

std::string at(const std::string& ptr, const char* key) { return ptr + "/" + key; }

// The checks on points that both a loaded file and an edited tree (detail::tree_editor) make.
void check_points_value(double points, const std::string& ptr, std::vector<problem>& out) {
  if (points < 0)
    out.push_back({errc::bad_points, at(ptr, "points"), "negative points " + fmt_number(points)});
}
void check_points_add_up(double sum, double points, const std::string& ptr, std::vector<problem>& out) {
  if (std::fabs(sum - points) > 1e-9 * points)
    out.push_back({errc::points_do_not_add_up, at(ptr, "points"),
                   "children's points add up to " + fmt_number(sum) + ", not " + fmt_number(points)});
}

// Whether a key must be present (its absence is a problem) or may be left out.
enum class field { optional, required };

/// Walks a tree document, building nodes and collecting every problem.
class loader {
 public:
  std::vector<problem> problems;
  detail::tree_impl tree;

  void load(const json& doc) {
    if (!doc.is_object()) {
      add(errc::wrong_type, "", "a tree file must be a JSON object");
      return;
    }
    walk(doc, "", -1, 0);
    if (!problems.empty() || tree.nodes.empty()) return;
    finish();
  }

 private:
  void add(int code, std::string where, std::string what) {
    problems.push_back(problem{code, where.empty() ? std::string("/") : std::move(where), std::move(what)});
  }

  void check_keys(const json& j, const std::string& ptr, std::initializer_list<const char*> allowed,
                  const char* what) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      bool ok = it.key() == "description";
      for (const char* a : allowed) ok = ok || it.key() == a;
      if (!ok)
        add(errc::unknown_key, ptr + "/" + json_pointer_token(it.key()),
            std::string("unknown key \"") + it.key() + "\" in a " + what);
    }
  }

  std::optional<double> number(const json& j, const std::string& ptr, const char* key, field presence) {
    auto it = j.find(key);
    if (it == j.end()) {
      if (presence == field::required) add(errc::missing_field, ptr, std::string("missing \"") + key + "\"");
      return std::nullopt;
    }
    if (!it->is_number()) {
      add(errc::wrong_type, at(ptr, key),
          std::string("\"") + key + "\" must be a number, not " + detail::json_excerpt(*it));
      return std::nullopt;
    }
    const double v = it->get<double>();
    if (!std::isfinite(v)) {
      add(errc::bad_value, at(ptr, key), std::string("\"") + key + "\" must be finite");
      return std::nullopt;
    }
    return v;
  }

  std::optional<std::string> text(const json& j, const std::string& ptr, const char* key, field presence) {
    auto it = j.find(key);
    if (it == j.end()) {
      if (presence == field::required) add(errc::missing_field, ptr, std::string("missing \"") + key + "\"");
      return std::nullopt;
    }
    if (!it->is_string()) {
      add(errc::wrong_type, at(ptr, key),
          std::string("\"") + key + "\" must be a string, not " + detail::json_excerpt(*it));
      return std::nullopt;
    }
    return it->get<std::string>();
  }

  static bool valid_id(const std::string& id) {
    if (id.empty() || id.size() > 128) return false;
    for (unsigned char c : id)
      if (!(std::isalnum(c) || c == '_' || c == '-' || c == '.')) return false;
    return true;
  }

  // A node and, depth first, its children: its index in tree.nodes, or -1 when it cannot be read.
  int walk(const json& j, const std::string& ptr, int parent, int depth) {
    if (!j.is_object()) {
      add(errc::wrong_type, ptr, "a node must be a JSON object, not " + std::string(j.type_name()));
      return -1;
    }
    if (depth > max_depth) {
      add(errc::bad_value, ptr, "nodes nested deeper than " + std::to_string(max_depth) + " levels");
      return -1;
    }
    node n;
    n.pointer = ptr;
    n.parent = parent;
    n.depth = depth;
    read_names(j, ptr, n);
    if (!read_kind(j, ptr, n)) return -1;
    const bool item = n.kind == node_kind::bonus || n.kind == node_kind::penalty || n.kind == node_kind::veto;
    if (item && depth != 1)
      add(errc::misplaced_node, ptr,
          std::string(to_string(n.kind)) + " item \"" + n.id + "\" must sit directly under the root");
    check_node_keys(j, ptr, n.kind);
    if (!item) {
      if (auto p = number(j, ptr, "points", field::required)) {
        n.points = *p;
        check_points_value(n.points, ptr, problems);
      }
    }
    if (n.kind == node_kind::leaf || item) read_missing(j, ptr, n, item);
    if (n.kind == node_kind::leaf || item) read_additive(j, ptr, n);
    if (n.kind == node_kind::bonus || n.kind == node_kind::penalty) read_item(j, ptr, n);
    if (n.kind == node_kind::group) read_group(j, ptr, n);
    if (n.kind == node_kind::leaf) leaf(j, ptr, n);
    if (n.kind == node_kind::root) grades(j, ptr);
    const int index = add_node(n);
    if (n.kind == node_kind::root || n.kind == node_kind::group) children(j, ptr, index, depth);
    return index;
  }

  void read_names(const json& j, const std::string& ptr, node& n) {
    if (auto id = text(j, ptr, "id", field::required)) {
      n.id = *id;
      if (!valid_id(n.id))
        add(errc::bad_id, at(ptr, "id"),
            "id \"" + n.id + "\" must be 1 to 128 ASCII letters, digits, '_', '-' or '.'");
    }
    n.name = text(j, ptr, "name", field::optional).value_or(n.id);
    if (auto d = text(j, ptr, "description", field::optional)) n.description = *d;
  }

  // The node's kind, from "kind" or else from its "children" or "rule"; false when there is none.
  bool read_kind(const json& j, const std::string& ptr, node& n) {
    std::string kind_text;
    if (auto k = text(j, ptr, "kind", field::optional)) kind_text = *k;
    if (n.parent < 0) {
      n.kind = node_kind::root;
    } else if (kind_text == "bonus") {
      n.kind = node_kind::bonus;
    } else if (kind_text == "penalty") {
      n.kind = node_kind::penalty;
    } else if (kind_text == "veto") {
      n.kind = node_kind::veto;
    } else if (kind_text == "group" || (kind_text.empty() && j.contains("children"))) {
      n.kind = node_kind::group;
    } else if (kind_text == "leaf" || (kind_text.empty() && j.contains("rule"))) {
      n.kind = node_kind::leaf;
    } else if (!kind_text.empty()) {
      add(errc::bad_value, at(ptr, "kind"),
          "unknown kind \"" + kind_text + "\" (expected group, leaf, bonus, penalty or veto)");
      return false;
    } else {
      add(errc::missing_field, ptr, "node \"" + n.id + "\" has neither \"children\" nor \"rule\"");
      return false;
    }
    return true;
  }

  void check_node_keys(const json& j, const std::string& ptr, node_kind kind) {
    switch (kind) {
      case node_kind::root:
        check_keys(j, ptr, {"id", "name", "points", "grades", "children"}, "tree root");
        break;
      case node_kind::group:
        check_keys(j, ptr, {"id", "name", "kind", "points", "children", "aggregate", "floor"}, "group");
        break;
      case node_kind::leaf:
        check_keys(
            j, ptr,
            {"id", "name", "kind", "points", "direction", "unit", "rule", "target", "missing", "additive"},
            "leaf");
        break;
      case node_kind::bonus:
      case node_kind::penalty:
        check_keys(j, ptr, {"id", "name", "kind", "per_unit", "max", "missing", "additive"},
                   "bonus or penalty item");
        break;
      case node_kind::veto:
        check_keys(j, ptr, {"id", "name", "kind", "missing", "additive"}, "veto item");
        break;
    }
  }

  // A leaf's or an item's "missing" policy (reweight: leaves in a group only).
  void read_missing(const json& j, const std::string& ptr, node& n, bool item) {
    auto m = text(j, ptr, "missing", field::optional);
    if (!m) return;
    if (*m == "error")
      n.missing = missing_policy::error;
    else if (*m == "zero")
      n.missing = missing_policy::zero;
    else if (*m == "reweight" && !item && n.depth >= 2)
      n.missing = missing_policy::reweight;
    else if (*m == "reweight" && !item)
      add(errc::misplaced_node, at(ptr, "missing"),
          "reweight needs the leaf to sit in a group, not under the root");
    else
      add(errc::bad_value, at(ptr, "missing"),
          "unknown missing policy \"" + *m +
              (item ? "\" (expected error or zero)" : "\" (expected error, zero or reweight)"));
  }

  // A leaf's or an item's "additive" kind (a lookup leaf's codes do not add up: checked in leaf()).
  void read_additive(const json& j, const std::string& ptr, node& n) {
    auto a = text(j, ptr, "additive", field::optional);
    if (!a) return;
    if (*a == "count")
      n.additive = additive_kind::count;
    else if (*a == "amount")
      n.additive = additive_kind::amount;
    else
      add(errc::bad_value, at(ptr, "additive"),
          "unknown additive kind \"" + *a + "\" (expected count or amount)");
  }

  // A bonus's or a penalty's "per_unit" and "max".
  void read_item(const json& j, const std::string& ptr, node& n) {
    if (auto v = number(j, ptr, "per_unit", field::required)) {
      n.per_unit = *v;
      if (n.per_unit < 0) add(errc::bad_value, at(ptr, "per_unit"), "negative per_unit " + fmt_number(*v));
    }
    if (auto v = number(j, ptr, "max", field::required)) {
      n.max = *v;
      if (n.max < 0) add(errc::bad_value, at(ptr, "max"), "negative max " + fmt_number(*v));
    }
  }

  // A group's "aggregate" and geometric "floor".
  void read_group(const json& j, const std::string& ptr, node& n) {
    if (auto a = text(j, ptr, "aggregate", field::optional)) {
      if (*a == "geometric")
        n.aggregate = aggregation::geometric;
      else if (*a != "sum")
        add(errc::bad_value, at(ptr, "aggregate"),
            "unknown aggregate \"" + *a + "\" (expected sum or geometric)");
    }
    if (auto f = number(j, ptr, "floor", field::optional)) {
      n.geometric_floor = *f;
      if (*f < 0 || *f > 1) add(errc::bad_value, at(ptr, "floor"), "floor must lie in [0, 1]");
    }
  }

  // Appends the node, its id checked for uniqueness; its index.
  int add_node(const node& n) {
    const int index = static_cast<int>(tree.nodes.size());
    if (!n.id.empty()) {
      auto [it, inserted] = tree.by_id.emplace(n.id, index);
      if (!inserted)
        add(errc::duplicate_id, at(n.pointer, "id"),
            "duplicate id \"" + n.id + "\" (first used at " +
                (tree.nodes[it->second].pointer.empty() ? "/" : tree.nodes[it->second].pointer) + ")");
    }
    tree.nodes.push_back(n);
    return index;
  }

  // The children of the root or a group, walked in order; their scored points add up to its own.
  void children(const json& j, const std::string& ptr, int index, int depth) {
    const std::string id = tree.nodes[index].id;
    const double points = tree.nodes[index].points;
    auto it = j.find("children");
    if (it == j.end()) {
      add(errc::missing_field, ptr, "missing \"children\"");
    } else if (!it->is_array()) {
      add(errc::wrong_type, at(ptr, "children"), "\"children\" must be an array");
    } else if (it->empty()) {
      add(errc::empty_group, at(ptr, "children"), "\"" + id + "\" has no children");
    } else {
      std::vector<int> kids;
      for (std::size_t k = 0; k < it->size(); ++k) {
        const int c = walk((*it)[k], at(ptr, "children") + "/" + std::to_string(k), index, depth + 1);
        if (c >= 0) kids.push_back(c);
      }
      tree.nodes[index].children = kids;
      double sum = 0;
      bool scored = false;
      for (int c : kids) {
        const auto& child = tree.nodes[c];
        if (child.kind == node_kind::group || child.kind == node_kind::leaf)
          sum += child.points, scored = true;
      }
      if (!scored && kids.size() == it->size())
        add(errc::empty_group, at(ptr, "children"), "\"" + id + "\" has no scored children");
      else if (kids.size() == it->size())
        check_points_add_up(sum, points, ptr, problems);
    }
  }

  // A leaf's direction, rule and default target.
  void leaf(const json& j, const std::string& ptr, node& n) {
    if (auto u = text(j, ptr, "unit", field::optional)) {
      n.unit = fold_header(*u);
      if (n.unit.empty()) add(errc::bad_value, at(ptr, "unit"), "empty unit (leave \"unit\" out instead)");
    }
    if (auto d = text(j, ptr, "direction", field::optional)) {
      if (*d == "lower")
        n.dir = direction::lower_is_better;
      else if (*d != "higher")
        add(errc::bad_value, at(ptr, "direction"),
            "unknown direction \"" + *d + "\" (expected higher or lower)");
    }
    const std::string rp = at(ptr, "rule");
    auto it = j.find("rule");
    if (it == j.end()) {
      add(errc::missing_field, ptr, "missing \"rule\"");
      return;
    }
    if (!it->is_object()) {
      add(errc::wrong_type, rp, "\"rule\" must be an object");
      return;
    }
    const json& r = *it;
    if (!read_rule_kind(r, rp, n.rule)) return;
    rule& ru = n.rule;
    switch (ru.kind) {
      case rule_kind::completion:
        check_keys(r, rp, {"kind", "cap"}, "completion rule");
        read_cap(r, rp, ru);
        break;
      case rule_kind::benchmark:
        check_keys(r, rp, {"kind", "cap"}, "benchmark rule");
        read_cap(r, rp, ru);
        break;
      case rule_kind::threshold:
        check_keys(r, rp, {"kind"}, "threshold rule");
        break;
      case rule_kind::banded:
        read_banded(r, rp, ru);
        break;
      case rule_kind::goalposts:
        read_goalposts(r, rp, ru);
        break;
      case rule_kind::minmax:
        read_minmax(r, rp, ru);
        break;
      case rule_kind::rank:
        read_rank(r, rp, n);
        break;
      case rule_kind::lookup:
        read_lookup(r, rp, ru);
        if (n.dir == direction::lower_is_better)
          add(errc::bad_value, at(ptr, "direction"), "a lookup leaf has no direction");
        if (n.additive != additive_kind::none)
          add(errc::bad_value, at(ptr, "additive"),
              "a lookup leaf's codes do not add up: it cannot be additive");
        break;
    }
    read_target(j, ptr, n);
  }

  // The rule's "kind"; false when it is missing or unknown.
  bool read_rule_kind(const json& r, const std::string& rp, rule& ru) {
    auto kind = text(r, rp, "kind", field::required);
    if (!kind) return false;
    static const std::pair<const char*, rule_kind> kinds[] = {{"completion", rule_kind::completion},
                                                              {"banded", rule_kind::banded},
                                                              {"threshold", rule_kind::threshold},
                                                              {"benchmark", rule_kind::benchmark},
                                                              {"goalposts", rule_kind::goalposts},
                                                              {"minmax", rule_kind::minmax},
                                                              {"rank", rule_kind::rank},
                                                              {"lookup", rule_kind::lookup}};
    bool known = false;
    for (const auto& [name, k] : kinds)
      if (*kind == name) ru.kind = k, known = true;
    if (!known)
      add(errc::unknown_rule, at(rp, "kind"),
          "unknown rule \"" + *kind +
              "\" (expected completion, banded, threshold, benchmark, goalposts, minmax, rank or lookup)");
    return known;
  }

  // Completion's and benchmark's optional "cap".
  void read_cap(const json& r, const std::string& rp, rule& ru) {
    if (auto c = number(r, rp, "cap", field::optional)) {
      if (*c <= 0) add(errc::bad_cap, at(rp, "cap"), "cap must be positive, not " + fmt_number(*c));
      ru.cap = *c;
    }
  }

  // "bands" in descending "min", and "interpolate".
  void read_banded(const json& r, const std::string& rp, rule& ru) {
    check_keys(r, rp, {"kind", "bands", "interpolate"}, "banded rule");
    if (auto ip = r.find("interpolate"); ip != r.end()) {
      if (!ip->is_boolean())
        add(errc::wrong_type, at(rp, "interpolate"), "\"interpolate\" must be true or false");
      else
        ru.interpolate = ip->get<bool>();
    }
    auto b = r.find("bands");
    if (b == r.end() || !b->is_array() || b->empty()) {
      add(errc::missing_field, at(rp, "bands"), "a banded rule needs a non-empty \"bands\" array");
      return;
    }
    for (std::size_t k = 0; k < b->size(); ++k) {
      const std::string bp = at(rp, "bands") + "/" + std::to_string(k);
      if (!(*b)[k].is_object()) {
        add(errc::wrong_type, bp, "a band must be an object {\"min\", \"value\"}");
        continue;
      }
      check_keys((*b)[k], bp, {"min", "value"}, "band");
      auto mn = number((*b)[k], bp, "min", field::required);
      auto v = number((*b)[k], bp, "value", field::required);
      if (v && *v < 0) add(errc::bad_value, at(bp, "value"), "negative band value " + fmt_number(*v));
      if (mn && v) {
        if (!ru.bands.empty() && !(*mn < ru.bands.back().min))
          add(errc::bands_out_of_order, at(bp, "min"),
              "bands out of order: min " + fmt_number(*mn) + " must be below the previous band's " +
                  fmt_number(ru.bands.back().min));
        ru.bands.push_back(band{*mn, *v});
      }
    }
  }

  void read_goalposts(const json& r, const std::string& rp, rule& ru) {
    check_keys(r, rp, {"kind", "lo", "hi"}, "goalposts rule");
    auto lo = number(r, rp, "lo", field::required);
    auto hi = number(r, rp, "hi", field::required);
    if (lo && hi) {
      ru.lo = *lo, ru.hi = *hi;
      if (!(*lo < *hi))
        add(errc::bad_goalposts, rp,
            "goalposts need lo < hi, got lo " + fmt_number(*lo) + " and hi " + fmt_number(*hi));
    }
  }

  void read_minmax(const json& r, const std::string& rp, rule& ru) {
    check_keys(r, rp, {"kind", "floor"}, "minmax rule");
    if (auto f = number(r, rp, "floor", field::optional)) {
      ru.floor = *f;
      if (*f < 0 || *f >= 1) add(errc::bad_value, at(rp, "floor"), "floor must lie in [0, 1)");
    }
  }

  // "mode" (step or leader, the latter for higher-is-better leaves) and "step".
  void read_rank(const json& r, const std::string& rp, node& n) {
    rule& ru = n.rule;
    check_keys(r, rp, {"kind", "step", "mode"}, "rank rule");
    if (auto m = text(r, rp, "mode", field::optional)) {
      if (*m == "leader")
        ru.mode = rank_mode::leader;
      else if (*m != "step")
        add(errc::bad_value, at(rp, "mode"), "unknown mode \"" + *m + "\" (expected step or leader)");
    }
    if (auto s = number(r, rp, "step", field::optional)) {
      ru.step = *s;
      if (*s <= 0) add(errc::bad_value, at(rp, "step"), "step must be positive");
    }
    if (ru.mode == rank_mode::leader && n.dir == direction::lower_is_better)
      add(errc::bad_value, at(rp, "mode"), "the leader mode is for higher-is-better leaves only");
  }

  // The code "table" (code -> fraction) and the "veto" codes, every code listed once.
  void read_lookup(const json& r, const std::string& rp, rule& ru) {
    check_keys(r, rp, {"kind", "table", "veto"}, "lookup rule");
    auto t = r.find("table");
    std::set<std::string> codes;
    if (t == r.end() || !t->is_object() || t->empty()) {
      add(errc::missing_field, at(rp, "table"), "a lookup rule needs a non-empty \"table\" object");
    } else {
      for (auto e = t->begin(); e != t->end(); ++e) {
        const std::string ep = at(rp, "table") + "/" + json_pointer_token(e.key());
        if (!e->is_number() || !std::isfinite(e->get<double>()) || e->get<double>() < 0)
          add(errc::bad_value, ep, "a lookup value must be a number >= 0");
        else
          ru.table.push_back(lookup_entry{e.key(), e->get<double>()});
        codes.insert(e.key());
      }
    }
    auto v = r.find("veto");
    if (v == r.end()) return;
    if (!v->is_array()) {
      add(errc::wrong_type, at(rp, "veto"), "\"veto\" must be an array of codes");
      return;
    }
    for (std::size_t k = 0; k < v->size(); ++k) {
      const std::string vp = at(rp, "veto") + "/" + std::to_string(k);
      if (!(*v)[k].is_string()) {
        add(errc::wrong_type, vp, "a veto code must be a string");
      } else if (!codes.insert((*v)[k].get<std::string>()).second) {
        add(errc::duplicate_id, vp, "code \"" + (*v)[k].get<std::string>() + "\" is listed twice");
      } else {
        ru.veto_codes.push_back((*v)[k].get<std::string>());
      }
    }
  }

  // The default "target", for the rules that take one.
  void read_target(const json& j, const std::string& ptr, node& n) {
    if (auto t = number(j, ptr, "target", field::optional)) {
      if (!uses_target(n.rule.kind))
        add(errc::bad_value, at(ptr, "target"),
            std::string("rule ") + to_string(n.rule.kind) + " takes no target");
      else if (*t <= 0)
        add(errc::bad_value, at(ptr, "target"), "target must be positive, not " + fmt_number(*t));
      n.target = *t;
    }
  }

  void grades(const json& j, const std::string& ptr) {
    auto g = j.find("grades");
    if (g == j.end()) return;
    if (!g->is_array()) {
      add(errc::wrong_type, at(ptr, "grades"), "\"grades\" must be an array");
      return;
    }
    std::set<std::string> labels;
    for (std::size_t k = 0; k < g->size(); ++k) {
      const std::string gp = at(ptr, "grades") + "/" + std::to_string(k);
      if (!(*g)[k].is_object()) {
        add(errc::wrong_type, gp, "a grade must be an object {\"min\", \"label\"}");
        continue;
      }
      check_keys((*g)[k], gp, {"min", "label"}, "grade");
      auto mn = number((*g)[k], gp, "min", field::required);
      auto label = text((*g)[k], gp, "label", field::required);
      if (!mn || !label) continue;
      if (label->empty()) add(errc::bad_grades, at(gp, "label"), "empty grade label");
      if (!labels.insert(*label).second)
        add(errc::bad_grades, at(gp, "label"), "grade \"" + *label + "\" listed twice");
      if (!tree.grades.empty() && !(*mn < tree.grades.back().min))
        add(errc::bad_grades, at(gp, "min"),
            "grades out of order: min " + fmt_number(*mn) + " must be below the previous grade's " +
                fmt_number(tree.grades.back().min));
      tree.grades.push_back(grade{*mn, *label});
    }
  }

  void post(int i) {
    for (int c : tree.nodes[i].children) post(c);
    const auto k = tree.nodes[i].kind;
    if (k == node_kind::leaf || k == node_kind::group) tree.post_order.push_back(i);
  }

  void finish() {
    for (std::size_t i = 0; i < tree.nodes.size(); ++i) {
      auto& n = tree.nodes[i];
      switch (n.kind) {
        case node_kind::leaf:
        case node_kind::bonus:
        case node_kind::penalty:
        case node_kind::veto:
          n.column = static_cast<int>(tree.columns.size());
          tree.columns.push_back(static_cast<int>(i));
          break;
        default:
          break;
      }
      if (n.kind == node_kind::bonus) tree.bonuses.push_back(static_cast<int>(i));
      if (n.kind == node_kind::penalty) tree.penalties.push_back(static_cast<int>(i));
      if (n.kind == node_kind::veto) tree.vetoes.push_back(static_cast<int>(i));
    }
    for (int c : tree.nodes[0].children) {
      const auto k = tree.nodes[c].kind;
      if (k == node_kind::group || k == node_kind::leaf) tree.groups.push_back(c);
    }
    for (int c : tree.nodes[0].children) post(c);
  }
};

std::vector<problem> load_into(std::string_view text, std::string_view source, loader& l) {
  json doc;
  if (auto p = detail::read_json(text, source, doc)) return {std::move(*p)};  // 101 or 102
  l.load(doc);
  for (auto& p : l.problems) p.where = std::string(source) + ":" + p.where;
  return l.problems;
}

}  // namespace

std::vector<problem> validate_tree_json(std::string_view text, std::string_view source) {
  loader l;
  return load_into(text, source, l);
}

indicator_tree indicator_tree::from_json(std::string_view text, std::string_view source) {
  loader l;
  auto problems = load_into(text, source, l);
  if (!problems.empty()) throw error(std::move(problems));
  return indicator_tree(std::make_shared<const impl>(std::move(l.tree)));
}

indicator_tree indicator_tree::from_file(const std::string& path) {
  return from_json(read_text_file(path), path);
}

const std::string& indicator_tree::id() const { return impl_->nodes[0].id; }
const std::string& indicator_tree::name() const { return impl_->nodes[0].name; }
const std::string& indicator_tree::description() const { return impl_->nodes[0].description; }
double indicator_tree::points() const { return impl_->nodes[0].points; }
std::size_t indicator_tree::size() const { return impl_->nodes.size(); }
const node& indicator_tree::node(std::size_t i) const { return impl_->nodes.at(i); }
const std::vector<int>& indicator_tree::columns() const { return impl_->columns; }
const std::vector<int>& indicator_tree::groups() const { return impl_->groups; }
const std::vector<grade>& indicator_tree::grades() const { return impl_->grades; }

std::optional<std::size_t> indicator_tree::find(std::string_view id) const {
  auto it = impl_->by_id.find(std::string(id));
  if (it == impl_->by_id.end()) return std::nullopt;
  return static_cast<std::size_t>(it->second);
}

std::size_t indicator_tree::index_of(std::string_view id) const {
  if (auto i = find(id)) return *i;
  throw error(errc::unknown_column, std::string(id),
              "no indicator \"" + std::string(id) + "\" in tree \"" + this->id() + "\"");
}

double indicator_tree::code_value(std::string_view leaf_id, std::string_view code) const {
  const struct node& n = node(index_of(leaf_id));
  if (n.kind != node_kind::leaf || n.rule.kind != rule_kind::lookup)
    throw error(errc::bad_value, n.id, "indicator \"" + n.id + "\" is not a lookup leaf");
  std::size_t k = 0;
  for (const auto& e : n.rule.table) {
    if (e.code == code) return static_cast<double>(k);
    ++k;
  }
  for (const auto& v : n.rule.veto_codes) {
    if (v == code) return static_cast<double>(k);
    ++k;
  }
  std::string known;
  for (const auto& e : n.rule.table) known += (known.empty() ? "" : ", ") + e.code;
  for (const auto& v : n.rule.veto_codes) known += (known.empty() ? "" : ", ") + v;
  throw error(errc::unknown_code, n.id,
              "unknown code \"" + std::string(code) + "\" (expected " + known + ")");
}

// ---- editor: a compiled tree's nodes copied, edited and checked again (no JSON) ----

namespace detail {

tree_editor::tree_editor(const indicator_tree& t)
    : impl_(std::make_shared<tree_impl>(tree_access::internals(t))) {}

void tree_editor::set_points(std::size_t i, double points) { impl_->nodes.at(i).points = points; }

namespace {
// The loader's walk over what an edit can change, in its order: a node's own points, its
// children, then whether they add up. Non-finite points are what a file of them holds (JSON
// writes NaN and infinity as null, as tree_builder would) and count as 0 afterwards, as there.
void check_edited(tree_impl& t, int i, std::vector<problem>& out) {
  node& n = t.nodes[static_cast<std::size_t>(i)];
  if (n.kind != node_kind::root && n.kind != node_kind::group && n.kind != node_kind::leaf) return;
  if (!std::isfinite(n.points)) {
    out.push_back({errc::wrong_type, at(n.pointer, "points"), "\"points\" must be a number, not null"});
    n.points = 0;
  }
  check_points_value(n.points, n.pointer, out);
  if (n.kind == node_kind::leaf) return;
  double sum = 0;
  for (int c : n.children) {
    check_edited(t, c, out);
    const node& child = t.nodes[static_cast<std::size_t>(c)];
    if (child.kind == node_kind::group || child.kind == node_kind::leaf) sum += child.points;
  }
  check_points_add_up(sum, n.points, n.pointer, out);
}
}  // namespace

indicator_tree tree_editor::build(std::string_view source) const {
  auto t = std::make_shared<tree_impl>(*impl_);
  std::vector<problem> problems;
  check_edited(*t, 0, problems);
  if (!problems.empty()) {
    for (auto& p : problems) p.where = std::string(source) + ":" + p.where;
    throw error(std::move(problems));
  }
  return tree_access::make(std::move(t));
}

}  // namespace detail

}  // namespace zoneperf
