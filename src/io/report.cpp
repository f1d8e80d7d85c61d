#include "zoneperf/io/report.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "zoneperf/io/csv.hpp"

namespace zoneperf {

using json = nlohmann::ordered_json;

std::string shortest(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[64];
  // The shortest text that reads back exactly; plain digits for everyday magnitudes (100000, not 1e+05).
  const double a = std::fabs(v);
  const bool plain = a == 0 || (a >= 1e-5 && a < 1e15);
  const auto res = plain ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed)
                         : std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

std::string fixed(double v, int decimals) {
  if (std::isnan(v)) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (s == "-0" || s.rfind("-0.", 0) == 0) {  // no negative zero on screen
    bool zero = true;
    for (char c : s) zero = zero && (c == '-' || c == '0' || c == '.');
    if (zero) s.erase(0, 1);
  }
  return s;
}

namespace {
json num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

const char* source_name(leaf_explanation::target_source s) {
  switch (s) {
    case leaf_explanation::target_source::unit:
      return "unit";
    case leaf_explanation::target_source::default_value:
      return "default";
    default:
      return nullptr;
  }
}

json grade_json(const indicator_tree& tree, const assessment& r, std::ptrdiff_t u) {
  const int g = r.grade(u);
  return g >= 0 ? json(tree.grades()[static_cast<std::size_t>(g)].label) : json(nullptr);
}

std::string grade_text(const indicator_tree& tree, const assessment& r, std::ptrdiff_t u) {
  const int g = r.grade(u);
  return g >= 0 ? tree.grades()[static_cast<std::size_t>(g)].label : "-";
}
}  // namespace

std::string report_json(const indicator_tree& tree, const assessment& r,
                        const std::vector<std::string>& units,
                        const std::vector<std::vector<leaf_explanation>>* leaves, int indent) {
  json doc;
  doc["tree"] = tree.id();
  json list = json::array();
  for (std::ptrdiff_t u = 0; u < r.units(); ++u) {
    json j;
    j["id"] = units.at(static_cast<std::size_t>(u));
    j["total"] = num(r.total(u));
    j["rank"] = r.ranks().empty() ? json(nullptr) : json(r.rank(u));
    j["grade"] = grade_json(tree, r, u);
    j["veto"] = r.vetoed(u);
    json nodes = json::object();
    for (int idx : r.kept_nodes()) {
      const auto i = static_cast<std::size_t>(idx);
      nodes[tree.node(i).id] =
          json{{"score", num(r.score(u, i))}, {"max", num(r.max(u, i))}, {"rate", num(r.rate(u, i))}};
    }
    j["nodes"] = nodes;
    if (leaves && !(*leaves).at(static_cast<std::size_t>(u)).empty()) {
      json lj = json::object();
      for (const auto& e : (*leaves).at(static_cast<std::size_t>(u))) {
        json x;
        x["actual"] = num(e.actual);
        x["target"] = num(e.target);
        const char* src = source_name(e.source);
        x["target_source"] = src ? json(src) : json(nullptr);
        x["ratio"] = num(e.ratio);
        x["rule"] = e.kind == node_kind::leaf ? to_string(e.rule) : to_string(e.kind);
        x["fraction"] = num(e.fraction);
        x["capped"] = e.capped;
        x["points"] = num(e.points);
        x["max"] = num(e.max);
        x["vetoes"] = e.vetoes;
        lj[e.id] = x;
      }
      j["leaves"] = lj;
    }
    list.push_back(j);
  }
  doc["units"] = list;
  return doc.dump(indent, ' ', false, json::error_handler_t::strict) + "\n";
}

namespace {
struct table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

table summary(const indicator_tree& tree, const assessment& r, const std::vector<std::string>& units,
              bool exact) {
  table t;
  t.header.push_back("unit");
  for (int g : tree.groups())
    t.header.push_back(exact ? tree.node(static_cast<std::size_t>(g)).id
                             : tree.node(static_cast<std::size_t>(g)).name);
  for (const char* h : {"total", "rank", "grade", "veto"}) t.header.push_back(h);
  for (std::ptrdiff_t u = 0; u < r.units(); ++u) {
    std::vector<std::string> row{units.at(static_cast<std::size_t>(u))};
    for (int g : tree.groups()) {
      const double s = r.score(u, static_cast<std::size_t>(g));
      row.push_back(exact ? shortest(s) : fixed(s));
    }
    row.push_back(exact ? shortest(r.total(u)) : fixed(r.total(u)));
    row.push_back(r.ranks().empty() ? "" : std::to_string(r.rank(u)));
    row.push_back(grade_text(tree, r, u));
    row.push_back(r.vetoed(u) ? "yes" : "no");
    t.rows.push_back(std::move(row));
  }
  return t;
}
}  // namespace

std::string report_csv(const indicator_tree& tree, const assessment& r,
                       const std::vector<std::string>& units) {
  const table t = summary(tree, r, units, true);
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c) out += (c ? "," : "") + csv_field(cells[c]);
    out += "\n";
  };
  line(t.header);
  for (const auto& row : t.rows) line(row);
  return out;
}

std::string report_markdown(const indicator_tree& tree, const assessment& r,
                            const std::vector<std::string>& units) {
  const table t = summary(tree, r, units, false);
  std::string out = "## " + tree.name() + " (" + tree.id() + ")\n\n|";
  for (const auto& h : t.header) out += " " + h + " |";
  out += "\n|---|";
  for (std::size_t c = 1; c < t.header.size(); ++c) out += "---:|";
  out += "\n";
  for (const auto& row : t.rows) {
    out += "|";
    for (const auto& cell : row) out += " " + cell + " |";
    out += "\n";
  }
  return out;
}

std::string explanation_markdown(const indicator_tree& tree, const std::vector<leaf_explanation>& leaves) {
  std::string out =
      "| indicator | actual | target | ratio | rule | fraction | capped | points | max |\n"
      "|---|---:|---:|---:|---|---:|---|---:|---:|\n";
  for (const auto& e : leaves) {
    const node& n = tree.node(static_cast<std::size_t>(e.node));
    out += "| " + n.id + " " + n.name + " | " + (e.missing ? "missing" : shortest(e.actual)) + " | " +
           (std::isnan(e.target) ? "-" : shortest(e.target)) + " | " +
           (std::isnan(e.ratio) ? "-" : fixed(e.ratio, 4)) + " | " +
           (e.kind == node_kind::leaf ? to_string(e.rule) : to_string(e.kind)) + " | " +
           fixed(e.fraction, 4) + " | " + (e.capped ? "yes" : "no") + " | " + fixed(e.points, 4) + " | " +
           fixed(e.max, 2) + " |\n";
  }
  return out;
}

}  // namespace zoneperf
