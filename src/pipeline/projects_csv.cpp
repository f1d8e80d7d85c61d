// Reading and writing the projects table (one row per project, one column per stage date).
#include <algorithm>
#include <cmath>
#include <sstream>
#include <unordered_map>

#include "registry_impl.hpp"
#include "zoneperf/pipeline/registry.hpp"
#include "zoneperf/text/columns.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/number.hpp"
#include "zoneperf/text/workbook.hpp"

namespace zoneperf {
namespace {
enum column : int {
  c_id,
  c_name,
  c_task_force,
  c_industry,
  c_key,
  c_chain,
  c_top500,
  c_total_investment,
  c_fixed_asset_investment,
  c_foreign_capital,
  c_land_area,
  c_annual_tax,
  c_admission_score,
  c_first_stage  // then one column per stage, in stage order
};
constexpr int column_count = c_first_stage + static_cast<int>(stage_count);

const std::vector<std::string>& column_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n = {"id",
                                  "name",
                                  "task_force",
                                  "industry",
                                  "key",
                                  "chain",
                                  "top500",
                                  "total_investment",
                                  "fixed_asset_investment",
                                  "foreign_capital",
                                  "land_area",
                                  "annual_tax",
                                  "admission_score"};
    for (std::size_t s = 0; s < stage_count; ++s) n.push_back(to_string(static_cast<stage>(s)));
    return n;
  }();
  return names;
}

/// An empty cell (ASCII spaces only) is "not given", as parse_number has it.
bool blank(std::string_view cell) { return cell.find_first_not_of(' ') == std::string_view::npos; }

/// The area in mu as the shortest exact decimal ("12.5", "0"), which area::parse reads back.
std::string exact_mu(area a) {
  area_format f;
  f.decimals = area::exact_decimals(area_unit::mu);
  f.unit_suffix = area_format::suffix::none;
  std::string s = to_string(a, area_unit::mu, f);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

struct parsed {
  std::vector<project> projects;
  std::vector<std::size_t> rows;             // csv row of each project
  std::array<int, column_count> position{};  // csv column of each known column, or -1
  std::optional<date> latest;
};

parsed parse_rows(const cell_table& csv, std::vector<problem>& out) {
  parsed r;
  r.position.fill(-1);
  const auto& names = column_names();
  std::vector<std::string> ids;
  try {
    ids = column_ids(csv, record_table::projects);
  } catch (const error& e) {
    out.insert(out.end(), e.problems().begin(), e.problems().end());
    return r;
  }
  for (std::size_t c = 0; c < csv.header.size(); ++c) {
    const auto it = std::find(names.begin(), names.end(), ids[c]);
    if (it == names.end()) {
      out.push_back({errc::unknown_column, csv.header_where(c),
                     "unknown column '" + csv.header[c] + "' (see docs/projects.md for the columns)"});
      continue;
    }
    auto& pos = r.position[static_cast<std::size_t>(it - names.begin())];
    if (pos >= 0) {
      out.push_back(
          {errc::duplicate_column, csv.header_where(c), "column '" + csv.header[c] + "' given twice"});
      continue;
    }
    pos = static_cast<int>(c);
  }
  for (int required : {c_id, c_task_force, c_first_stage})
    if (r.position[required] < 0)
      out.push_back(
          {errc::missing_column, csv.header_row_where(), "missing column '" + names[required] + "'"});
  if (!out.empty()) return r;

  std::unordered_map<std::string, std::size_t> first_line;  // id -> line
  for (std::size_t row = 0; row < csv.rows(); ++row) {
    const auto cells = csv.row(row);
    auto cell = [&](int col) -> std::string_view {
      const int pos = r.position[col];
      return pos < 0 ? std::string_view{} : std::string_view(cells[pos]);
    };
    auto where = [&](int col) { return csv.where(row, static_cast<std::size_t>(r.position[col])); };
    project p;
    p.id = std::string(cell(c_id));
    if (p.id.empty())
      out.push_back({errc::bad_project_field, where(c_id), "empty project id"});
    else if (auto [it, fresh] = first_line.emplace(p.id, csv.line(row)); !fresh)
      out.push_back({errc::duplicate_project, where(c_id),
                     "project '" + p.id + "' already on line " + std::to_string(it->second)});
    p.name = std::string(cell(c_name));
    p.task_force = std::string(cell(c_task_force));
    p.industry = std::string(cell(c_industry));
    for (auto [col, flag] :
         {std::pair{c_key, &project::key_project}, std::pair{c_chain, &project::chain_project},
          std::pair{c_top500, &project::top500}}) {
      const auto v = cell(col);
      if (v == "1")
        p.*flag = true;
      else if (!(v.empty() || v == "0"))
        out.push_back(
            {errc::bad_project_field, where(col),
             "bad flag '" + std::string(v) + "' in column '" + column_names()[col] + "': expected 0 or 1"});
    }
    auto collect = [&](auto&& parse) {
      try {
        parse();
      } catch (const error& e) {
        out.insert(out.end(), e.problems().begin(), e.problems().end());
      }
    };
    for (const auto& column_amount : {std::pair{c_total_investment, &project::total_investment},
                                      std::pair{c_fixed_asset_investment, &project::fixed_asset_investment},
                                      std::pair{c_annual_tax, &project::annual_tax}}) {
      const auto col = column_amount.first;      // named copies: C++17 lambdas cannot capture
      const auto amount = column_amount.second;  // structured bindings (clang enforces it)
      if (!cell(col).empty()) collect([&] { p.*amount = detail::parse_wan<cny>(cell(col), where(col)); });
    }
    if (!cell(c_foreign_capital).empty())
      collect([&] {
        p.foreign_capital = detail::parse_wan<usd>(cell(c_foreign_capital), where(c_foreign_capital));
      });
    if (!blank(cell(c_land_area)))
      collect([&] {
        p.land = area::parse(cell(c_land_area), area_unit::mu, where(c_land_area));
        if (p.land < area())
          out.push_back({errc::bad_project_field, where(c_land_area), "negative land area"});
      });
    try {
      if (r.position[c_admission_score] >= 0)
        p.admission_score = parse_number(cell(c_admission_score), where(c_admission_score));
    } catch (const error& e) {
      out.insert(out.end(), e.problems().begin(), e.problems().end());
    }
    for (std::size_t s = 0; s < stage_count; ++s) {
      const int col = c_first_stage + static_cast<int>(s);
      if (r.position[col] < 0) continue;
      try {
        p.dates[s] = parse_optional_date(cell(col), where(col));
        if (p.dates[s] && (!r.latest || *r.latest < *p.dates[s])) r.latest = p.dates[s];
      } catch (const error& e) {
        out.insert(out.end(), e.problems().begin(), e.problems().end());
      }
    }
    r.projects.push_back(std::move(p));
    r.rows.push_back(row);
  }
  return r;
}

/// Checks that need the whole table (the as-of date may be its latest date): task forces, stage dates.
void check_rows(const cell_table& csv, const parsed& r, const load_options& options, date as_of,
                std::vector<problem>& out) {
  std::unordered_map<std::string, int> known;
  for (const auto& tf : options.task_forces) known.emplace(tf, 0);
  for (std::size_t k = 0; k < r.projects.size(); ++k) {
    const project& p = r.projects[k];
    const std::size_t row = r.rows[k];
    if (!known.count(p.task_force)) {
      std::string list;
      for (const auto& tf : options.task_forces) list += (list.empty() ? "" : ", ") + tf;
      out.push_back({errc::unregistered_task_force,
                     csv.where(row, static_cast<std::size_t>(r.position[c_task_force])),
                     "unknown task force '" + p.task_force + "' (known: " + list + ")"});
    }
    for (auto& d : detail::check_dates(p, as_of)) {
      const int col = c_first_stage + static_cast<int>(index(d.at));
      const int pos = r.position[col] >= 0 ? r.position[col] : r.position[c_first_stage];
      out.push_back(
          {d.code, csv.where(row, static_cast<std::size_t>(pos)), "project '" + p.id + "': " + d.what});
    }
  }
}

date as_of_for(const parsed& r, const load_options& options, const cell_table& csv) {
  if (options.as_of) return *options.as_of;
  if (r.latest) return *r.latest;
  throw error(errc::not_contacted, csv.source, "no project has a date; give an as-of date");
}
}  // namespace

