// zoneperf assess | validate | preset, and the scorecard step of the demo.
#include <fmt/format.h>

#include <iostream>

#include "cli.hpp"
#include "progress.hpp"
#include "zoneperf/assess.hpp"
#include "zoneperf/io/report.hpp"
#include "zoneperf/io/tables.hpp"
#include "zoneperf/period_values.hpp"
#include "zoneperf/presets.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/markup.hpp"

namespace zoneperf::cli {
namespace {

text_table scorecard_table(const indicator_tree& tree, const assessment& r,
                           const std::vector<std::string>& units) {
  text_table t;
  t.header.push_back("task force");
  t.right.push_back(false);
  for (int g : tree.groups()) {
    const node& n = tree.node(static_cast<std::size_t>(g));
    t.header.push_back(n.name + "(" + fixed(n.points, 0) + ")");
    t.right.push_back(true);
  }
  for (const char* h : {"total", "rank", "grade", "veto"}) {
    t.header.push_back(h);
    t.right.push_back(std::string(h) == "total" || std::string(h) == "rank");
  }
  for (std::ptrdiff_t u = 0; u < r.units(); ++u) {
    std::vector<std::string> row{units[static_cast<std::size_t>(u)]};
    for (int g : tree.groups()) row.push_back(fixed(r.score(u, static_cast<std::size_t>(g))));
    row.push_back(fixed(r.total(u)));
    row.push_back(std::to_string(r.rank(u)));
    row.push_back(r.grade(u) >= 0 ? tree.grades()[static_cast<std::size_t>(r.grade(u))].label : "-");
    row.push_back(r.vetoed(u) ? "yes" : "no");
    t.rows.push_back(std::move(row));
  }
  return t;
}

text_table explanation_table(const indicator_tree& tree, const std::vector<leaf_explanation>& leaves) {
  text_table t;
  t.header = {"indicator", "name",     "actual", "target", "ratio",
              "rule",      "fraction", "capped", "points", "max"};
  t.right = {false, false, true, true, true, false, true, false, true, true};
  for (const auto& e : leaves) {
    const node& n = tree.node(static_cast<std::size_t>(e.node));
    t.rows.push_back({n.id, n.name, e.missing ? "missing" : shortest(e.actual),
                      std::isnan(e.target) ? "-" : shortest(e.target), fixed(e.ratio, 4),
                      e.kind == node_kind::leaf ? to_string(e.rule) : to_string(e.kind), fixed(e.fraction, 4),
                      e.capped ? "yes" : "no", fixed(e.points, 4), fixed(e.max, 2)});
  }
  return t;
}

// A year-to-date explanation: the annual target t, k/n, t_p and the verdict of every scaled leaf
// (other leaves show their annual target and no verdict).
text_table ytd_explanation_table(const indicator_tree& tree, const std::vector<leaf_explanation>& leaves,
                                 const ytd_targets& ytd, std::size_t unit) {
  text_table t;
  t.header = {"indicator", "name", "actual", "t", "k/n", "t_p", "ratio", "rule", "points", "max", "schedule"};
  t.right = {false, false, true, true, true, true, true, false, true, true, false};
  const std::string kn = std::to_string(ytd.fraction.k) + "/" + std::to_string(ytd.fraction.n);
  for (const auto& e : leaves) {
    const node& n = tree.node(static_cast<std::size_t>(e.node));
    auto s = std::find(ytd.scaled.begin(), ytd.scaled.end(), e.node);
    const bool scaled = s != ytd.scaled.end();
    const std::string target = std::isnan(e.target) ? "-" : shortest(e.target);
    std::string annual = target;
    const auto column = static_cast<std::size_t>(s - ytd.scaled.begin());
    if (scaled)
      annual =
          shortest(ytd.annual.values(static_cast<Eigen::Index>(unit), static_cast<Eigen::Index>(column)));
    // t_p from the period's own targets: shown as "given", since it is not (t x k) / n.
    const std::string fraction = !scaled ? "-" : ytd.given(unit, column) ? "given" : kn;
    t.rows.push_back({n.id, n.name, e.missing ? "missing" : shortest(e.actual), annual, fraction,
                      scaled ? target : "-", fixed(e.ratio, 4),
                      e.kind == node_kind::leaf ? to_string(e.rule) : to_string(e.kind), fixed(e.points, 4),
                      fixed(e.max, 2), to_string(schedule_of(e, ytd))});
  }
  return t;
}

struct assess_args {
  std::string preset, tree_file, values_file, targets_file, period_targets_file, explain, as_of,
      schedule = "months";
  bool cumulative = false, in_period = false;
  output_format format = output_format::table;
  progress_display progress = progress_display::automatic;
};

void run_assess(const assess_args& a) {
  progress_printer progress(a.progress);
  const indicator_tree tree =
      a.tree_file.empty() ? load_preset(a.preset) : indicator_tree::from_file(a.tree_file);
  const values_table values = read_values_file(tree, a.values_file, progress.callback());
  targets_table targets;
  if (!a.targets_file.empty())
    targets = read_targets_file(tree, values.units, a.targets_file, progress.callback());
  // Year to date: the given targets are annual; the scaled leaves are scored against t_p.
  std::optional<ytd_targets> ytd;
  if (!a.as_of.empty()) {
    ytd_options o;
    o.point = as_of::parse(a.as_of, "--as-of");
    o.policy = a.schedule == "days" ? schedule_policy::days : schedule_policy::months;
    o.basis = a.in_period ? data_basis::in_period : data_basis::cumulative;
    targets_table own;
    if (!a.period_targets_file.empty()) {
      own = read_targets_file(tree, values.units, a.period_targets_file, progress.callback());
      o.period_targets = &own;
    }
    ytd = year_to_date_targets(tree, values.units.size(), a.targets_file.empty() ? nullptr : &targets, o);
  }
  const target_table view = ytd ? ytd->period.view() : targets.view();
  const target_table* tp = a.targets_file.empty() && !ytd ? nullptr : &view;
  assess_options opt;
  opt.unit_ids = &values.units;
  opt.check_unit_ids = false;  // the reader checked them (306)
  // JSON lists every node's score; the other formats show the groups only.
  opt.keep = a.format == output_format::json ? node_scores::all : node_scores::groups;
  opt.progress = progress.callback();
  const assessment result = assess(tree, values.values, tp, opt);

  std::vector<std::size_t> explained;
  if (a.explain == "all") {
    for (std::size_t u = 0; u < values.units.size(); ++u) explained.push_back(u);
  } else if (!a.explain.empty()) {
    auto it = std::find(values.units.begin(), values.units.end(), a.explain);
    if (it == values.units.end())
      throw error(errc::unknown_unit, a.explain,
                  "--explain: no unit \"" + a.explain + "\" in " + a.values_file);
    explained.push_back(static_cast<std::size_t>(it - values.units.begin()));
  }
  const auto leaves = explain(tree, values.values, tp, explained, opt);
  progress.clear();  // standard output may be the same terminal

  text_output out(output_for(a.format), "standard output");
  switch (a.format) {
    case output_format::json: {
      // Explanations go with their units; units not asked about carry none.
      std::vector<std::vector<leaf_explanation>> per_unit(values.units.size());
      for (std::size_t k = 0; k < explained.size(); ++k) per_unit[explained[k]] = leaves[k];
      write_report_json(out, tree, result, values.units, explained.empty() ? nullptr : &per_unit, 2,
                        ytd ? &*ytd : nullptr);
      out.flush();
      return;
    }
    case output_format::csv:
      write_report_csv(out, tree, result, values.units);
      break;
    case output_format::markdown:
      write_report_markdown(out, tree, result, values.units);
      break;
    case output_format::table:
      out << scorecard_table(tree, result, values.units).render();
      break;
  }
  out.flush();
  for (std::size_t k = 0; k < explained.size(); ++k) {
    const std::string& unit = values.units[explained[k]];
    if (a.format == output_format::markdown) {
      std::cout << "\n### " << markdown_text(unit) << "\n\n"
                << (ytd ? ytd_explanation_table(tree, leaves[k], *ytd, explained[k]).markdown()
                        : explanation_markdown(tree, leaves[k]));
    } else if (a.format == output_format::csv) {
      text_table t = ytd ? ytd_explanation_table(tree, leaves[k], *ytd, explained[k])
                         : explanation_table(tree, leaves[k]);
      t.header.insert(t.header.begin(), "unit");
      for (auto& row : t.rows) row.insert(row.begin(), unit);
      output_for(a.format) << "\n" << t.csv();
    } else {
      std::cout << "\n"
                << unit << (ytd ? " (as of " + a.as_of + ", " + a.schedule + ")" : std::string()) << "\n"
                << (ytd ? ytd_explanation_table(tree, leaves[k], *ytd, explained[k])
                        : explanation_table(tree, leaves[k]))
                       .render();
    }
  }
}

void add_assess_commands(CLI::App& app) {
  auto* cmd = app.add_subcommand("assess", "Score units on an indicator tree from a values CSV");
  static assess_args a;
  auto* preset = cmd->add_option("--preset", a.preset, "A preset scorecard (see `zoneperf preset list`)");
  auto* tree = cmd->add_option("--tree", a.tree_file, "A tree file (JSON)")->check(CLI::ExistingFile);
  preset->excludes(tree);
  cmd->add_option("--values", a.values_file,
                  "Values table: unit,<leaf and item ids> (CSV or .xlsx/.xls, book.xlsx#Sheet2)")
      ->required()
      ->check(table_file);
  cmd->add_option("--targets", a.targets_file, "Targets table: unit,<target-using leaf ids>")
      ->check(table_file);
  add_format_option(*cmd, a.format);
  cmd->add_option("--explain", a.explain, "Explain every leaf of this unit (or `all`)");
  cmd->add_option("--as-of", a.as_of,
                  "Year to date: 2020-07, 2020Q3, 2020H1, 2020 or a date; additive completion, banded and "
                  "threshold leaves are scored against t_p = (t x k) / n");
  auto* cum =
      cmd->add_flag("--cumulative", a.cumulative, "With --as-of: the values are year to date (1-7月累计)");
  auto* inp = cmd->add_flag("--in-period", a.in_period, "With --as-of: the values are the period's alone");
  cum->excludes(inp);
  cmd->add_option("--period-targets", a.period_targets_file,
                  "With --as-of: the period's own targets (unit,<leaf ids>); a cell given wins over scaling")
      ->check(table_file);
  cmd->add_option("--schedule", a.schedule, "With --as-of: a date counts by its month or its day of the year")
      ->check(CLI::IsMember({"months", "days"}));
  add_progress_option(*cmd, a.progress);
  cmd->callback([] {
    if (a.preset.empty() && a.tree_file.empty()) throw CLI::RequiredError("--preset or --tree");
    if (!a.as_of.empty() && !a.cumulative && !a.in_period)
      throw CLI::ValidationError("--as-of", "say what the values hold: --cumulative or --in-period");
    if (a.as_of.empty() && (a.cumulative || a.in_period || !a.period_targets_file.empty()))
      throw CLI::ValidationError("--cumulative/--in-period/--period-targets", "only with --as-of");
    run_assess(a);
  });

  auto* val = app.add_subcommand("validate", "Check a tree file and list every problem");
  static std::string file;
  val->add_option("file", file, "Tree file (JSON)")->required();
  val->callback([] {
    const auto problems = validate_tree_json(read_text_file(file), file);
    if (!problems.empty()) throw error(problems);
    const auto tree = indicator_tree::from_file(file);
    std::cout << fmt::format("{}: valid tree \"{}\" ({}), {} nodes, {} value columns, {} points\n", file,
                             tree.id(), tree.name(), tree.size(), tree.columns().size(),
                             shortest(tree.points()));
  });

  auto* pre = app.add_subcommand("preset", "List or print the presets compiled into the library");
  pre->require_subcommand(1);
  pre->add_subcommand("list", "List the presets")->callback([] {
    for (const auto& n : preset_names()) {
      const auto tree = load_preset(n);
      std::cout << pad(n, 14) << tree.name() << "\n";
    }
  });
  static std::string show_name;
  auto* show = pre->add_subcommand("show", "Print a preset's JSON (save it, edit it, load it with --tree)");
  show->add_option("name", show_name, "Preset name")->required();
  show->callback([] { std::cout << preset_json(show_name); });
}

void demo_scorecard(demo_context& ctx) {
  const indicator_tree tree = load_preset("task-force");
  const values_table values = read_values(tree, sample_file(ctx.sample("task-force/values.csv")),
                                          "samples/" + ctx.sample("task-force/values.csv"));
  const targets_table targets =
      read_targets(tree, values.units, sample_file(ctx.sample("task-force/targets.csv")),
                   "samples/" + ctx.sample("task-force/targets.csv"));
  const target_table view = targets.view();
  const scorecard card = make_scorecard(tree, values.values, &view, values.units, explained::all);

  ctx.out << "聊城高新区 · 产业专班考核 (preset task-force: " << tree.groups().size() << " groups, "
          << tree.columns().size() - 3 << " indicators, " << shortest(tree.points()) << " points)\n\n";
  ctx.out << scorecard_table(tree, card.result, card.units).render();

  ctx.files.add(ctx.out_dir + "/scorecard.json").write(report_json(card));
  write_csv_file(ctx.files.add(ctx.out_dir + "/scorecard.csv"), report_csv(card));
  std::string md = report_markdown(card);
  for (std::size_t u = 0; u < card.units.size(); ++u)
    md += "\n### " + markdown_text(card.units[u]) + "\n\n" + explanation_markdown(tree, card.leaves[u]);
  ctx.files.add(ctx.out_dir + "/scorecard.md").write(md);
  ctx.out << "\nwrote " << ctx.out_dir
          << "/scorecard.json, scorecard.csv, scorecard.md (every leaf explained)\n";
  ctx.card = card;
}

const bool registered = add_command(&add_assess_commands);
const bool demo = add_demo_step(10, "scorecard", &demo_scorecard);

}  // namespace
}  // namespace zoneperf::cli
