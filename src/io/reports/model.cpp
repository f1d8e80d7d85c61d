// Parsing and cross-checking the report inputs.
#include "model.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "../../land/report_dom.hpp"
#include "../../pay/report_dom.hpp"
#include "../../pipeline/report_dom.hpp"
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

namespace detail {
namespace {

// The scorecard's part of the model: what every report shows.
void fill_scorecard(report_model& m, const scorecard& card, const std::string& title, report_lang lang) {
  check_title(title);
  const indicator_tree& tree = m.tree;
  m.title = title.empty() ? tree.name() : title;
  m.lang = lang;
  m.groups = tree.groups();
  const assessment& r = card.result;
  for (int g : m.groups)
    if (!card.units.empty() && !r.has_scores(static_cast<std::size_t>(g)))
      throw error(errc::missing_field, "scorecard:/units/0/nodes",
                  "missing group \"" + m.nd(g).id + "\" of tree \"" + tree.id() + "\"");
  for (std::size_t u = 0; u < card.units.size(); ++u) {
    const auto iu = static_cast<std::ptrdiff_t>(u);
    const std::string where = "scorecard:/units/" + std::to_string(u);
    rep_unit ru;
    ru.id = card.units[u];
    ru.total = r.total(iu);
    if (!r.ranks().empty()) ru.rank = r.rank(iu);
    ru.grade = std::string(card.grade_label(u));
    ru.veto = r.vetoed(iu);
    for (int g : m.groups) {
      const auto i = static_cast<std::size_t>(g);
      ru.groups.push_back({r.score(iu, i), r.max(iu, i), r.rate(iu, i), r.all_missing(iu, i)});
    }
    const auto& explained = u < card.leaves.size() ? card.leaves[u] : std::vector<leaf_explanation>{};
    if (explained.empty())
      throw error(errc::missing_field, where,
                  "missing \"leaves\": the reports explain every leaf; run `zoneperf assess --format json "
                  "--explain all`");
    for (int c : tree.columns()) {
      const node& n = m.nd(c);
      const leaf_explanation* e = card.leaf(u, n.id);
      if (!e)
        throw error(errc::missing_field, where + "/leaves", "missing the explanation of \"" + n.id + "\"");
      rep_leaf l;
      l.node = c;
      if (n.kind == node_kind::leaf) {
        const int top = top_group(tree, c);
        for (std::size_t g = 0; g < m.groups.size(); ++g)
          if (m.groups[g] == top) l.group = static_cast<int>(g);
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
    m.units.push_back(std::move(ru));
  }
}

// The uncertainty's units must be units of the scorecard (error 316 for each that is not).
void check_uncertainty_units(const uncertainty_view& v, const scorecard& card) {
  std::vector<problem> problems;
  for (std::size_t i = 0; i < v.units.size(); ++i)
    if (!card.find(v.units[i].unit))
      problems.push_back({errc::unknown_unit, "uncertainty:/units/" + std::to_string(i) + "/unit",
                          "unit \"" + v.units[i].unit + "\" is not a unit of the scorecard"});
  if (!problems.empty()) throw error(std::move(problems));
}

uncertainty_view read_uncertainty_view(const rjson& un, const scorecard& card) {
  const rjson& list = field(un, "units", "uncertainty");
  if (!list.is_array()) throw error(errc::wrong_type, "uncertainty:/units", "\"units\" must be an array");
  uncertainty_view v;
  v.method = text_of(un.value("method", rjson()));
  if (un.contains("percent")) v.percent = text_of(un["percent"]);
  if (un.contains("seed")) v.seed = text_of(un["seed"]);
  v.samples = text_of(un.value("samples", rjson()));
  v.top_k = text_of(un.value("top_k", rjson()));
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = "uncertainty:/units/" + std::to_string(i);
    const rjson& u = list[i];
    for (const char* k : {"unit", "nominal_rank", "rank_p05", "rank_p95", "p_rank_1"})
      if (!u.is_object() || !u.contains(k))
        throw error(errc::missing_field, where, std::string("missing \"") + k + "\"");
    auto rank = [](const rjson& x) { return shown_rank{num_or_nan(x), text_of(x)}; };
    v.units.push_back({text_of(u["unit"]), rank(u["nominal_rank"]), rank(u.value("median_rank", rjson())),
                       rank(u["rank_p05"]), rank(u["rank_p95"]), num_or_nan(u["p_rank_1"]),
                       num_or_nan(u.value("p_top_k", rjson()))});
  }
  check_uncertainty_units(v, card);
  return v;
}

uncertainty_view view_of(const report_uncertainty& in) {
  const uncertainty_result& r = in.result;
  const uncertainty_options& o = in.options;
  uncertainty_view v;
  v.method = o.method == perturbation::uniform ? "uniform" : "dirichlet";
  if (o.method == perturbation::uniform) v.percent = shortest(o.percent);
  v.seed = std::to_string(o.seed);
  v.samples = std::to_string(r.samples);
  v.top_k = std::to_string(r.top_k);
  for (std::ptrdiff_t u = 0; u < r.size(); ++u) {
    const auto i = static_cast<std::size_t>(u);
    auto rank = [](std::int32_t n) { return shown_rank{static_cast<double>(n), std::to_string(n)}; };
    v.units.push_back({r.units[i], rank(r.nominal_rank[i]), rank(r.median_rank[i]), rank(r.rank_p05[i]),
                       rank(r.rank_p95[i]), r.p_first[u], r.p_top_k[u]});
  }
  return v;
}

// The projects section's document: what `projects month` prints under "period" and "check", or
// the faces alone as {"<month>_faces": {<task force>: face}}, beside the headline figures.
rjson projects_dom(const report_projects& p) {
  rjson j = rjson::object();
  if (p.headline) {
    const projects_headline& h = *p.headline;
    j["signed"] = h.signed_projects;
    j["signed_investment_yi"] = h.signed_investment_yi;
    j["landed"] = h.landed;
    j["key_projects"] = h.key_projects;
    j["foreign_capital_wan_usd"] = h.foreign_capital_wan_usd;
    if (!std::isnan(h.investment_per_mu)) j["investment_per_mu"] = h.investment_per_mu;
    if (!std::isnan(h.tax_per_mu)) j["tax_per_mu"] = h.tax_per_mu;
  }
  if (p.detail == projects_detail::figures) {
    j["period"] = p.check.month.label();
    j["check"] = month_check_dom(p.check);
  } else {
    rjson faces = rjson::object();
    for (const auto& k : p.check.task_forces) faces[k.task_force] = to_string(k.verdict);
    j[p.check.month.label() + "_faces"] = std::move(faces);
  }
  return j;
}

}  // namespace
}  // namespace detail

report_data::report_data(std::shared_ptr<const model> m) : model_(std::move(m)) {}

report_data::report_data(const scorecard& card, const report_sections& sections) {
  using namespace detail;
  auto m = std::make_shared<report_data::model>(card.tree);
  fill_scorecard(*m, card, sections.title, sections.lang);
  if (sections.pay) {
    m->pay = pay_dom(sections.pay->result, sections.pay->staff, sections.pay->policy);
    check_pay_units(m->pay, card);
  }
  if (const auto& l = sections.land) m->land = land_report_dom(l->tree, l->config, l->records, l->evaluation);
  if (sections.projects) {
    m->projects = projects_dom(*sections.projects);
    if (faces_of(m->projects).rows.empty())
      throw error(errc::missing_field, "projects", "no faces: the month's check has no task forces");
  }
  if (sections.uncertainty) {
    m->uncertainty = view_of(*sections.uncertainty);
    check_uncertainty_units(*m->uncertainty, card);
  }
  if (sections.series) m->series = view_of(sections.series->series, sections.series->tree);
  if (sections.faces) m->faces_year = view_of(*sections.faces);
  if (sections.migration) m->migration = view_of(*sections.migration);
  model_ = std::move(m);
}

report_data report_data::parse(const report_inputs& in, const indicator_tree* tree) {
  using namespace detail;
  const scorecard card = read_scorecard(in.scorecard, "scorecard", tree);
  auto m = std::make_shared<report_data::model>(card.tree);
  fill_scorecard(*m, card, in.title, in.lang);
  if (!in.pay.empty()) {
    m->pay = parse_json(in.pay, "pay");
    for (const char* k : {"reconciliation", "task_forces", "people"}) field(m->pay, k, "pay");
    check_pay_units(m->pay, card);
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
  if (!in.uncertainty.empty())
    m->uncertainty = read_uncertainty_view(parse_json(in.uncertainty, "uncertainty"), card);
  if (!in.series.empty()) m->series = read_series_view(parse_json(in.series, "series"));
  if (!in.faces.empty()) m->faces_year = read_faces_year_view(parse_json(in.faces, "faces"));
  if (!in.migration.empty()) m->migration = read_migration_view(parse_json(in.migration, "migration"));
  return report_data(std::move(m));
}

bool report_data::has_pay() const { return !model_->pay.is_null(); }
bool report_data::has_land() const { return !model_->land.is_null(); }
bool report_data::has_projects() const { return !model_->projects.is_null(); }
bool report_data::has_uncertainty() const { return model_->uncertainty.has_value(); }
bool report_data::has_series() const { return model_->series.has_value(); }
bool report_data::has_faces_year() const { return model_->faces_year.has_value(); }
bool report_data::has_migration() const { return model_->migration.has_value(); }
report_lang report_data::lang() const { return model_->lang; }

const char* to_string(report_lang lang) noexcept { return lang == report_lang::en ? "en" : "zh"; }

}  // namespace zoneperf
