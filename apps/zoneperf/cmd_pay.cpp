// zoneperf pay, and the pay step of the demo (order 30).
#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "cli.hpp"
#include "progress.hpp"
#include "zoneperf/io/report.hpp"
#include "zoneperf/pay/report.hpp"
#include "zoneperf/presets.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/number.hpp"
#include "zoneperf/text/workbook.hpp"

namespace zoneperf::cli {
namespace {

text_table people_table(const pay_result& r, const std::vector<staff_member>& staff) {
  text_table t;
  t.header = {"id",     "name",  "task force",          "team",  "job level", "baseline", "grade", "c_tf",
              "c_team", "c_ind", "pay before rounding", "clamp", "fen",       "base pay", "award", "total",
              "×"};
  t.right = {false, false, false, false, false, true, false, true, true,
             true,  true,  false, true,  true,  true, true,  true};
  auto dec = [](exact_ratio c) { return c.to_string(2); };
  for (const auto& p : r.people) {
    const staff_member& m = staff[p.person];
    t.rows.push_back({m.id, m.name, m.task_force, m.team, m.job_level, to_string(p.baseline),
                      r.task_forces[p.task_force].grade, dec(p.task_force_coefficient),
                      dec(p.team_coefficient), dec(p.individual_coefficient), raw_pay_yuan(p, r),
                      p.clamp == clamp_state::none ? "" : to_string(p.clamp),
                      p.rounding_fen ? "+" + std::to_string(p.rounding_fen) : "", to_string(p.base_pay),
                      to_string(p.award), to_string(p.total), p.multiple().to_string(4)});
  }
  return t;
}

text_table task_force_table(const pay_result& r) {
  text_table t;
  t.header = {"task force", "grade",  "coefficient", "staff",    "Σ baseline",
              "Σ base pay", "awards", "total",       "average ×"};
  t.right = {false, false, true, true, true, true, true, true, true};
  for (const auto& tf : r.task_forces)
    t.rows.push_back({tf.id, tf.grade, tf.coefficient.to_string(2), std::to_string(tf.head_count),
                      to_string(tf.baseline), to_string(tf.base_pay), to_string(tf.award),
                      to_string(tf.total), tf.average_multiple().to_string(4)});
  t.rows.push_back({"zone", "", "", std::to_string(r.people.size()), to_string(r.baseline),
                    to_string(r.base_paid), to_string(r.awards_paid), to_string(r.total_paid),
                    r.baseline.fen() ? (r.base_paid / r.baseline).to_string(4) : "-"});
  return t;
}

text_table awards_table(const pay_result& r, const std::vector<staff_member>& staff) {
  text_table t;
  t.header = {"award", "task force", "team", "count", "amount", "origin", "split"};
  t.right = {false, false, false, true, true, false, false};
  for (const auto& a : r.awards) {
    std::string split;
    for (const auto& [i, part] : a.split)
      split += (split.empty() ? "" : " ") + staff[i].id + ":" + to_string(part);
    t.rows.push_back({a.name, a.task_force, a.team.empty() ? "(all)" : a.team, std::to_string(a.count),
                      to_string(a.amount), a.origin, split});
  }
  return t;
}

std::string reconciliation(const pay_result& r, const pay_policy& policy) {
  std::string s;
  s += fmt::format("pool = {} × Σ baseline {} = {} (rounded half away from zero to the fen)\n",
                   policy.multiplier.to_string(2), to_string(r.baseline), to_string(r.pool));
  s += fmt::format("Σ base pay = {}   difference = {}\n", to_string(r.base_paid),
                   to_string(r.pool - r.base_paid));
  if (r.lambda_den != 0)
    s += fmt::format("λ = {}/{} ≈ {}\n", detail::to_string(r.lambda_num), detail::to_string(r.lambda_den),
                     lambda_text(r));
  std::size_t at_floor = 0, at_cap = 0, rounded = 0;
  for (const auto& p : r.people) {
    at_floor += p.clamp == clamp_state::floor;
    at_cap += p.clamp == clamp_state::cap;
    rounded += p.rounding_fen != 0;
  }
  s += fmt::format("at the floor: {}   at the cap: {}   given a rounding fen: {}\n", at_floor, at_cap,
                   rounded);
  s += fmt::format("awards (apart from the pool) = {}   total paid = {}\n", to_string(r.awards_paid),
                   to_string(r.total_paid));
  return s;
}

struct pay_args {
  std::string staff, scorecard, tree, policy, events, out_dir;
  output_format format = output_format::table;
  progress_display progress = progress_display::automatic;
};

// Adds the pay files to `files`; they reach `dir` when the batch is committed. Returns pay.json's text.
void write_reports(output_batch& files, const std::string& dir, const pay_result& r,
                   const std::vector<staff_member>& staff, const pay_policy& policy) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw error(errc::cannot_write, dir, "cannot create folder: " + ec.message());
  files.add(dir + "/pay.json").write(pay_json(r, staff, policy));
  write_csv_file(files.add(dir + "/pay_people.csv"), pay_people_csv(r, staff));
  write_csv_file(files.add(dir + "/pay_task_forces.csv"), pay_task_forces_csv(r));
  write_csv_file(files.add(dir + "/pay_awards.csv"), pay_awards_csv(r, staff));
}

void run_pay(const pay_args& a) {
  progress_printer progress(a.progress);
  const auto staff = read_staff(read_cells_file(a.staff, progress.callback()));
  std::optional<indicator_tree> tree;
  if (!a.tree.empty()) tree = indicator_tree::from_file(a.tree);
  const auto scorecard = read_scorecard_file(a.scorecard, tree ? &*tree : nullptr);
  const auto policy = pay_policy::from_file(a.policy);
  const auto events = a.events.empty() ? std::vector<award_event>{}
                                       : read_events(read_cells_file(a.events, progress.callback()));
  const pay_result r = allocate_pay(staff, scorecard, policy, events);
  progress.clear();
  if (!a.out_dir.empty()) {
    output_batch files;
    write_reports(files, a.out_dir, r, staff, policy);
    files.commit();
  }
  switch (a.format) {
    case output_format::json:
      std::cout << pay_json(r, staff, policy) << '\n';
      break;
    case output_format::csv:
      output_for(a.format) << pay_people_csv(r, staff);
      break;
    case output_format::markdown:
      std::cout << "## Pay\n\n"
                << people_table(r, staff).markdown() << "\n## Task forces\n\n"
                << task_force_table(r).markdown();
      if (!r.awards.empty()) std::cout << "\n## Awards\n\n" << awards_table(r, staff).markdown();
      std::cout << "\n## Reconciliation\n\n```\n" << reconciliation(r, policy) << "```\n";
      break;
    case output_format::table:
      std::cout << people_table(r, staff).render() << '\n' << task_force_table(r).render();
      if (!r.awards.empty()) std::cout << '\n' << awards_table(r, staff).render();
      std::cout << '\n' << reconciliation(r, policy);
      break;
  }
}

void add_pay_commands(CLI::App& app) {
  static pay_args a;
  auto* cmd = app.add_subcommand(
      "pay", "Differentiated pay: share the 1.5× pool by grade, team and score, within floor and cap");
  cmd->add_option("--staff", a.staff,
                  "Staff roster (id,name,task_force,team,job_level,baseline,score[,weight]) (CSV or "
                  ".xlsx/.xls, book.xlsx#Sheet2)")
      ->required();
  cmd->add_option("--scorecard", a.scorecard, "Scorecard JSON from `zoneperf assess --format json`")
      ->required();
  cmd->add_option("--tree", a.tree, "The scorecard's tree file (default: the preset its JSON names)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--policy", a.policy, "Pay policy JSON")->required();
  cmd->add_option("--events", a.events, "Award events table (task_force,team,kind,count)");
  cmd->add_option("--out", a.out_dir,
                  "Also write pay.json, pay_people.csv, pay_task_forces.csv, pay_awards.csv here");
  add_format_option(*cmd, a.format);
  add_progress_option(*cmd, a.progress);
  cmd->callback([] { run_pay(a); });

  static std::string policy_file;
  auto* val = app.add_subcommand("validate-pay-policy", "Check a pay policy file and list every problem");
  val->add_option("file", policy_file, "Pay policy JSON")->required();
  val->callback([] {
    auto problems = validate_pay_policy_json(read_text_file(policy_file), policy_file);
    if (!problems.empty()) throw error(std::move(problems));
    std::cout << policy_file << ": valid\n";
  });
}

void demo_pay(demo_context& ctx) {
  const auto staff = read_staff(
      read_cells(sample_file(ctx.sample("pay/staff.csv")), "samples/" + ctx.sample("pay/staff.csv")));
  const auto policy = pay_policy::from_json(sample_file("pay/policy.json"), "samples/pay/policy.json");
  const auto events = read_events(
      read_cells(sample_file(ctx.sample("pay/events.csv")), "samples/" + ctx.sample("pay/events.csv")));
  std::string source = "the demo's scorecard";
  if (!ctx.card) {
    source = "samples/pay/scorecard.json";
    ctx.card = read_scorecard(sample_file("pay/scorecard.json"), source);
  }
  const scorecard& scorecard = *ctx.card;
  const pay_result r = allocate_pay(staff, scorecard, policy, events);
  ctx.out << "\n差异化薪酬 · " << staff.size() << " staff of " << r.task_forces.size()
          << " task forces, paid from " << source << " (policy: " << policy.name << ")\n\n";
  ctx.out << task_force_table(r).render() << '\n';
  if (!r.awards.empty()) ctx.out << awards_table(r, staff).render() << '\n';
  ctx.out << reconciliation(r, policy);
  write_reports(ctx.files, ctx.out_dir, r, staff, policy);
  ctx.sections.pay = report_pay{r, staff, policy};
  ctx.out << "\nwrote " << ctx.out_dir << "/pay.json, pay_people.csv, pay_task_forces.csv, pay_awards.csv\n";
}

const bool registered = add_command(&add_pay_commands);
const bool demo = add_demo_step(30, "pay", &demo_pay);

}  // namespace
}  // namespace zoneperf::cli
