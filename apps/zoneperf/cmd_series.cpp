// zoneperf series: one tree scored over the periods of a year (or several), with the change from
// period to period, year on year and the year's reductions (docs/semantics.md §9).
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <sstream>

#include "cli.hpp"
#include "progress.hpp"
#include "zoneperf/io/period_tables.hpp"
#include "zoneperf/io/report.hpp"
#include "zoneperf/io/tables.hpp"
#include "zoneperf/period_values.hpp"
#include "zoneperf/presets.hpp"
#include "zoneperf/series.hpp"
#include "zoneperf/text/json_writer.hpp"
#include "zoneperf/text/number.hpp"
#include "zoneperf/text/workbook.hpp"

namespace zoneperf::cli {
namespace {

struct series_args {
  std::string preset, tree_file, targets_file, basis = "ytd", reduce;
  std::vector<std::string> values, labelled, period_targets;
  bool cumulative = false, in_period = false, allow_gaps = false;
  double share = 0.7;
  output_format format = output_format::table;
  progress_display progress = progress_display::automatic;
};

series_reduction reduction_of(const std::string& name) {
  return name == "last"   ? series_reduction::last
         : name == "mean" ? series_reduction::mean
                          : series_reduction::fold;
}

std::vector<int> years_of(const assessment_series& s) {
  std::vector<int> years;
  for (const auto& p : s.periods())
    if (years.empty() || years.back() != p.label_year()) years.push_back(p.label_year());
  return years;
}

std::string yoy_text(const year_on_year& y) {
  switch (y.kind) {
    case year_on_year::state::value:
      return shortest(y.value);
    case year_on_year::state::no_base:
      return "no base";
    default:
      return "-";
  }
}

// The long table: one row per unit and period, periods in time order within each unit.
std::vector<std::string> series_header(const indicator_tree& tree) {
  std::vector<std::string> h = {"unit", "period", "total", "rank", "grade"};
  for (int g : tree.groups()) h.push_back(tree.node(static_cast<std::size_t>(g)).id);
  for (const char* x : {"d_score", "d_rank", "yoy"}) h.emplace_back(x);
  return h;
}

// Unit u's row of period p (its label given), into `row` (one cell per header column).
void series_row(const indicator_tree& tree, const assessment_series& s, std::size_t u, std::size_t p,
                const std::string& label, std::vector<std::string>& row) {
  row.clear();
  row.push_back(s.units()[u]);
  row.push_back(label);
  const std::ptrdiff_t r = s.row(u, p);
  if (r < 0) {
    row.resize(tree.groups().size() + 8, "-");
    row[2] = "absent";
    return;
  }
  const assessment& a = s.at(p);
  const int g = a.grade(r);
  row.push_back(fixed(a.total(r), 2));
  row.push_back(std::to_string(a.rank(r)));
  row.push_back(g < 0 ? "-" : tree.grades()[static_cast<std::size_t>(g)].label);
  for (int grp : tree.groups()) row.push_back(fixed(a.score(r, static_cast<std::size_t>(grp)), 2));
  const auto ds = s.delta_score(u, p);
  const auto dr = s.delta_rank(u, p);
  row.push_back(ds ? fixed(*ds, 2) : "-");
  row.push_back(dr ? std::to_string(*dr) : "-");
  row.push_back(yoy_text(s.yoy(u, p)));
}

text_table series_table(const indicator_tree& tree, const assessment_series& s) {
  text_table t;
  t.header = series_header(tree);
  t.right.assign(t.header.size(), true);
  t.right[0] = t.right[1] = t.right[4] = false;
  for (std::size_t u = 0; u < s.units().size(); ++u)
    for (std::size_t p = 0; p < s.periods().size(); ++p) {
      t.rows.emplace_back();
      series_row(tree, s, u, p, s.periods()[p].label(), t.rows.back());
    }
  return t;
}

// series_table(tree, s).csv(), row by row into `out`: a series of 10^6 units and 12 periods is
// twelve million rows, which a table of strings held whole (and then its text) would double.
void write_series_csv(text_output& out, const indicator_tree& tree, const assessment_series& s) {
  std::string& b = out.buffer();
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c) b += ',';
      append_csv_field(b, cells[c], csv_for::people);
    }
    b += '\n';
  };
  line(series_header(tree));
  std::vector<std::string> labels, row;
  for (const period& p : s.periods()) labels.push_back(p.label());
  for (std::size_t u = 0; u < s.units().size(); ++u)
    for (std::size_t p = 0; p < s.periods().size(); ++p) {
      series_row(tree, s, u, p, labels[p], row);
      line(row);
      out.maybe_flush();
    }
}

