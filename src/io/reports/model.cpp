// Parsing and cross-checking the report inputs.
#include "model.hpp"

#include <cmath>
#include <limits>

#include "../../text/json_syntax.hpp"
#include "zoneperf/error.hpp"
#include "zoneperf/io/report.hpp"
#include "zoneperf/presets.hpp"

namespace zoneperf {
namespace detail {

double num_or_nan(const rjson& j) {
  return j.is_number() ? j.get<double>() : std::numeric_limits<double>::quiet_NaN();
}

std::string text_of(const rjson& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number_integer()) return std::to_string(j.get<long long>());
  if (j.is_number()) return shortest(j.get<double>());
  if (j.is_boolean()) return j.get<bool>() ? "yes" : "no";
  if (j.is_null()) return "";
  return j.dump();
}

std::string show(double v, int decimals) { return std::isnan(v) ? "-" : fixed(v, decimals); }

int report_model::grade_index(const std::string& label) const {
  const auto& g = tree.grades();
  for (std::size_t i = 0; i < g.size(); ++i)
    if (g[i].label == label) return static_cast<int>(i);
  return -1;
}

namespace {

rjson parse_json(const std::string& text, const char* what) { return detail::parse_json<rjson>(text, what); }

const rjson& field(const rjson& j, const char* key, const std::string& where) {
  if (!j.is_object() || !j.contains(key))
    throw error(errc::missing_field, where, std::string("missing \"") + key + "\"");
  return j.at(key);
}

double number_field(const rjson& j, const char* key, const std::string& where, bool nullable) {
  const rjson& v = field(j, key, where);
  if (v.is_number()) return v.get<double>();
  if (nullable && v.is_null()) return std::numeric_limits<double>::quiet_NaN();
  throw error(errc::wrong_type, where + "/" + key,
              std::string("expected a number") + (nullable ? " or null" : ""));
}

int top_group(const indicator_tree& tree, int i) {
  while (i > 0 && tree.node(static_cast<std::size_t>(i)).depth > 1)
    i = tree.node(static_cast<std::size_t>(i)).parent;
  return i;
}

}  // namespace

std::string face_row::figure::text() const {
  auto t = [](double v) { return std::isnan(v) ? std::string("-") : shortest(v); };
  return t(actual) + "/" + t(target);
}

faces_view faces_of(const rjson& p) {
  faces_view v;
  if (p.contains("check") && p["check"].contains("task_forces")) {
    v.period = p.value("period", "");
    v.columns = {"intent", "signed", "landed"};
    for (const auto& k : p["check"]["task_forces"]) {
      face_row r;
      r.task_force = k.value("task_force", "");
      r.face = k.value("face", "");
      for (const auto& c : v.columns) {
        const rjson actual = k.contains("actual") ? k["actual"].value(c, rjson()) : rjson();
        const rjson target = k.contains("target") ? k["target"].value(c, rjson()) : rjson();
        r.figures.push_back({c, num_or_nan(actual), num_or_nan(target)});
      }
      if (k.contains("missed") && k["missed"].is_array()) {
        for (const auto& m : k["missed"]) r.missed += (r.missed.empty() ? "" : "; ") + text_of(m);
        r.missed_count = k["missed"].size();
      }
      v.rows.push_back(std::move(r));
    }
    return v;
  }
  // The demo's result: {"<month>_faces": {"<task force>": "😊"}} beside zone figures.
  for (auto it = p.begin(); it != p.end(); ++it) {
    const std::string& key = it.key();
    if (key.size() > 6 && key.compare(key.size() - 6, 6, "_faces") == 0 && it->is_object()) {
      v.period = key.substr(0, key.size() - 6);
      for (auto f = it->begin(); f != it->end(); ++f) {
        face_row r;
        r.task_force = f.key();
        r.face = text_of(*f);
        v.rows.push_back(std::move(r));
      }
    }
  }
  return v;
}

}  // namespace detail