std::vector<problem> validate_projects(const cell_table& csv, const load_options& options) {
  std::vector<problem> out;
  const parsed r = parse_rows(csv, out);
  if (r.position[c_id] < 0 || r.position[c_task_force] < 0 || r.position[c_first_stage] < 0) return out;
  if (!options.as_of && !r.latest) {
    if (!r.projects.empty())
      out.push_back({errc::not_contacted, csv.source, "no project has a date; give an as-of date"});
    return out;
  }
  check_rows(csv, r, options, as_of_for(r, options, csv), out);
  return out;
}

registry read_projects(const cell_table& csv, const load_options& options) {
  std::vector<problem> out;
  parsed r = parse_rows(csv, out);
  if (!out.empty()) throw error(std::move(out));
  const date as_of = as_of_for(r, options, csv);
  check_rows(csv, r, options, as_of, out);
  if (!out.empty()) throw error(std::move(out));
  registry reg(registry_options{options.task_forces, as_of});
  for (auto& p : r.projects) reg.add(std::move(p));
  return reg;
}

registry read_projects(std::string_view csv_text, const std::string& source, const load_options& options) {
  return read_projects(read_cells(csv_text, source), options);
}

registry read_projects_file(const std::string& path, const load_options& options) {
  return read_projects(read_cells_file(path), options);
}

std::string write_projects_csv(const registry& reg) {
  std::ostringstream out;
  const auto& names = column_names();
  for (std::size_t c = 0; c < names.size(); ++c) out << (c ? "," : "") << names[c];
  out << '\n';
  for (const project* p : reg.all()) {
    out << csv_field(p->id, csv_for::reading_back) << ',' << csv_field(p->name, csv_for::reading_back) << ','
        << csv_field(p->task_force, csv_for::reading_back) << ','
        << csv_field(p->industry, csv_for::reading_back) << ',' << (p->key_project ? 1 : 0) << ','
        << (p->chain_project ? 1 : 0) << ',' << (p->top500 ? 1 : 0) << ','
        << to_string(p->total_investment, money_unit::wan) << ','
        << to_string(p->fixed_asset_investment, money_unit::wan) << ','
        << to_string(p->foreign_capital, money_unit::wan) << ',';
    out << exact_mu(p->land) << ',' << to_string(p->annual_tax, money_unit::wan) << ',';
    if (p->admission_score) {
      std::ostringstream s;
      s.precision(17);
      s << *p->admission_score;
      out << s.str();
    }
    for (std::size_t s = 0; s < stage_count; ++s) out << ',' << (p->dates[s] ? to_string(*p->dates[s]) : "");
    out << '\n';
  }
  return out.str();
}

}  // namespace zoneperf