text_table reduction_table(const assessment_series& s, series_reduction how, const fold_options& fold) {
  text_table t;
  t.header = {"unit"};
  t.right = {false};
  std::vector<std::vector<std::optional<double>>> by_year;
  for (int y : years_of(s)) {
    t.header.push_back(std::to_string(y) + " " + to_string(how));
    t.right.push_back(true);
    by_year.push_back(reduce_year(s, y, how, fold));
  }
  for (std::size_t u = 0; u < s.units().size(); ++u) {
    std::vector<std::string> row{s.units()[u]};
    for (const auto& v : by_year) row.push_back(v[u] ? fixed(*v[u], 2) : "-");
    t.rows.push_back(std::move(row));
  }
  return t;
}

void write_json(text_output& out, const indicator_tree& tree, const assessment_series& s,
                const series_args& a, const fold_options& fold) {
  json_writer w(out, 2);
  w.begin_object();
  w.member("tree", tree.id());
  w.member("data", a.cumulative ? "cumulative" : "in-period");
  w.member("basis", a.basis);
  w.key("periods");
  w.begin_array();
  for (const auto& p : s.periods()) w.value(p.label());
  w.end_array();
  w.key("rows");
  w.begin_array();
  for (std::size_t u = 0; u < s.units().size(); ++u)
    for (std::size_t p = 0; p < s.periods().size(); ++p) {
      const std::ptrdiff_t r = s.row(u, p);
      w.begin_object();
      w.member("unit", s.units()[u]);
      w.member("period", s.periods()[p].label());
      w.member("absent", r < 0);
      if (r >= 0) {
        const assessment& as = s.at(p);
        w.member("total", as.total(r));
        w.member("rank", as.rank(r));
        w.key("grade");
        const int g = as.grade(r);
        g >= 0 ? w.value(tree.grades()[static_cast<std::size_t>(g)].label) : w.null();
        w.key("groups");
        w.begin_object();
        for (int grp : tree.groups())
          w.member(tree.node(static_cast<std::size_t>(grp)).id, as.score(r, static_cast<std::size_t>(grp)));
        w.end_object();
        const auto ds = s.delta_score(u, p);
        const auto dr = s.delta_rank(u, p);
        const auto y = s.yoy(u, p);
        w.key("delta_score");
        ds ? w.value(*ds) : w.null();
        w.key("delta_rank");
        dr ? w.value(*dr) : w.null();
        w.key("yoy");
        y.kind == year_on_year::state::value     ? w.value(y.value)
        : y.kind == year_on_year::state::no_base ? w.value("no base")
                                                 : w.null();
      }
      w.end_object();
    }
  w.end_array();
  if (!a.reduce.empty()) {
    w.key("reductions");
    w.begin_object();
    w.member("method", a.reduce);
    for (int y : years_of(s)) {
      const auto v = reduce_year(s, y, reduction_of(a.reduce), fold);
      w.key(std::to_string(y));
      w.begin_object();
      for (std::size_t u = 0; u < s.units().size(); ++u) {
        w.key(s.units()[u]);
        v[u] ? w.value(*v[u]) : w.null();
      }
      w.end_object();
    }
    w.end_object();
  }
  w.end_object();
  out << '\n';
}

std::pair<std::string, std::string> label_and_file(const char* option, const std::string& entry) {
  const auto eq = entry.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == entry.size())
    throw CLI::ValidationError(option, "expected LABEL=FILE, got \"" + entry + "\"");
  return {entry.substr(0, eq), entry.substr(eq + 1)};
}

