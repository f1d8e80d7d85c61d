// zoneperf land: 亩均效益 evaluation of an enterprise table, and the land step of the demo.
#include <fmt/format.h>

#include <cmath>
#include <iostream>
#include <map>

#include "cli.hpp"
#include "progress.hpp"
#include "zoneperf/io/report.hpp"
#include "zoneperf/land/evaluation.hpp"
#include "zoneperf/land/migration.hpp"
#include "zoneperf/land/records.hpp"
#include "zoneperf/land/report.hpp"
#include "zoneperf/presets.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/markup.hpp"
#include "zoneperf/text/workbook.hpp"

namespace zoneperf::cli {
namespace {

struct land_args {
  std::string enterprises, preset = "zj-huangyan", tree_file, config_file, by;
  std::string previous, previous_preset;
  bool previous_classes = false;
  std::vector<std::string> prior;
  output_format format = output_format::table;
  progress_display progress = progress_display::automatic;
};

std::vector<std::string> item_ids(const indicator_tree& tree) {
  std::vector<std::string> ids;
  for (int c : tree.columns()) {
    const node& n = tree.node(static_cast<std::size_t>(c));
    if (n.kind != node_kind::leaf) ids.push_back(n.id);
  }
  return ids;
}

int decimals_of(land_metric m) { return m == land_metric::rd_share ? 4 : 2; }

text_table enterprise_table(const indicator_tree& tree, const land_config& config,
                            const std::vector<land_record>& records, const land_evaluation& ev) {
  text_table t;
  t.header = {"id", "name", "亩"};
  t.right = {false, false, true};
  for (const auto& ind : config.indicators) {
    t.header.push_back(tree.node(tree.index_of(ind.leaf)).name);
    t.right.push_back(true);
  }
  for (const char* h : {"score", "rank", "class"}) {
    t.header.push_back(h);
    t.right.push_back(std::string(h) != "class");
  }
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& r = records[i];
    std::vector<std::string> row{r.id, r.name, fixed(r.land->mu(), 2)};
    for (const auto& ind : config.indicators)
      row.push_back(fixed(ev.metrics[i][ind.metric], decimals_of(ind.metric)));
    const auto k = ev.row[i];
    row.push_back(k < 0 ? "-" : fixed(ev.result.total(k)));
    row.push_back(k < 0 ? "-" : std::to_string(ev.rank[i]));
    row.push_back(class_label(config.classes, ev.classes.class_of[i]));
    t.rows.push_back(std::move(row));
  }
  return t;
}

text_table class_table(const land_config& config, const land_evaluation& ev) {
  text_table t;
  t.header = {"class", "name", "count", "quota"};
  t.right = {false, false, true, true};
  const auto quotas = config.classes.method == class_method::rank
                          ? rank_quotas(config.classes, ev.inputs.rated.size())
                          : std::vector<std::size_t>();
  for (std::size_t c = 0; c <= config.classes.classes.size(); ++c) {
    const class_def& d =
        c < config.classes.classes.size() ? config.classes.classes[c] : config.classes.exempt;
    t.rows.push_back({d.label, d.name, std::to_string(ev.classes.counts[c]),
                      c < quotas.size() ? std::to_string(quotas[c]) : "-"});
  }
  return t;
}

text_table metrics_table(const std::vector<std::pair<std::string, land_metrics>>& rows,
                         const std::string& first) {
  text_table t;
  t.header = {first};
  t.right = {false};
  for (std::size_t i = 0; i < land_metric_count; ++i) {
    const auto m = static_cast<land_metric>(i);
    t.header.push_back(std::string(display_name(m)) + "(" + unit_name(m) + ")");
    t.right.push_back(true);
  }
  for (const auto& [key, m] : rows) {
    std::vector<std::string> row{key};
    for (std::size_t i = 0; i < land_metric_count; ++i)
      row.push_back(fixed(m.values[i], decimals_of(static_cast<land_metric>(i))));
    t.rows.push_back(std::move(row));
  }
  return t;
}

std::string fills_text(const land_evaluation& ev) {
  std::string out;
  for (const auto& f : ev.inputs.fills)
    out += f.unit.empty() ? fmt::format("  {}: benchmark {} ({})\n", f.leaf, shortest(f.value), f.what)
                          : fmt::format("  {} {}: {} = {}\n", f.unit, f.leaf, f.what, shortest(f.value));
  return out;
}

/// The migration matrix: earlier classes down, later classes across, with totals.
text_table migration_matrix(const class_migration& m) {
  const std::size_t n = m.size();
  text_table t;
  t.header = {"from \\ to"};
  for (const auto& l : m.labels) t.header.push_back(l);
  t.header.insert(t.header.end(), {"left", "total"});
  t.right.assign(t.header.size(), true);
  t.right[0] = false;
  std::vector<std::size_t> column_total(n, 0);
  for (std::size_t from = 0; from < n; ++from) {
    std::vector<std::string> row{from < m.labels.size() ? m.labels[from] : "entered"};
    std::size_t total = 0;
    for (std::size_t to = 0; to < n; ++to) {
      const bool impossible = from == n - 1 && to == n - 1;
      row.push_back(impossible ? "" : std::to_string(m.at(from, to)));
      total += m.at(from, to);
      column_total[to] += m.at(from, to);
    }
    row.push_back(std::to_string(total));
    t.rows.push_back(std::move(row));
  }
  std::vector<std::string> totals{"total"};
  std::size_t all = 0;
  for (std::size_t v : column_total) {
    totals.push_back(std::to_string(v));
    all += v;
  }
  totals.push_back(std::to_string(all));
  t.rows.push_back(std::move(totals));
  return t;
}

text_table moves_table(const class_migration& m) {
  text_table t;
  t.header = {"id", "name", "from", "to", "move", "steps"};
  t.right = {false, false, false, false, false, true};
  auto label = [&](const std::optional<std::uint32_t>& c) { return c ? m.labels[*c] : std::string("-"); };
  for (const auto& e : m.moves)
    t.rows.push_back(
        {e.id, e.name, label(e.from), label(e.to), to_string(e.move),
         e.move == class_move::up || e.move == class_move::down ? fmt::format("{:+}", e.steps) : ""});
  return t;
}

std::string moves_summary(const class_migration& m) {
  std::string out;
  for (std::size_t k = 0; k < class_move_count; ++k)
    out += fmt::format("{}{} {}", k == 0 ? "" : ", ", to_string(static_cast<class_move>(k)),
                       m.count(static_cast<class_move>(k)));
  return out;
}

std::vector<land_record> read_records(const std::string& file, const indicator_tree& tree,
                                      const progress_callback& progress) {
  land_csv_options csv;
  csv.item_columns = item_ids(tree);
  return read_land_records(read_cells_file(file, progress), csv);
}

/// `zoneperf land --previous`: the earlier year classed (or its published classes) against this one.
void run_migration(const land_args& a, const indicator_tree& tree, const land_config& config,
                   const std::vector<land_record>& records, const land_evaluation& ev,
                   progress_printer& progress) {
  class_migration m;
  std::string how;
  if (a.previous_classes) {
    m = migrate_classes(
        read_published_classes(read_cells_file(a.previous, progress.callback()), config.classes),
        config.classes, records, ev);
    how = "published classes";
  } else {
    const bool own = !a.previous_preset.empty();
    const indicator_tree ptree = own ? load_preset(a.previous_preset) : tree;
    const land_config pconfig = own ? load_land_config(a.previous_preset) : config;
    const auto precords = read_records(a.previous, ptree, progress.callback());
    const land_evaluation pev = evaluate_land(ptree, pconfig, precords);
    m = migrate_classes(pconfig.classes, precords, pev, config.classes, records, ev);
    how = "classed on " + ptree.id();
  }
  progress.clear();
  switch (a.format) {
    case output_format::json:
      std::cout << migration_json(m);
      return;
    case output_format::csv:
      std::cout << migration_csv(m);
      return;
    case output_format::markdown:
      std::cout << "## Class migration: " << markdown_text(a.previous) << " (" << markdown_text(how) << ") → "
                << markdown_text(a.enterprises) << " (" << markdown_text(tree.id()) << ")\n\n"
                << markdown_text(moves_summary(m)) << "\n\n"
                << migration_matrix(m).markdown() << "\n### Moves\n\n"
                << moves_table(m).markdown();
      return;
    case output_format::table:
      std::cout << "class migration: " << a.previous << " (" << how << ") → " << a.enterprises << " ("
                << tree.id() << ")\n"
                << moves_summary(m)
                << "; up = a better class (D < C < B < A)\n\nrows: the earlier class, columns: the later "
                   "class\n"
                << migration_matrix(m).render() << "\n"
                << moves_table(m).render();
      return;
  }
}

void run_land(const land_args& a) {
  if (!a.previous.empty() && a.previous_classes && !a.previous_preset.empty())
    throw error(errc::conflicting_previous, "--previous-preset " + a.previous_preset,
                "the earlier year is either classed with a preset (--previous-preset) or given its published "
                "classes (--previous-classes), not both");
  progress_printer progress(a.progress);
  const indicator_tree tree =
      a.tree_file.empty() ? load_preset(a.preset) : indicator_tree::from_file(a.tree_file);
  const land_config config = a.config_file.empty()
                                 ? load_land_config(a.tree_file.empty() ? a.preset : tree.id())
                                 : land_config_from_json(read_text_file(a.config_file), a.config_file);
  land_options opt;
  for (const auto& p : a.prior) {
    const auto eq = p.find('=');
    if (eq == std::string::npos)
      throw error(errc::bad_value, "--prior " + p, "expected LEAF=AVERAGE, e.g. tax_per_mu=12.5");
    const auto v = parse_number(std::string_view(p).substr(eq + 1), "--prior " + p);
    if (!v) throw error(errc::bad_value, "--prior " + p, "expected LEAF=AVERAGE, e.g. tax_per_mu=12.5");
    opt.prior_averages.emplace_back(p.substr(0, eq), *v);
  }
  land_csv_options csv;
  csv.item_columns = item_ids(tree);
  const auto records = read_land_records(read_cells_file(a.enterprises, progress.callback()), csv);
  const land_evaluation ev = evaluate_land(tree, config, records, opt);
  if (!a.previous.empty()) return run_migration(a, tree, config, records, ev, progress);
  progress.clear();

  std::vector<std::pair<std::string, land_metrics>> zone_rows{{"zone", ev.zone}};
  if (!a.by.empty()) {
    for (const auto& g :
         aggregate_by(records, a.by == "park" ? land_grouping::park : land_grouping::task_force))
      zone_rows.emplace_back(g.key.empty() ? "(none)" : g.key,
                             g.totals.ratios((a.by == "park" ? "park " : "task force ") +
                                             (g.key.empty() ? std::string("(none)") : g.key)));
  }
  switch (a.format) {
    case output_format::json:
      std::cout << land_report_json(tree, config, records, ev);
      return;
    case output_format::csv:
      output_for(a.format) << land_report_csv(tree, config, records, ev);
      return;
    case output_format::markdown:
      std::cout << "## " << markdown_text(tree.name()) << " (" << markdown_text(tree.id()) << ")\n\n"
                << enterprise_table(tree, config, records, ev).markdown() << "\n### Classes\n\n"
                << class_table(config, ev).markdown() << "\n### Per-mu figures (ratios of sums)\n\n"
                << metrics_table(zone_rows, "scope").markdown();
      return;
    case output_format::table:
      std::cout << tree.name() << " (" << tree.id() << "): " << ev.inputs.rated.size() << " rated, "
                << records.size() - ev.inputs.rated.size() << " exempt\n\n"
                << enterprise_table(tree, config, records, ev).render() << "\n"
                << class_table(config, ev).render() << "\nPer-mu figures (ratios of sums over every record)\n"
                << metrics_table(zone_rows, "scope").render();
      if (!ev.inputs.fills.empty()) std::cout << "\nFilled in before scoring\n" << fills_text(ev);
      return;
  }
}

void add_land_commands(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "land", "亩均效益 evaluation: per-mu metrics, scores and A/B/C/D classes of enterprises");
  static land_args a;
  cmd->add_option("--enterprises", a.enterprises,
                  "Enterprise table (docs/land.md) (CSV or .xlsx/.xls, book.xlsx#Sheet2)")
      ->required()
      ->check(table_file);
  auto* preset = cmd->add_option("--preset", a.preset, "zj-huangyan or js-huaian")->capture_default_str();
  auto* tree = cmd->add_option("--tree", a.tree_file, "A tree file instead of a preset (needs --land-config)")
                   ->check(CLI::ExistingFile);
  preset->excludes(tree);
  cmd->add_option("--land-config", a.config_file, "Land settings (JSON, like presets/land/<preset>.json)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--prior", a.prior, "Prior-year peer average of a leaf, LEAF=VALUE (repeatable)");
  cmd->add_option("--by", a.by, "Also print per-mu figures per park or task_force")
      ->check(CLI::IsMember({"park", "task_force"}));
  auto* previous =
      cmd->add_option("--previous", a.previous,
                      "The earlier year's enterprise table: print the class migration to this year")
          ->check(table_file);
  cmd->add_option("--previous-preset", a.previous_preset,
                  "Class the earlier year with this preset's benchmarks (default: the same as this year's)")
      ->needs(previous);
  cmd->add_flag("--previous-classes", a.previous_classes,
                "Take the earlier year's published classes from its `class` column instead of classing it")
      ->needs(previous);
  add_format_option(*cmd, a.format);
  add_progress_option(*cmd, a.progress);
  cmd->callback([] { run_land(a); });
}

