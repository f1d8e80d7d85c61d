// Indicator trees written out: the file shape of a compiled tree (to_json), and the builder, which
// writes that shape and loads it, so that trees built in code validate exactly as files do.
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "detail/tree_impl.hpp"
#include "text/json_syntax.hpp"
#include "zoneperf/tree.hpp"

namespace zoneperf {

using json = nlohmann::ordered_json;

namespace {

json number_json(double v) {
  if (v == std::floor(v) && std::fabs(v) < 9e15) return json(static_cast<std::int64_t>(v));
  return json(v);
}

json node_json(const detail::tree_impl& t, int i) {
  const node& n = t.nodes[i];
  json j = json::object();
  j["id"] = n.id;
  j["name"] = n.name;
  if (!n.description.empty()) j["description"] = n.description;
  switch (n.kind) {
    case node_kind::root:
    case node_kind::group:
      j["points"] = number_json(n.points);
      if (n.kind == node_kind::root && !t.grades.empty()) {
        json g = json::array();
        for (const auto& gr : t.grades) g.push_back(json{{"min", number_json(gr.min)}, {"label", gr.label}});
        j["grades"] = g;
      }
      if (n.aggregate == aggregation::geometric) {
        j["aggregate"] = "geometric";
        if (n.geometric_floor != 0) j["floor"] = number_json(n.geometric_floor);
      }
      j["children"] = json::array();
      for (int c : n.children) j["children"].push_back(node_json(t, c));
      break;
    case node_kind::leaf: {
      j["points"] = number_json(n.points);
      j["direction"] = to_string(n.dir);
      if (!n.unit.empty()) j["unit"] = n.unit;
      json r = json::object();
      r["kind"] = to_string(n.rule.kind);
      const rule& ru = n.rule;
      if (ru.cap) r["cap"] = number_json(*ru.cap);
      if (ru.kind == rule_kind::banded) {
        r["bands"] = json::array();
        for (const auto& b : ru.bands)
          r["bands"].push_back(json{{"min", number_json(b.min)}, {"value", number_json(b.value)}});
        if (ru.interpolate) r["interpolate"] = true;
      }
      if (ru.kind == rule_kind::goalposts) r["lo"] = number_json(ru.lo), r["hi"] = number_json(ru.hi);
      if (ru.kind == rule_kind::minmax && ru.floor != 0) r["floor"] = number_json(ru.floor);
      if (ru.kind == rule_kind::rank) {
        if (ru.mode == rank_mode::leader)
          r["mode"] = "leader";
        else if (ru.step != 0.1)
          r["step"] = number_json(ru.step);
      }
      if (ru.kind == rule_kind::lookup) {
        r["table"] = json::object();
        for (const auto& e : ru.table) r["table"][e.code] = number_json(e.value);
        if (!ru.veto_codes.empty()) r["veto"] = ru.veto_codes;
      }
      j["rule"] = r;
      if (n.target) j["target"] = number_json(*n.target);
      if (n.missing != missing_policy::error) j["missing"] = to_string(n.missing);
      if (n.additive != additive_kind::none) j["additive"] = to_string(n.additive);
      break;
    }
    case node_kind::bonus:
    case node_kind::penalty:
      j["kind"] = to_string(n.kind);
      j["per_unit"] = number_json(n.per_unit);
      j["max"] = number_json(n.max);
      if (n.missing != missing_policy::error) j["missing"] = to_string(n.missing);
      if (n.additive != additive_kind::none) j["additive"] = to_string(n.additive);
      break;
    case node_kind::veto:
      j["kind"] = "veto";
      if (n.missing != missing_policy::error) j["missing"] = to_string(n.missing);
      if (n.additive != additive_kind::none) j["additive"] = to_string(n.additive);
      break;
  }
  return j;
}

}  // namespace

std::string indicator_tree::to_json(int indent) const {
  return detail::dump_json(node_json(*impl_, 0), indent);
}

// ---- builder: builds the file shape, then loads it, so code and files validate alike ----

struct tree_builder::spec {
  json doc;
  std::unordered_map<std::string, std::vector<std::size_t>> path;  // id -> child indices from root
};

tree_builder::tree_builder(std::string id, std::string name, double points)
    : spec_(std::make_shared<spec>()) {
  spec_->doc = json{
      {"id", id}, {"name", std::move(name)}, {"points", number_json(points)}, {"children", json::array()}};
  spec_->path[id] = {};
}

tree_builder& tree_builder::grades(std::vector<grade> g) {
  json a = json::array();
  for (auto& gr : g) a.push_back(json{{"min", number_json(gr.min)}, {"label", gr.label}});
  spec_->doc["grades"] = a;
  return *this;
}

namespace {
json& builder_parent(json& doc, std::unordered_map<std::string, std::vector<std::size_t>>& path,
                     std::string_view parent, std::vector<std::size_t>& out_path) {
  std::vector<std::size_t> p;
  if (!parent.empty()) {
    auto it = path.find(std::string(parent));
    if (it == path.end())
      throw error(errc::unknown_column, std::string(parent),
                  "no group \"" + std::string(parent) + "\" to add to");
    p = it->second;
  }
  json* j = &doc;
  for (auto k : p) j = &(*j)["children"][k];
  if (!j->contains("children"))
    throw error(errc::bad_value, std::string(parent), "\"" + std::string(parent) + "\" is not a group");
  out_path = p;
  out_path.push_back((*j)["children"].size());
  return *j;
}
}  // namespace

tree_builder& tree_builder::group(std::string_view parent, std::string id, std::string name, double points,
                                  aggregation agg, double geometric_floor) {
  std::vector<std::size_t> p;
  json& par = builder_parent(spec_->doc, spec_->path, parent, p);
  json g{{"id", id}, {"name", std::move(name)}, {"points", number_json(points)}};
  if (agg == aggregation::geometric) {
    g["aggregate"] = "geometric";
    if (geometric_floor != 0) g["floor"] = number_json(geometric_floor);
  }
  g["children"] = json::array();
  par["children"].push_back(std::move(g));
  spec_->path[id] = p;
  return *this;
}

tree_builder& tree_builder::leaf(std::string_view parent, std::string id, std::string name, double points,
                                 struct rule r, direction d, std::optional<double> target,
                                 missing_policy missing) {
  // Serialise through a one-leaf tree so the rule's JSON shape is written in one place.
  auto impl = std::make_shared<detail::tree_impl>();
  struct node n;
  n.id = id, n.name = name, n.kind = node_kind::leaf, n.points = points, n.dir = d, n.rule = std::move(r);
  n.target = target, n.missing = missing;
  impl->nodes.push_back(n);
  std::vector<std::size_t> p;
  json& par = builder_parent(spec_->doc, spec_->path, parent, p);
  par["children"].push_back(node_json(*impl, 0));
  spec_->path[id] = p;
  return *this;
}

namespace {
json item_json(std::string id, std::string name, const char* kind, double per_unit, double max) {
  return json{{"id", std::move(id)},
              {"name", std::move(name)},
              {"kind", kind},
              {"per_unit", number_json(per_unit)},
              {"max", number_json(max)}};
}
}  // namespace

tree_builder& tree_builder::bonus(std::string id, std::string name, double per_unit, double max) {
  spec_->doc["children"].push_back(item_json(std::move(id), std::move(name), "bonus", per_unit, max));
  return *this;
}

tree_builder& tree_builder::penalty(std::string id, std::string name, double per_unit, double max) {
  spec_->doc["children"].push_back(item_json(std::move(id), std::move(name), "penalty", per_unit, max));
  return *this;
}

tree_builder& tree_builder::veto(std::string id, std::string name) {
  spec_->doc["children"].push_back(json{{"id", std::move(id)}, {"name", std::move(name)}, {"kind", "veto"}});
  return *this;
}

indicator_tree tree_builder::build() const {
  return indicator_tree::from_json(spec_->doc.dump(), "<builder>");
}

}  // namespace zoneperf
