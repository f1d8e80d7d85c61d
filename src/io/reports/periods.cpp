// The sections over periods: reading the series, faces and migration JSON, and their tables.
#include "periods.hpp"

#include <cmath>
#include <map>
#include <set>

#include "labels.hpp"
#include "model.hpp"
#include "zoneperf/error.hpp"
#include "zoneperf/text/number.hpp"

namespace zoneperf::detail {
namespace {

// A JSON pointer under `where` ("series" or "series:/rows/3").
std::string child(const std::string& where, const char* key) {
  return where + (where.find(':') == std::string::npos ? ":/" : "/") + key;
}

const rjson& need(const rjson& j, const char* key, const std::string& where) {
  if (!j.is_object() || !j.contains(key))
    throw error(errc::missing_field, where, std::string("missing \"") + key + "\"");
  return j.at(key);
}
const rjson& need_array(const rjson& j, const char* key, const std::string& where) {
  const rjson& v = need(j, key, where);
  if (!v.is_array())
    throw error(errc::wrong_type, child(where, key), std::string("\"") + key + "\" must be an array");
  return v;
}
std::string need_string(const rjson& j, const char* key, const std::string& where) {
  const rjson& v = need(j, key, where);
  if (!v.is_string())
    throw error(errc::wrong_type, child(where, key), std::string("\"") + key + "\" must be text");
  return v.get<std::string>();
}
double need_number(const rjson& j, const char* key, const std::string& where) {
  const rjson& v = need(j, key, where);
  if (!v.is_number())
    throw error(errc::wrong_type, child(where, key), std::string("\"") + key + "\" must be a number");
  return v.get<double>();
}
long long need_integer(const rjson& j, const char* key, const std::string& where) {
  const rjson& v = need(j, key, where);
  if (!v.is_number_integer())
    throw error(errc::wrong_type, child(where, key), std::string("\"") + key + "\" must be a whole number");
  return v.get<long long>();
}

}  // namespace

series_view read_series_view(const rjson& j) {
  const std::string top = "series:";
  series_view v;
  const rjson& periods = need_array(j, "periods", "series");
  std::map<std::string, std::size_t> period_index, unit_index;
  for (std::size_t i = 0; i < periods.size(); ++i) {
    if (!periods[i].is_string())
      throw error(errc::wrong_type, top + "/periods/" + std::to_string(i), "a period is text");
    period_index.emplace(periods[i].get<std::string>(), i);
    v.periods.push_back(periods[i].get<std::string>());
  }
  const rjson& rows = need_array(j, "rows", "series");
  std::set<std::pair<std::size_t, std::size_t>> seen;  // (unit, period)
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::string where = top + "/rows/" + std::to_string(i);
    const std::string unit = need_string(rows[i], "unit", where);
    const std::string p = need_string(rows[i], "period", where);
    const auto pi = period_index.find(p);
    if (pi == period_index.end())
      throw error(errc::missing_field, where + "/period", "period \"" + p + "\" is not in \"periods\"");
    auto [ui, fresh] = unit_index.emplace(unit, v.units.size());
    if (fresh) {
      v.units.push_back(unit);
      v.cells.emplace_back(v.periods.size());
    }
    if (!seen.emplace(ui->second, pi->second).second)
      throw error(errc::duplicate_unit, where, "unit \"" + unit + "\" is given twice for period " + p);
    series_cell& c = v.cells[ui->second][pi->second];
    const rjson& absent = rows[i].contains("absent") ? rows[i]["absent"] : rjson();
    if (absent.is_boolean() && absent.get<bool>()) continue;
    c.present = true;
    c.total = need_number(rows[i], "total", where);
    c.rank = static_cast<int>(need_integer(rows[i], "rank", where));
    c.grade =
        rows[i].contains("grade") && rows[i]["grade"].is_string() ? rows[i]["grade"].get<std::string>() : "";
    if (rows[i].contains("delta_score") && !rows[i]["delta_score"].is_null())
      c.d_score = need_number(rows[i], "delta_score", where);
    if (rows[i].contains("delta_rank") && !rows[i]["delta_rank"].is_null())
      c.d_rank = static_cast<int>(need_integer(rows[i], "delta_rank", where));
  }
  // A change is against the period just before in the list: the workbook's formulas refer to it.
  std::vector<problem> problems;
  for (std::size_t u = 0; u < v.units.size(); ++u)
    for (std::size_t p = 0; p < v.periods.size(); ++p) {
      const series_cell& c = v.cells[u][p];
      if (!c.d_score && !c.d_rank) continue;
      const std::string where = "series: unit \"" + v.units[u] + "\", period " + v.periods[p];
      if (p == 0 || !v.cells[u][p - 1].present) {
        problems.push_back({errc::inconsistent_scorecard, where, "a change without the period before it"});
        continue;
      }
      const series_cell& b = v.cells[u][p - 1];
      const double ds = c.total - b.total;
      if (c.d_score &&
          std::fabs(*c.d_score - ds) > 1e-9 * std::max(1.0, std::fabs(c.total) + std::fabs(b.total)))
        problems.push_back({errc::inconsistent_scorecard, where,
                            "delta_score " + shortest(*c.d_score) + " is not total(" + v.periods[p] +
                                ") − total(" + v.periods[p - 1] + ") = " + shortest(ds)});
      if (c.d_rank && *c.d_rank != b.rank - c.rank)
        problems.push_back({errc::inconsistent_scorecard, where,
                            "delta_rank " + std::to_string(*c.d_rank) + " is not rank(" + v.periods[p - 1] +
                                ") − rank(" + v.periods[p] + ") = " + std::to_string(b.rank - c.rank)});
    }
  if (!problems.empty()) throw error(std::move(problems));
  return v;
}