void demo_land(demo_context& ctx) {
  const indicator_tree tree = load_preset("zj-huangyan");
  const land_config config = load_land_config("zj-huangyan");
  const auto records = read_land_records(read_cells(sample_file(ctx.sample("land/enterprises.csv")),
                                                    "samples/" + ctx.sample("land/enterprises.csv")));
  const land_evaluation ev = evaluate_land(tree, config, records);

  ctx.out << "\n亩均效益 · " << tree.name() << " (preset zj-huangyan, 2023 benchmarks): " << records.size()
          << " enterprises, " << ev.inputs.rated.size() << " rated\n\n";
  std::map<std::uint32_t, std::vector<std::string>> members;
  for (std::size_t i = 0; i < records.size(); ++i) members[ev.classes.class_of[i]].push_back(records[i].id);
  text_table t;
  t.header = {"class", "name", "count", "enterprises"};
  t.right = {false, false, true, false};
  for (std::uint32_t c = 0; c <= config.classes.classes.size(); ++c) {
    const class_def& d =
        c < config.classes.classes.size() ? config.classes.classes[c] : config.classes.exempt;
    std::string ids;
    for (const auto& id : members[c]) ids += (ids.empty() ? "" : " ") + id;
    t.rows.push_back({d.label, d.name, std::to_string(ev.classes.counts[c]), ids});
  }
  ctx.out << t.render();
  ctx.out << fmt::format(
      "\nzone: 亩均税收 {} 万元/亩, 亩均增加值 {} 万元/亩, 亩均投资强度 {} 万元/亩 (ratios of sums)\n",
      fixed(ev.zone[land_metric::tax_per_mu]), fixed(ev.zone[land_metric::value_added_per_mu]),
      fixed(ev.zone[land_metric::investment_per_mu]));
  ctx.files.add(ctx.out_dir + "/land.json").write(land_report_json(tree, config, records, ev));
  write_csv_file(ctx.files.add(ctx.out_dir + "/land.csv"), land_report_csv(tree, config, records, ev));
  ctx.out << "wrote " << ctx.out_dir << "/land.json, land.csv\n";
  ctx.sections.land = report_land{tree, config, records, ev};

  // The class migration from 2019 (samples/land/enterprises_2019.csv, classed on the same preset).
  const std::string previous = "land/enterprises_2019.csv";
  const auto precords = read_land_records(read_cells(sample_file(previous), "samples/" + previous));
  const land_evaluation pev = evaluate_land(tree, config, precords);
  const class_migration m = migrate_classes(config.classes, precords, pev, config.classes, records, ev);
  ctx.out << "\nclass migration 2019 → 2020 (samples/" << previous
          << ", classed on zj-huangyan): " << moves_summary(m) << "; up = a better class (D < C < B < A)\n"
          << migration_matrix(m).render();
  ctx.sections.migration = m;
}

const bool registered = add_command(&add_land_commands);
const bool demo = add_demo_step(20, "land", &demo_land);

}  // namespace
}  // namespace zoneperf::cli
