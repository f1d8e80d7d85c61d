// Parsing and cross-checking the report inputs.
#include "model.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "../../text/json_syntax.hpp"
#include "zoneperf/error.hpp"
#include "zoneperf/io/report.hpp"
#include "zoneperf/presets.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/markup.hpp"

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

// Pay's task forces and people must be units of the scorecard (error 316 for each that is not).
void check_pay_units(const rjson& pay, const scorecard& card) {
  std::vector<problem> problems;
  auto check = [&](const rjson& list, const char* key, const char* field_name) {
    if (!list.is_array()) return;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const rjson& x = list[i];
      if (!x.is_object() || !x.contains(field_name) || !x[field_name].is_string()) continue;
      const std::string id = x[field_name].get<std::string>();
      if (!card.find(id))
        problems.push_back({errc::unknown_unit,
                            std::string("pay:/") + key + "/" + std::to_string(i) + "/" + field_name,
                            "task force \"" + id + "\" is not a unit of the scorecard"});
    }
  };
  check(pay["task_forces"], "task_forces", "id");
  check(pay["people"], "people", "task_force");
  if (!problems.empty()) throw error(std::move(problems));
}

// A title is one line of UTF-8 text (error 217): it heads the page, the Markdown and the workbook.
void check_title(const std::string& title) {
  if (const auto bad = detail::find_invalid_utf8(title); bad != std::string::npos)
    throw error(errc::bad_text, "title",
                "not UTF-8 (invalid byte sequence at byte " + std::to_string(bad + 1) +
                    "); give the report title as UTF-8 text");
  if (const auto at = find_control_character(title); at != std::string::npos) {
    // A C0 control or DEL is one byte; a C1 control is C2 80 to C2 9F, its second byte the code point.
    const auto first = static_cast<unsigned char>(title[at]);
    const unsigned cp = first < 0x80 ? first : static_cast<unsigned char>(title[at + 1]);
    throw error(errc::bad_text, "title",
                fmt::format("a control character (U+{:04X}) at byte {}: a report title is one line of text "
                            "without control characters",
                            cp, at + 1));
  }
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
        for (const auto& m : k["missed"]) {
          r.missed += (r.missed.empty() ? "" : "; ") + text_of(m);
          r.missed_items.push_back(text_of(m));
        }
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

report_data::report_data(const scorecard& card, const report_sections& sections) {
  using namespace detail;
  check_title(sections.title);
  auto m = std::make_shared<report_data::model>(card.tree);
  const indicator_tree& tree = m->tree;
  m->title = sections.title.empty() ? tree.name() : sections.title;
  m->lang = sections.lang;
  m->groups = tree.groups();
  const assessment& r = card.result;
  for (int g : m->groups)
    if (!card.units.empty() && !r.has_scores(static_cast<std::size_t>(g)))
      throw error(errc::missing_field, "scorecard:/units/0/nodes",
                  "missing group \"" + m->nd(g).id + "\" of tree \"" + tree.id() + "\"");
  for (std::size_t u = 0; u < card.units.size(); ++u) {
    const auto iu = static_cast<std::ptrdiff_t>(u);
    const std::string where = "scorecard:/units/" + std::to_string(u);
    rep_unit ru;
    ru.id = card.units[u];
    ru.total = r.total(iu);
    if (!r.ranks().empty()) ru.rank = r.rank(iu);
    ru.grade = std::string(card.grade_label(u));
    ru.veto = r.vetoed(iu);
    for (int g : m->groups) {
      const auto i = static_cast<std::size_t>(g);
      ru.groups.push_back({r.score(iu, i), r.max(iu, i), r.rate(iu, i), r.all_missing(iu, i)});
    }
    const auto& explained = u < card.leaves.size() ? card.leaves[u] : std::vector<leaf_explanation>{};
    if (explained.empty())
      throw error(errc::missing_field, where,
                  "missing \"leaves\": the reports explain every leaf; run `zoneperf assess --format json "
                  "--explain all`");
    for (int c : tree.columns()) {
      const node& n = m->nd(c);
      const leaf_explanation* e = card.leaf(u, n.id);
      if (!e)
        throw error(errc::missing_field, where + "/leaves", "missing the explanation of \"" + n.id + "\"");
      rep_leaf l;
      l.node = c;
      if (n.kind == node_kind::leaf) {
        const int top = top_group(tree, c);
        for (std::size_t g = 0; g < m->groups.size(); ++g)
          if (m->groups[g] == top) l.group = static_cast<int>(g);
      }
      l.actual = e->actual;
      l.target = e->target;
      l.ratio = e->ratio;
      l.fraction = e->fraction;
      l.points = e->points;
      l.max = e->max;
      l.rule = n.kind == node_kind::leaf ? to_string(n.rule.kind) : to_string(n.kind);
      l.target_source = e->source == leaf_explanation::target_source::unit            ? "unit"
                        : e->source == leaf_explanation::target_source::default_value ? "default"
                                                                                      : "";
      l.capped = e->capped;
      l.vetoes = e->vetoes;
      ru.leaves.push_back(std::move(l));
    }
    m->units.push_back(std::move(ru));
  }
  if (!sections.pay.empty()) {
    m->pay = parse_json(sections.pay, "pay");
    for (const char* k : {"reconciliation", "task_forces", "people"}) field(m->pay, k, "pay");
    check_pay_units(m->pay, card);
  }
  if (!sections.land.empty()) {
    m->land = parse_json(sections.land, "land");
    for (const char* k : {"enterprises", "classes"}) field(m->land, k, "land");
  }
  if (!sections.projects.empty()) {
    m->projects = parse_json(sections.projects, "projects");
    if (faces_of(m->projects).rows.empty())
      throw error(errc::missing_field, "projects",
                  "no faces: expected the JSON of `zoneperf projects month --format json` (\"check\")");
  }
  if (!sections.uncertainty.empty()) {
    m->uncertainty = parse_json(sections.uncertainty, "uncertainty");
    const rjson& list = field(m->uncertainty, "units", "uncertainty");
    if (!list.is_array()) throw error(errc::wrong_type, "uncertainty:/units", "\"units\" must be an array");
    std::vector<problem> problems;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string where = "uncertainty:/units/" + std::to_string(i);
      for (const char* k : {"unit", "nominal_rank", "rank_p05", "rank_p95", "p_rank_1"})
        if (!list[i].is_object() || !list[i].contains(k))
          throw error(errc::missing_field, where, std::string("missing \"") + k + "\"");
      const std::string id = text_of(list[i]["unit"]);
      if (!card.find(id))
        problems.push_back(
            {errc::unknown_unit, where + "/unit", "unit \"" + id + "\" is not a unit of the scorecard"});
    }
    if (!problems.empty()) throw error(std::move(problems));
  }
  if (!sections.series.empty()) m->series = read_series_view(parse_json(sections.series, "series"));
  if (!sections.faces.empty()) m->faces_year = read_faces_year_view(parse_json(sections.faces, "faces"));
  if (!sections.migration.empty())
    m->migration = read_migration_view(parse_json(sections.migration, "migration"));
  model_ = std::move(m);
}

report_data report_data::parse(const report_inputs& in, const indicator_tree* tree) {
  return report_data(read_scorecard(in.scorecard, "scorecard", tree),
                     report_sections{in.pay, in.land, in.projects, in.uncertainty, in.series, in.faces,
                                     in.migration, in.title, in.lang});
}

bool report_data::has_pay() const { return !model_->pay.is_null(); }
bool report_data::has_land() const { return !model_->land.is_null(); }
bool report_data::has_projects() const { return !model_->projects.is_null(); }
bool report_data::has_uncertainty() const { return !model_->uncertainty.is_null(); }
bool report_data::has_series() const { return model_->series.has_value(); }
bool report_data::has_faces_year() const { return model_->faces_year.has_value(); }
bool report_data::has_migration() const { return model_->migration.has_value(); }
report_lang report_data::lang() const { return model_->lang; }

const char* to_string(report_lang lang) noexcept { return lang == report_lang::en ? "en" : "zh"; }

}  // namespace zoneperf