void run_series(const series_args& a) {
  progress_printer progress(a.progress);
  const indicator_tree tree =
      a.tree_file.empty() ? load_preset(a.preset) : indicator_tree::from_file(a.tree_file);
  std::vector<period_table> tables;
  auto add = [&](const period& p, std::unique_ptr<cell_source> cells, std::string source) {
    period_table t;
    t.p = p;
    t.source = std::move(source);
    t.values = read_values(tree, *cells);
    tables.push_back(std::move(t));
  };
  // A long table gives every period in its period column; any other file is one period, named by
  // its stem.
  for (const auto& f : a.values) {
    const long_table long_values = long_table::open(f, progress.callback());
    if (long_values.has_periods()) {
      for (const period& p : long_values.periods())
        add(p, long_values.rows(p), long_values.name() + " (" + p.label() + ")");
    } else if (f == "-") {
      throw error(errc::bad_period, long_values.name(),
                  "no period column (period, 期间, 报告期): give --period LABEL=- for one period");
    } else {
      const std::string stem = std::filesystem::path(f.substr(0, f.find('#'))).stem().string();
      add(period::parse(stem, f), open_cells(f, progress.callback()), f);
    }
  }
  for (const auto& lf : a.labelled) {
    const auto [label, file] = label_and_file("--period", lf);
    add(period::parse(label, file), open_cells(file, progress.callback()), file);
  }
  // The periods' own targets: LABEL=FILE, or a long table with a period column.
  for (const auto& entry : a.period_targets) {
    const auto eq = entry.find('=');
    auto of_period = [&](const period& p) -> period_table& {
      for (auto& t : tables)
        if (t.p == p) return t;
      throw error(errc::bad_period, entry, "--period-targets: the series has no period " + p.label());
    };
    if (eq != std::string::npos && !std::filesystem::exists(entry)) {
      const auto [label, file] = label_and_file("--period-targets", entry);
      period_table& t = of_period(period::parse(label, file));
      t.targets = read_targets(tree, t.values.units, *open_cells(file));
      continue;
    }
    const long_table long_targets = long_table::open(entry, progress.callback());
    if (!long_targets.has_periods())
      throw error(errc::bad_period, long_targets.name(),
                  "no period column (period, 期间, 报告期): give --period-targets LABEL=FILE");
    for (const period& p : long_targets.periods()) {
      period_table& t = of_period(p);
      t.targets = read_targets(tree, t.values.units, *long_targets.rows(p));
    }
  }
  targets_table targets;
  if (!a.targets_file.empty())
    targets = read_targets_file(tree, series_units(tables), a.targets_file, progress.callback());
  series_options o;
  o.data = a.cumulative ? data_basis::cumulative : data_basis::in_period;
  o.basis = a.basis == "ytd" ? data_basis::cumulative : data_basis::in_period;
  o.allow_gaps = a.allow_gaps;
  const assessment_series s = assess_series(tree, tables, a.targets_file.empty() ? nullptr : &targets, o);
  progress.clear();
  fold_options fold;
  fold.quarter_share = a.share;

  text_output out(std::cout, "standard output");
  if (a.format == output_format::json) {
    write_json(out, tree, s, a, fold);
    out.flush();
    return;
  }
  std::optional<text_table> r;
  if (!a.reduce.empty()) r = reduction_table(s, reduction_of(a.reduce), fold);
  if (a.format == output_format::csv) {
    write_series_csv(out, tree, s);
    if (r) out << "\n" << r->csv();
    out.flush();
    return;
  }
  const text_table t = series_table(tree, s);
  switch (a.format) {
    case output_format::markdown:
      out << t.markdown();
      if (r) out << "\n" << r->markdown();
      break;
    default:
      out << t.render();
      if (r) out << "\n" << r->render();
  }
  out.flush();
}

void add_series_commands(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "series", "Score one tree over the periods of a year: total, rank, change and year on year per period");
  static series_args a;
  auto* preset = cmd->add_option("--preset", a.preset, "A preset scorecard (see `zoneperf preset list`)");
  auto* tree = cmd->add_option("--tree", a.tree_file, "A tree file (JSON)")->check(CLI::ExistingFile);
  preset->excludes(tree);
  cmd->add_option(
         "--values", a.values,
         "One values table per period, the period named by the file's stem (2020-07.csv, 2020Q3.xlsx), "
         "or a long table with a period column (- reads standard input)")
      ->check(table_file);
  cmd->add_option("--period", a.labelled, "A period's table with its label: 2020-07=july.csv");
  cmd->add_option("--period-targets", a.period_targets,
                  "A period's own targets, 2020-07=t07.csv, or a long table with a period column; "
                  "a cell given wins over scaling");
  cmd->add_option("--targets", a.targets_file, "Annual targets: unit,<target-using leaf ids>")
      ->check(table_file);
  auto* cum = cmd->add_flag("--cumulative", a.cumulative, "The tables hold figures since the year's start");
  auto* inp = cmd->add_flag("--in-period", a.in_period, "The tables hold each period's figures alone");
  cum->excludes(inp);
  cmd->add_option(
         "--basis", a.basis,
         "ytd: cumulative values against (t x k) / n (default); in-period: each period against (t x 1) / n")
      ->check(CLI::IsMember({"ytd", "in-period"}));
  cmd->add_flag("--allow-gaps", a.allow_gaps,
                "A unit absent from a period has no score there (else an error)");
  cmd->add_option("--reduce", a.reduce, "Also reduce each year: last, mean, or the annual fold")
      ->check(CLI::IsMember({"last", "mean", "fold"}));
  cmd->add_option("--share", a.share, "The fold's weight of the quarter-end totals (default 0.7)");
  add_format_option(*cmd, a.format);
  add_progress_option(*cmd, a.progress);
  cmd->callback([] {
    if (a.preset.empty() && a.tree_file.empty()) throw CLI::RequiredError("--preset or --tree");
    if (!a.cumulative && !a.in_period)
      throw CLI::ValidationError("--cumulative/--in-period",
                                 "say what the tables hold: --cumulative or --in-period");
    if (a.values.empty() && a.labelled.empty()) throw CLI::RequiredError("--values or --period");
    run_series(a);
  });
}

