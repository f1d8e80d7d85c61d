// zoneperf projects (month | year) | admit | calendar, and the projects step of the demo.
#include <fmt/format.h>

#include <iostream>
#include <map>

#include "cli.hpp"
#include "progress.hpp"
#include "zoneperf/io/report.hpp"
#include "zoneperf/period.hpp"
#include "zoneperf/pipeline/admission.hpp"
#include "zoneperf/pipeline/counts.hpp"
#include "zoneperf/pipeline/monthly_check.hpp"
#include "zoneperf/pipeline/report.hpp"
#include "zoneperf/pipeline/year_faces.hpp"
#include "zoneperf/presets.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/workbook.hpp"

namespace zoneperf::cli {
namespace {

void print(const text_table& t, output_format f) {
  std::ostream& out = output_for(f);
  switch (f) {
    case output_format::csv:
      out << t.csv();
      break;
    case output_format::markdown:
      out << t.markdown();
      break;
    default:
      out << t.render();
      break;
  }
}

/// Entered counts and money per task force and for the zone.
text_table counts_table(const period_counts& c) {
  text_table t;
  t.header = {"unit", "接洽", "上会",           "意向",         "签约",     "落地",  "开工",
              "投产", "出清", "签约投资(亿元)", "外资(万美元)", "重点项目", "已开工"};
  t.right = {false, true, true, true, true, true, true, true, true, true, true, true, true};
  auto row = [&](const unit_counts& u) {
    std::vector<std::string> r{u.unit};
    for (stage s : {stage::contacted, stage::reviewed, stage::intent, stage::signed_, stage::landed,
                    stage::started, stage::producing, stage::cleared})
      r.push_back(std::to_string(u.entered_count(s)));
    r.push_back(shortest(value(u, measure::signed_investment)));
    r.push_back(shortest(value(u, measure::foreign_capital)));
    r.push_back(std::to_string(u.key_projects));
    r.push_back(std::to_string(u.key_started));
    t.rows.push_back(std::move(r));
  };
  for (const auto& u : c.task_forces) row(u);
  row(c.zone);
  return t;
}

/// Zone growth of the main measures against a base period.
text_table growth_table(const period_counts& now, const period_counts& yoy, const period_counts* mom) {
  text_table t;
  t.header = {"measure", now.p.label(), yoy.p.label(), "YoY"};
  if (mom) {
    t.header.push_back(mom->p.label());
    t.header.push_back("MoM");
  }
  t.right.assign(t.header.size(), true);
  t.right[0] = false;
  for (measure m : {measure::contacted, measure::intent, measure::signed_, measure::landed,
                    measure::signed_investment, measure::foreign_capital}) {
    const double a = value(now.zone, m), b = value(yoy.zone, m);
    std::vector<std::string> r{to_string(m), shortest(a), shortest(b), format_growth(growth(a, b))};
    if (mom) {
      const double c = value(mom->zone, m);
      r.push_back(shortest(c));
      r.push_back(format_growth(growth(a, c)));
    }
    t.rows.push_back(std::move(r));
  }
  return t;
}

text_table check_table(const monthly_check& m) {
  text_table t;
  t.header = {"task force", "key projects", "intent", "signed", "landed", "face", "missed"};
  t.right = {false, true, true, true, true, false, false};
  auto pair = [](std::int64_t a, std::int64_t b) { return fmt::format("{}/{}", a, b); };
  for (const auto& k : m.task_forces) {
    std::string missed;
    for (const auto& s : k.missed) missed += (missed.empty() ? "" : "; ") + s;
    t.rows.push_back({k.task_force, std::to_string(k.weight), pair(k.actual.intent, k.target.intent),
                      pair(k.actual.signed_, k.target.signed_), pair(k.actual.landed, k.target.landed),
                      to_string(k.verdict), missed});
  }
  t.rows.push_back({"zone", "", pair(m.zone_actual.intent, m.zone_target.intent),
                    pair(m.zone_actual.signed_, m.zone_target.signed_),
                    pair(m.zone_actual.landed, m.zone_target.landed), "", ""});
  return t;
}

text_table progress_table(const monthly_check& m) {
  text_table t;
  t.header = {"task force", "through", "days", "intent", "signed", "landed", "on track"};
  t.right = {false, false, true, true, true, true, false};
  for (const auto& k : m.task_forces)
    for (const auto& w : k.weeks)
      t.rows.push_back({k.task_force, to_string(w.on), std::to_string(w.elapsed_days),
                        fmt::format("{}/{}", w.actual.intent, w.expected.intent),
                        fmt::format("{}/{}", w.actual.signed_, w.expected.signed_),
                        fmt::format("{}/{}", w.actual.landed, w.expected.landed),
                        w.on_track ? "yes" : "behind"});
  return t;
}

struct projects_args {
  std::string file, as_of, period, other, values_out;
  output_format format = output_format::table;
  progress_display progress = progress_display::automatic;
};

/// The file as it is, seen as it stood at the end of --as-of (later stage dates not yet reached).
registry load(const projects_args& a) {
  progress_printer progress(a.progress);
  registry r = read_projects(read_cells_file(a.file, progress.callback()));
  if (a.as_of.empty()) return r;
  return registry_as_of(r, parse_date(a.as_of, "--as-of"));
}

void run_month(const projects_args& a) {
  const period month = period::parse(a.period, "month");
  if (month.kind() != period_kind::month)
    throw error(errc::not_a_month, a.period, "expected a month such as 2020-07");
  const registry r = load(a);
  count_options co;
  if (!a.as_of.empty()) co.as_of = parse_date(a.as_of, "--as-of");
  const period_counts now = count(r, month, co);
  const period_counts yoy = count(r, month.same_period_last_year());
  const period_counts mom = count(r, month.prev());
  check_options ko;
  ko.as_of = co.as_of;
  const monthly_check m = check_month(r, month, ko);
  if (a.format == output_format::json) {
    output_for(a.format) << projects_month_json(r, month, co.as_of) << "\n";
    return;
  }
  output_for(a.format) << fmt::format("{} · entered in the month (as of {})\n", month.label(),
                                      to_string(now.as_of));
  print(counts_table(now), a.format);
  output_for(a.format) << "\nzone growth\n";
  print(growth_table(now, yoy, &mom), a.format);
  output_for(a.format) << fmt::format("\n三个十 check ({}): actual/target, split by key projects\n",
                                      m.complete ? "final" : "provisional, month not over");
  print(check_table(m), a.format);
  output_for(a.format)
      << "\nweekly dispatch (一周一调度): entries so far / target x elapsed days ÷ days in month, "
         "rounded up\n";
  print(progress_table(m), a.format);
}

void run_year(const projects_args& a) {
  const period p = period::parse(a.period, "period");
  const registry r = load(a);
  count_options co;
  if (!a.as_of.empty()) co.as_of = parse_date(a.as_of, "--as-of");
  const period_counts now = count(r, p, co);
  const period_counts yoy = count(r, p.same_period_last_year());
  const leaf_table leaves = export_project_leaves(r, p, co);
  const per_mu zone = zone_per_mu(now);
  if (!a.values_out.empty()) {
    if (a.other.empty())
      throw CLI::RequiredError("--other (the leaves the registry cannot know) with --values-out");
    const indicator_tree tree = load_preset("task-force");
    const leaf_table other = read_leaf_table(read_cells_file(a.other));
    std::vector<std::string> columns;
    for (int c : tree.columns()) columns.push_back(tree.node(static_cast<std::size_t>(c)).id);
    output_file out(a.values_out);  // read back by `zoneperf assess`: ids as they are
    write_csv_file(out, merge_leaves(leaves, other, columns).to_csv());
    out.commit();
  }
  if (a.format == output_format::json) {
    output_for(a.format) << projects_period_json(r, p, co.as_of) << "\n";
    return;
  }
  output_for(a.format) << fmt::format("{} · entered in the period (as of {})\n", p.label(),
                                      to_string(now.as_of));
  print(counts_table(now), a.format);
  output_for(a.format) << fmt::format(
      "\nzone 亩均投资强度 {} 万元/亩, 亩均税收 {} 万元/亩 over the {} landed projects\n",
      fixed(zone.investment, 1), fixed(zone.tax, 1), now.zone.entered_count(stage::landed));
  output_for(a.format) << "\nfunnel\n";
  text_table ft;
  ft.header = {"stage", "projects", "conversion"};
  ft.right = {false, true, true};
  for (const auto& s : funnel(now.zone))
    ft.rows.push_back({std::string(to_string(s.s)) + " " + display_name(s.s), std::to_string(s.count),
                       s.conversion ? fmt::format("{:.1f} %", *s.conversion * 100) : "-"});
  print(ft, a.format);
  output_for(a.format) << "\nzone growth\n";
  print(growth_table(now, yoy, nullptr), a.format);
  output_for(a.format) << "\nscorecard leaves (task-force preset)\n";
  text_table lt;
  lt.header = {"unit"};
  lt.header.insert(lt.header.end(), leaves.columns.begin(), leaves.columns.end());
  lt.right.assign(lt.header.size(), true);
  lt.right[0] = false;
  for (std::size_t u = 0; u < leaves.units.size(); ++u) {
    std::vector<std::string> row{leaves.units[u]};
    for (std::size_t c = 0; c < leaves.columns.size(); ++c) row.push_back(fixed(leaves.at(u, c), 2));
    lt.rows.push_back(std::move(row));
  }
  print(lt, a.format);
  if (!a.values_out.empty())
    output_for(a.format) << "\nwrote " << a.values_out
                         << " (values for `zoneperf assess --preset task-force`)\n";
}

/// Task forces × the 12 months: the face of each checked month ("-" no face, blank: not checked yet).
text_table faces_grid(const year_of_faces& y) {
  text_table t;
  t.header = {"task force"};
  for (int m = 1; m <= 12; ++m) t.header.push_back(fmt::format("{:02}", m));
  t.header.insert(t.header.end(), {"😊", "😢"});
  t.right.assign(t.header.size(), false);
  t.right[13] = t.right[14] = true;
  for (std::size_t k = 0; k < y.task_forces.size(); ++k) {
    std::vector<std::string> row{y.task_forces[k]};
    for (int m = 1; m <= 12; ++m) {
      if (m > static_cast<int>(y.months.size())) {
        row.emplace_back();
        continue;
      }
      const face f = y.at(k, m).verdict;
      row.emplace_back(f == face::none ? "-" : to_string(f));
    }
    const face_tally n = y.tally(k);
    row.push_back(std::to_string(n.smiles));
    row.push_back(std::to_string(n.cries));
    t.rows.push_back(std::move(row));
  }
  return t;
}

/// One row per task force and checked month: actual/target of each count, the face, what was missed.
text_table faces_counts(const year_of_faces& y) {
  text_table t;
  t.header = {"task force", "month", "intent", "signed", "landed", "face", "missed"};
  t.right = {false, false, true, true, true, false, false};
  auto pair = [](std::int64_t a, std::int64_t b) { return fmt::format("{}/{}", a, b); };
  for (std::size_t k = 0; k < y.task_forces.size(); ++k)
    for (const monthly_check& m : y.months) {
      const task_force_check& c = m.task_forces[k];
      std::string missed;
      for (const auto& s : c.missed) missed += (missed.empty() ? "" : "; ") + s;
      t.rows.push_back({c.task_force, m.month.label() + (m.complete ? "" : " (provisional)"),
                        pair(c.actual.intent, c.target.intent), pair(c.actual.signed_, c.target.signed_),
                        pair(c.actual.landed, c.target.landed), to_string(c.verdict), missed});
    }
  return t;
}

/// The long form for spreadsheets and data frames: counts and targets in their own columns.
text_table faces_long(const year_of_faces& y) {
  text_table t;
  t.header = {"task_force",    "month",  "intent",        "intent_target", "signed",
              "signed_target", "landed", "landed_target", "face",          "complete"};
  t.right.assign(t.header.size(), false);
  for (std::size_t k = 0; k < y.task_forces.size(); ++k)
    for (const monthly_check& m : y.months) {
      const task_force_check& c = m.task_forces[k];
      t.rows.push_back({c.task_force, m.month.label(), std::to_string(c.actual.intent),
                        std::to_string(c.target.intent), std::to_string(c.actual.signed_),
                        std::to_string(c.target.signed_), std::to_string(c.actual.landed),
                        std::to_string(c.target.landed), to_string(c.verdict), m.complete ? "yes" : "no"});
    }
  return t;
}

void run_faces(const projects_args& a, int year) {
  const registry r = load(a);
  year_check_options o;
  if (!a.as_of.empty()) o.as_of = parse_date(a.as_of, "--as-of");
  const year_of_faces y = check_year(r, year, o);
  switch (a.format) {
    case output_format::json:
      std::cout << year_faces_json(y) << "\n";
      return;
    case output_format::csv:
      std::cout << faces_long(y).csv();
      return;
    case output_format::markdown:
      std::cout << fmt::format("## {} · 三个十 faces by month (as of {})\n\n", year, to_string(y.as_of))
                << faces_grid(y).markdown() << "\n### Counts behind each face (actual/target)\n\n"
                << faces_counts(y).markdown();
      return;
    case output_format::table:
      std::cout << fmt::format(
                       "{} · 三个十 faces by month (as of {}): 😊 met every monthly target, 😢 missed one, "
                       "- had none\n",
                       year, to_string(y.as_of))
                << faces_grid(y).render() << "\ncounts behind each face: entered in the month / target\n"
                << faces_counts(y).render();
      return;
  }
}

struct admit_args {
  std::string file, tree;
  admission_options options;
  double pass = std::numeric_limits<double>::quiet_NaN();
  bool all = true;
  output_format format = output_format::table;
};

text_table decisions_table(const std::vector<admission_decision>& d) {
  text_table t;
  t.header = {"id", "name", "task force", "points", "total", "decision", "reasons"};
  t.right = {false, false, false, true, true, false, false};
  for (const auto& x : d) {
    std::string reasons;
    for (const auto& s : x.reasons) reasons += (reasons.empty() ? "" : "; ") + s;
    t.rows.push_back({x.id, x.name, x.task_force, fixed(x.points, 2), fixed(x.total, 2),
                      x.result == verdict::admitted ? "admitted 准入" : "rejected 不予准入", reasons});
  }
  return t;
}

void run_admit(const admit_args& a) {
  const indicator_tree tree = a.tree.empty() ? load_preset("admission") : indicator_tree::from_file(a.tree);
  admission_options o = a.options;
  if (!std::isnan(a.pass)) o.pass_mark = a.pass;
  const auto decisions = admit(read_candidates_file(a.file), tree, o);
  std::size_t admitted = 0;
  for (const auto& d : decisions) admitted += d.result == verdict::admitted;
  if (a.format == output_format::json) {
    output_for(a.format) << admission_json(decisions) << "\n";
    return;
  }
  print(decisions_table(decisions), a.format);
  if (a.format == output_format::table)
    output_for(a.format) << fmt::format(
        "\n{} of {} candidates admitted: they go to the review meeting (上会)\n", admitted, decisions.size());
}

void run_calendar(int year, const std::string& dispatch, const std::string& weekend, output_format f) {
  calendar_options o;
  static const std::map<std::string, boost::date_time::weekdays> days = {
      {"monday", boost::date_time::Monday},
      {"tuesday", boost::date_time::Tuesday},
      {"wednesday", boost::date_time::Wednesday},
      {"thursday", boost::date_time::Thursday},
      {"friday", boost::date_time::Friday}};
  o.dispatch_day = days.at(dispatch);
  o.reports = weekend == "previous-friday" ? weekend_rule::previous_friday : weekend_rule::keep;
  text_table t;
  t.header = {"date", "weekday", "event", "covers"};
  t.right = {false, false, false, false};
  for (const auto& e : supervision_calendar(year, o))
    t.rows.push_back({to_string(e.on), e.on.day_of_week().as_short_string(),
                      std::string(display_name(e.kind)) + " " + to_string(e.kind), e.covers.label()});
  if (f == output_format::json) {
    std::cout << calendar_json(supervision_calendar(year, o)) << "\n";
    return;
  }
  print(t, f);
}

void add_project_commands(CLI::App& app) {
  auto* cmd = app.add_subcommand("projects",
                                 "Count the project registry by period: stages, growth, the monthly check");
  static projects_args a;
  cmd->add_option("--file", a.file,
                  "Projects table (columns: docs/projects.md) (CSV or .xlsx/.xls, book.xlsx#Sheet2)")
      ->required()
      ->check(table_file);
  cmd->add_option("--as-of", a.as_of,
                  "See the registry as it stood at the end of this day (YYYY-MM-DD): "
                  "later stage dates are not reached yet; default: the end of the period");
  add_format_option(*cmd, a.format);
  add_progress_option(*cmd, a.progress);
  cmd->require_subcommand(1);
  auto* month =
      cmd->add_subcommand("month", "A month's counts, growth, 三个十 check, faces and weekly progress");
  month->add_option("month", a.period, "YYYY-MM")->required();
  month->callback([] { run_month(a); });
  auto* year = cmd->add_subcommand("year", "A period's counts, funnel, growth and scorecard leaves");
  year->add_option("period", a.period, "YYYY (or YYYY-Hn, YYYY-Qn, YYYY-MM, YYYY-Wnn)")->required();
  year->add_option("--other", a.other, "The leaves the registry cannot know (unit,<leaf ids>)")
      ->check(table_file);
  year->add_option("--values-out", a.values_out, "Write the task-force values CSV (registry + --other)");
  year->callback([] { run_year(a); });
  auto* faces = cmd->add_subcommand(
      "faces", "The 三个十 check of each month of a year: 12 faces per task force, with the counts");
  static int faces_year = 2020;
  faces->add_option("year", faces_year, "YYYY")->required()->check(CLI::Range(1401, 9998));
  faces->callback([] { run_faces(a, faces_year); });

  auto* adm = app.add_subcommand("admit", "Score candidates for admission (入区项目评价赋分) and decide");
  static admit_args b;
  adm->add_option("--file", b.file,
                  "Candidates table (columns: docs/projects.md) (CSV or .xlsx/.xls, book.xlsx#Sheet2)")
      ->required()
      ->check(table_file);
  adm->add_option("--tree", b.tree, "A scorecard file instead of the admission preset")
      ->check(CLI::ExistingFile);
  adm->add_option("--min-investment-per-mu", b.options.min_investment_per_mu,
                  "Gate: total investment per mu, 万元/亩")
      ->capture_default_str();
  adm->add_option("--min-tax-per-mu", b.options.min_tax_per_mu, "Gate: promised tax per mu, 万元/亩")
      ->capture_default_str();
  adm->add_option("--pass-mark", b.pass, "Pass mark (default: the scorecard's top grade, 60)");
  add_format_option(*adm, b.format);
  adm->callback([] { run_admit(b); });

  auto* cal = app.add_subcommand("calendar", "The supervision rhythm of a year (周调度 … 年终总结)");
  static int cal_year = 2020;
  static std::string dispatch = "monday", weekend = "keep";
  static output_format cal_format = output_format::table;
  cal->add_option("year", cal_year, "Year")->required()->check(CLI::Range(1401, 9998));
  cal->add_option("--dispatch-day", dispatch, "Weekday of the weekly dispatch")
      ->check(CLI::IsMember({"monday", "tuesday", "wednesday", "thursday", "friday"}))
      ->capture_default_str();
  cal->add_option("--weekend", weekend,
                  "Period-end events on a weekend: keep, or move to the previous-friday")
      ->check(CLI::IsMember({"keep", "previous-friday"}))
      ->capture_default_str();
  add_format_option(*cal, cal_format);
  cal->callback([] { run_calendar(cal_year, dispatch, weekend, cal_format); });
}

void demo_projects(demo_context& ctx) {
  const registry r = read_projects(sample_file(ctx.sample("projects/projects.csv")),
                                   "samples/" + ctx.sample("projects/projects.csv"));
  const period_counts y = count(r, period::year(2020));
  const period_counts last = count(r, period::year(2019));
  const per_mu zone = zone_per_mu(y);
  const auto& z = y.zone;
  std::string split;
  for (const auto& u : y.task_forces) split += (split.empty() ? "" : "/") + std::to_string(u.key_projects);
  const auto decisions =
      admit(read_candidates(read_cells(sample_file(ctx.sample("projects/candidates.csv")),
                                       "samples/" + ctx.sample("projects/candidates.csv"))));
  std::size_t admitted = 0;
  for (const auto& d : decisions) admitted += d.result == verdict::admitted;
  std::int64_t contacted_since_april = 0;  // the months April to December, as the article counts
  for (int month = 4; month <= 12; ++month)
    contacted_since_april += count(r, period::month(2020, month)).zone.entered_count(stage::contacted);
  ctx.out << "\n项目库 · the sample zone's 2020 registry (samples/projects/projects.csv), counted by the "
             "library\n\n";
  text_table t;
  t.header = {"figure", "counted", "article"};
  t.right = {false, true, true};
  t.rows = {{"contacted since April / admitted to review",
             fmt::format("{} / {}", contacted_since_april, admitted), "90+ / 42"},
            {"new signed projects / total investment",
             fmt::format("{} / {} 亿元", z.entered_count(stage::signed_),
                         shortest(value(z, measure::signed_investment))),
             "35 / 256 亿元"},
            {"landed / in July",
             fmt::format("{} / {}", z.entered_count(stage::landed),
                         count(r, period::month(2020, 7)).zone.entered_count(stage::landed)),
             "30 / 13"},
            {"key projects", fmt::format("{} ({})", z.key_projects, split), "48 (13/21/8/6)"},
            {"foreign capital, year on year",
             fmt::format("{} 万美元, {}", shortest(value(z, measure::foreign_capital)),
                         format_growth(growth(value(z, measure::foreign_capital),
                                              value(last.zone, measure::foreign_capital)),
                                       0)),
             "1056 万美元, +521 %"},
            {"亩均投资强度 / 亩均税收",
             fmt::format("{} / {} 万元/亩", fixed(zone.investment, 0), fixed(zone.tax, 0)), "470 / 40"}};
  ctx.out << t.render();
  const monthly_check m = check_month(r, period::month(2020, 7));
  ctx.out << "\n2020-07 三个十 check (zone 10/10/10 split by key projects): actual/target\n";
  ctx.out << check_table(m).render();
  // The report: July's faces (the table above has the figures) and the year's headline figures.
  projects_headline h;
  h.signed_projects = z.entered_count(stage::signed_);
  h.signed_investment_yi = value(z, measure::signed_investment);
  h.landed = z.entered_count(stage::landed);
  h.key_projects = z.key_projects;
  h.foreign_capital_wan_usd = value(z, measure::foreign_capital);
  h.investment_per_mu = zone.investment;  // 万元/亩, the zone's 亩均 figures of the year
  h.tax_per_mu = zone.tax;
  ctx.sections.projects = report_projects{m, projects_detail::faces_only, h};
  // The year of faces: July's check for every month of 2020 (docs/semantics.md §9).
  const year_of_faces year = check_year(r, 2020, {});
  ctx.out << "\n2020 · 三个十 faces by month: 😊 met every monthly target, 😢 missed one, - had none\n"
          << faces_grid(year).render();
  ctx.sections.faces = year;
}

const bool registered = add_command(&add_project_commands);
const bool demo = add_demo_step(40, "projects", &demo_projects);

}  // namespace
}  // namespace zoneperf::cli