report_data report_data::parse(const report_inputs& in, const indicator_tree* tree_in) {
  using namespace detail;
  const rjson sc = parse_json(in.scorecard, "scorecard");
  const rjson& tree_id = field(sc, "tree", "scorecard");
  if (!tree_id.is_string()) throw error(errc::wrong_type, "scorecard/tree", "expected a string");
  auto m = std::make_shared<report_model>(tree_in ? *tree_in : load_preset(tree_id.get<std::string>()));
  const indicator_tree& tree = m->tree;
  if (tree.id() != tree_id.get<std::string>())
    throw error(
        errc::wrong_type, "scorecard/tree",
        "the scorecard was made with tree \"" + tree_id.get<std::string>() + "\", not \"" + tree.id() + "\"");
  m->title = in.title.empty() ? tree.name() : in.title;
  m->groups = tree.groups();

  const rjson& units = field(sc, "units", "scorecard");
  if (!units.is_array()) throw error(errc::wrong_type, "scorecard/units", "expected an array");
  for (std::size_t u = 0; u < units.size(); ++u) {
    const rjson& j = units[u];
    const std::string where = "scorecard/units/" + std::to_string(u);
    rep_unit ru;
    const rjson& id = field(j, "id", where);
    if (!id.is_string()) throw error(errc::wrong_type, where + "/id", "expected a string");
    ru.id = id.get<std::string>();
    ru.total = number_field(j, "total", where, false);
    const rjson& rank = field(j, "rank", where);
    if (rank.is_number_integer()) ru.rank = rank.get<int>();
    const rjson& grade = field(j, "grade", where);
    ru.grade = grade.is_string() ? grade.get<std::string>() : "";
    ru.veto = field(j, "veto", where).is_boolean() && j["veto"].get<bool>();
    const rjson& nodes = field(j, "nodes", where);
    for (int g : m->groups) {
      const std::string& gid = m->nd(g).id;
      if (!nodes.contains(gid))
        throw error(errc::missing_field, where + "/nodes",
                    "missing group \"" + gid + "\" of tree \"" + tree.id() + "\"");
      const rjson& x = nodes[gid];
      const std::string w = where + "/nodes/" + gid;
      ru.groups.push_back({number_field(x, "score", w, true), number_field(x, "max", w, true),
                           number_field(x, "rate", w, true)});
    }
    if (!j.contains("leaves"))
      throw error(errc::missing_field, where,
                  "missing \"leaves\": the reports explain every leaf; run `zoneperf assess --format json "
                  "--explain all`");
    const rjson& leaves = j["leaves"];
    for (int c : tree.columns()) {
      const node& n = m->nd(c);
      if (!leaves.contains(n.id))
        throw error(errc::missing_field, where + "/leaves", "missing the explanation of \"" + n.id + "\"");
      const rjson& x = leaves[n.id];
      const std::string w = where + "/leaves/" + n.id;
      rep_leaf l;
      l.node = c;
      if (n.kind == node_kind::leaf) {
        const int top = top_group(tree, c);
        for (std::size_t g = 0; g < m->groups.size(); ++g)
          if (m->groups[g] == top) l.group = static_cast<int>(g);
      }
      l.actual = number_field(x, "actual", w, true);
      l.target = number_field(x, "target", w, true);
      l.ratio = number_field(x, "ratio", w, true);
      l.fraction = number_field(x, "fraction", w, true);
      l.points = number_field(x, "points", w, true);
      l.max = number_field(x, "max", w, true);
      l.rule = x.value("rule", "");
      l.target_source = x.contains("target_source") && x["target_source"].is_string()
                            ? x["target_source"].get<std::string>()
                            : "";
      l.capped = x.value("capped", false);
      l.vetoes = x.value("vetoes", false);
      ru.leaves.push_back(std::move(l));
    }
    for (auto it = leaves.begin(); it != leaves.end(); ++it)
      if (!tree.find(it.key()))
        throw error(errc::unknown_column, where + "/leaves/" + it.key(),
                    "no leaf \"" + it.key() + "\" in tree \"" + tree.id() + "\"");
    m->units.push_back(std::move(ru));
  }
  if (!in.pay.empty()) {
    m->pay = parse_json(in.pay, "pay");
    for (const char* k : {"reconciliation", "task_forces", "people"}) field(m->pay, k, "pay");
  }
  if (!in.land.empty()) {
    m->land = parse_json(in.land, "land");
    for (const char* k : {"enterprises", "classes"}) field(m->land, k, "land");
  }
  if (!in.projects.empty()) {
    m->projects = parse_json(in.projects, "projects");
    if (faces_of(m->projects).rows.empty())
      throw error(errc::missing_field, "projects",
                  "no faces: expected the JSON of `zoneperf projects month --format json` (\"check\")");
  }
  report_data d;
  d.model_ = std::move(m);
  return d;
}

bool report_data::has_pay() const { return !model_->pay.is_null(); }
bool report_data::has_land() const { return !model_->land.is_null(); }
bool report_data::has_projects() const { return !model_->projects.is_null(); }

}  // namespace zoneperf