// The demo's periods: July's year-to-date view (序时进度) and the year's trend over the twelve
// cumulative monthly tables (samples/task-force/2020/, CSV under every --samples).
void demo_periods(demo_context& ctx) {
  const indicator_tree tree = load_preset("task-force");
  auto month_file = [](int m) { return fmt::format("task-force/2020/2020-{:02d}.csv", m); };
  const values_table july = read_values(tree, sample_file(month_file(7)), "samples/" + month_file(7));
  const targets_table targets =
      read_targets(tree, july.units, sample_file("task-force/targets.csv"), "samples/task-force/targets.csv");
  ytd_options o;
  o.point = as_of::parse("2020-07", "--as-of");
  o.basis = data_basis::cumulative;
  const ytd_targets ytd = year_to_date_targets(tree, july.units.size(), &targets, o);
  const target_table view = ytd.period.view();
  assess_options opt;
  opt.unit_ids = &july.units;
  const assessment r = assess(tree, july.values, &view, opt);
  std::vector<std::size_t> all(july.units.size());
  for (std::size_t u = 0; u < all.size(); ++u) all[u] = u;
  const auto leaves = explain(tree, july.values, &view, all, opt);
  ctx.out << "\n2020-07 · year to date (1–7月累计 against t_p = (t × 7) / 12, 时间过半、任务过半): "
             "samples/task-force/2020/2020-07.csv\n";
  text_table t;
  t.header = {"task force", "total", "rank", "grade", "on schedule", "behind"};
  t.right = {false, true, true, false, true, false};
  for (std::size_t u = 0; u < july.units.size(); ++u) {
    std::size_t on = 0, scaled = 0, shown_behind = 0;
    std::string behind;
    for (const auto& e : leaves[u]) {
      const schedule_verdict v = schedule_of(e, ytd);
      if (v == schedule_verdict::none) continue;
      ++scaled;
      if (v == schedule_verdict::on_schedule)
        ++on;
      else if (++shown_behind <= 3)
        behind += (behind.empty() ? "" : " ") + tree.node(static_cast<std::size_t>(e.node)).id;
    }
    const auto iu = static_cast<std::ptrdiff_t>(u);
    const int g = r.grade(iu);
    t.rows.push_back(
        {july.units[u], fixed(r.total(iu), 2), std::to_string(r.rank(iu)),
         g < 0 ? "-" : tree.grades()[static_cast<std::size_t>(g)].label, fmt::format("{} of {}", on, scaled),
         behind.empty() ? "-"
                        : behind + (shown_behind > 3 ? fmt::format(" … (+{})", shown_behind - 3) : "")});
  }
  ctx.out << t.render();

  std::vector<period_table> tables;
  for (int m = 1; m <= 12; ++m) {
    period_table pt;
    pt.p = period::month(2020, m);
    pt.source = "samples/" + month_file(m);
    pt.values = read_values(tree, sample_file(month_file(m)), pt.source);
    tables.push_back(std::move(pt));
  }
  series_options so;
  so.data = data_basis::cumulative;
  const targets_table annual = read_targets(tree, series_units(tables), sample_file("task-force/targets.csv"),
                                            "samples/task-force/targets.csv");
  const assessment_series s = assess_series(tree, tables, &annual, so);
  ctx.out << "\n2020 · the year's trend (series of the twelve cumulative monthly tables, basis ytd): "
             "Δ rank = rank before − rank now\n"
          << series_table(tree, s).render();
  series_args a;
  a.cumulative = true;
  std::ostringstream json;
  text_output out(json, "series.json");
  write_json(out, tree, s, a, fold_options{});
  out.flush();
  ctx.files.add(ctx.out_dir + "/series.json").write(json.str());
  ctx.out << "wrote " << ctx.out_dir << "/series.json\n";
  ctx.sections.series = report_series{s, tree};
}

const bool registered = add_command(&add_series_commands);
const bool demo = add_demo_step(50, "periods", &demo_periods);

}  // namespace
}  // namespace zoneperf::cli