faces_year_view read_faces_year_view(const rjson& j) {
  const std::string top = "faces:";
  faces_year_view v;
  v.year = text_of(need(j, "year", "faces"));
  v.as_of = j.contains("as_of") ? text_of(j["as_of"]) : "";
  const rjson& tfs = need_array(j, "task_forces", "faces");
  static const char* const keys[] = {"intent", "signed", "landed"};
  for (std::size_t t = 0; t < tfs.size(); ++t) {
    const std::string where = top + "/task_forces/" + std::to_string(t);
    faces_year_row r;
    r.task_force = need_string(tfs[t], "task_force", where);
    r.smiles = need_integer(tfs[t], "smiles", where);
    r.cries = need_integer(tfs[t], "cries", where);
    const rjson& months = need_array(tfs[t], "months", where);
    for (std::size_t k = 0; k < months.size(); ++k) {
      const std::string w = where + "/months/" + std::to_string(k);
      faces_month fm;
      fm.month = need_string(months[k], "month", w);
      fm.face = months[k].contains("face") && months[k]["face"].is_string()
                    ? months[k]["face"].get<std::string>()
                    : "";
      for (int i = 0; i < 3; ++i) {
        fm.actual[i] =
            months[k].contains("actual") ? num_or_nan(months[k]["actual"].value(keys[i], rjson())) : NAN;
        fm.target[i] =
            months[k].contains("target") ? num_or_nan(months[k]["target"].value(keys[i], rjson())) : NAN;
      }
      if (months[k].contains("missed") && months[k]["missed"].is_array())
        for (const auto& x : months[k]["missed"]) fm.missed.push_back(text_of(x));
      r.months.push_back(std::move(fm));
    }
    v.rows.push_back(std::move(r));
  }
  return v;
}

migration_view read_migration_view(const rjson& j) {
  const std::string top = "migration:";
  migration_view v;
  const rjson& mx = need(j, "matrix", "migration");
  for (const auto& x : need_array(mx, "rows", top + "/matrix")) v.rows.push_back(text_of(x));
  for (const auto& x : need_array(mx, "columns", top + "/matrix")) v.columns.push_back(text_of(x));
  const rjson& counts = need_array(mx, "counts", top + "/matrix");
  if (counts.size() != v.rows.size())
    throw error(errc::wrong_type, top + "/matrix/counts", "one row of counts per row label");
  for (std::size_t r = 0; r < counts.size(); ++r) {
    if (!counts[r].is_array() || counts[r].size() != v.columns.size())
      throw error(errc::wrong_type, top + "/matrix/counts/" + std::to_string(r),
                  "one count per column label");
    std::vector<long long> row;
    for (const auto& c : counts[r]) {
      if (!c.is_number_integer())
        throw error(errc::wrong_type, top + "/matrix/counts/" + std::to_string(r),
                    "a count is a whole number");
      row.push_back(c.get<long long>());
    }
    v.counts.push_back(std::move(row));
  }
  const rjson& moves = need_array(j, "moves", "migration");
  for (std::size_t i = 0; i < moves.size(); ++i) {
    const std::string where = top + "/moves/" + std::to_string(i);
    migration_move mv;
    mv.id = need_string(moves[i], "id", where);
    mv.name = text_of(moves[i].value("name", rjson()));
    mv.from = text_of(moves[i].value("from", rjson()));
    mv.to = text_of(moves[i].value("to", rjson()));
    mv.move = need_string(moves[i], "move", where);
    mv.steps = moves[i].contains("steps") && moves[i]["steps"].is_number_integer()
                   ? moves[i]["steps"].get<long long>()
                   : 0;
    v.moves.push_back(std::move(mv));
  }
  return v;
}

series_view view_of(const assessment_series& s, const indicator_tree& tree) {
  series_view v;
  for (const auto& p : s.periods()) v.periods.push_back(p.label());
  v.units = s.units();
  for (std::size_t u = 0; u < s.units().size(); ++u) {
    std::vector<series_cell> row(v.periods.size());
    for (std::size_t p = 0; p < row.size(); ++p) {
      const std::ptrdiff_t r = s.row(u, p);
      if (r < 0) continue;
      const assessment& a = s.at(p);
      series_cell& c = row[p];
      c.present = true;
      c.total = a.total(r);
      c.rank = a.rank(r);
      const int g = a.grade(r);
      c.grade = g >= 0 ? tree.grades()[static_cast<std::size_t>(g)].label : "";
      c.d_score = s.delta_score(u, p);
      c.d_rank = s.delta_rank(u, p);
    }
    v.cells.push_back(std::move(row));
  }
  return v;
}

faces_year_view view_of(const year_of_faces& faces) {
  faces_year_view v;
  v.year = std::to_string(faces.year);
  v.as_of = zoneperf::to_string(faces.as_of);
  auto figures = [](const monthly_targets& t, double(&out)[3]) {
    out[0] = static_cast<double>(t.intent);
    out[1] = static_cast<double>(t.signed_);
    out[2] = static_cast<double>(t.landed);
  };
  for (std::size_t t = 0; t < faces.task_forces.size(); ++t) {
    faces_year_row r;
    r.task_force = faces.task_forces[t];
    const face_tally n = faces.tally(t);
    r.smiles = n.smiles;
    r.cries = n.cries;
    for (const monthly_check& m : faces.months) {
      const task_force_check& k = m.task_forces[t];
      faces_month fm;
      fm.month = m.month.label();
      fm.face = to_string(k.verdict);
      figures(k.actual, fm.actual);
      figures(k.target, fm.target);
      fm.missed = k.missed;
      r.months.push_back(std::move(fm));
    }
    v.rows.push_back(std::move(r));
  }
  return v;
}

migration_view view_of(const class_migration& m) {
  migration_view v;
  v.rows = v.columns = m.labels;
  v.rows.emplace_back("entered");
  v.columns.emplace_back("left");
  for (std::size_t from = 0; from < m.size(); ++from) {
    std::vector<long long> row;
    for (std::size_t to = 0; to < m.size(); ++to) row.push_back(static_cast<long long>(m.at(from, to)));
    v.counts.push_back(std::move(row));
  }
  auto label = [&](const std::optional<std::uint32_t>& c) { return c ? m.labels[*c] : std::string(); };
  for (const auto& e : m.moves)
    v.moves.push_back({e.id, e.name, label(e.from), label(e.to), to_string(e.move), e.steps});
  return v;
}

std::vector<report_table> period_tables(const report_model& m) {
  std::vector<report_table> out;
  auto Ls = [&](std::initializer_list<const char*> ids) {
    std::vector<std::string> h;
    for (const char* id : ids) h.emplace_back(label(m.lang, id));
    return h;
  };
  if (m.series) {
    const series_view& s = *m.series;
    report_table t{
        "series",
        std::string(label(m.lang, "table.series")),
        Ls({"col.unit", "col.period", "col.total", "col.rank", "col.grade", "col.d_score", "col.d_rank"}),
        {}};
    for (std::size_t u = 0; u < s.units.size(); ++u)
      for (std::size_t p = 0; p < s.periods.size(); ++p) {
        const series_cell& c = s.cells[u][p];
        if (!c.present) {
          t.rows.push_back({s.units[u], s.periods[p], "", "", "", "", ""});
          continue;
        }
        t.rows.push_back({s.units[u], s.periods[p], shortest(c.total), std::to_string(c.rank), c.grade,
                          c.d_score ? shortest(*c.d_score) : "", c.d_rank ? std::to_string(*c.d_rank) : ""});
      }
    out.push_back(std::move(t));
  }
  if (m.faces_year) {
    const faces_year_view& f = *m.faces_year;
    report_table t{
        "faces_year", label_fill(m.lang, "table.faces_year", {f.year}), Ls({"col.task_force"}), {}};
    if (!f.rows.empty())
      for (const auto& mo : f.rows.front().months) t.header.push_back(mo.month);
    t.header.emplace_back(label(m.lang, "col.smiles"));
    t.header.emplace_back(label(m.lang, "col.cries"));
    report_table d{"faces_year_months",
                   label_fill(m.lang, "table.faces_year_months", {f.year}),
                   Ls({"col.task_force", "col.month", "col.face"}),
                   {}};
    for (const char* c : {"intent", "signed", "landed"}) {
      const std::string name = label_or(m.lang, "col", c);
      d.header.push_back(label_fill(m.lang, "word.actual_of", {name}));
      d.header.push_back(label_fill(m.lang, "word.target_of", {name}));
    }
    d.header.emplace_back(label(m.lang, "col.missed"));
    auto num = [](double v) { return std::isnan(v) ? std::string() : shortest(v); };
    for (const auto& r : f.rows) {
      std::vector<std::string> row{r.task_force};
      for (const auto& mo : r.months) {
        row.push_back(mo.face);
        std::vector<std::string> line{r.task_force, mo.month, mo.face};
        for (int i = 0; i < 3; ++i) {
          line.push_back(num(mo.actual[i]));
          line.push_back(num(mo.target[i]));
        }
        line.push_back(missed_text(m.lang, mo.missed));
        d.rows.push_back(std::move(line));
      }
      row.push_back(std::to_string(r.smiles));
      row.push_back(std::to_string(r.cries));
      t.rows.push_back(std::move(row));
    }
    out.push_back(std::move(t));
    out.push_back(std::move(d));
  }
  if (m.migration) {
    const migration_view& g = *m.migration;
    report_table t{"migration",
                   std::string(label(m.lang, "table.migration")),
                   {std::string(label(m.lang, "col.from_to"))},
                   {}};
    for (const auto& c : g.columns) t.header.push_back(label_or(m.lang, "class", c));
    t.header.emplace_back(label(m.lang, "col.row_total"));
    for (std::size_t r = 0; r < g.rows.size(); ++r) {
      std::vector<std::string> row{label_or(m.lang, "class", g.rows[r])};
      long long sum = 0;
      for (long long c : g.counts[r]) {
        row.push_back(std::to_string(c));
        sum += c;
      }
      row.push_back(std::to_string(sum));
      t.rows.push_back(std::move(row));
    }
    out.push_back(std::move(t));
    report_table mv{"migration_moves",
                    std::string(label(m.lang, "table.migration_moves")),
                    Ls({"col.id", "col.name", "col.from", "col.to", "col.move", "col.steps"}),
                    {}};
    for (const auto& x : g.moves)
      mv.rows.push_back(
          {x.id, x.name, x.from, x.to, label_or(m.lang, "move", x.move), std::to_string(x.steps)});
    out.push_back(std::move(mv));
  }
  return out;
}

}  // namespace zoneperf::detail
