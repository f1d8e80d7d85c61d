#include "zoneperf/pipeline/registry.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "../support/test_support.hpp"

namespace zoneperf {
namespace {

date ymd(int y, int m, int d) { return date(y, m, d); }

using zoneperf::test_support::message_of;

project make(std::string id, std::string tf, date contacted) {
  project p;
  p.id = std::move(id);
  p.task_force = std::move(tf);
  p.dates[index(stage::contacted)] = contacted;
  return p;
}

/// A small registry as of 2020-07-31: P1 signed on 10 July, P2 contacted, P3 cleared.
registry small() {
  registry r(registry_options{default_task_forces(), ymd(2020, 7, 31)});
  project p1 = make("P1", "高端装备", ymd(2020, 4, 1));
  p1.dates[index(stage::scored)] = ymd(2020, 4, 8);
  p1.dates[index(stage::reviewed)] = ymd(2020, 4, 20);
  p1.dates[index(stage::intent)] = ymd(2020, 5, 6);
  p1.dates[index(stage::signed_)] = ymd(2020, 7, 10);
  r.add(p1);
  r.add(make("P2", "信息技术", ymd(2020, 6, 1)));
  project p3 = make("P3", "信息技术", ymd(2020, 5, 1));
  p3.dates[index(stage::cleared)] = ymd(2020, 5, 20);
  r.add(p3);
  return r;
}

/// Everything observable about a registry, to prove a failed change left it as it was.
std::string state(const registry& r) {
  std::string s = write_projects_csv(r) + to_string(r.as_of());
  for (const auto& tf : r.task_forces())
    for (std::size_t k = 0; k < stage_count; ++k)
      for (const project* p : r.in_stage(tf, static_cast<stage>(k))) s += "|" + tf + ":" + p->id;
  for (std::size_t k = 0; k < stage_count; ++k)
    for (const project* p : r.current_between(static_cast<stage>(k), ymd(2000, 1, 1), ymd(2100, 1, 1)))
      s += "/" + p->id;
  return s;
}

TEST(registry_test, stages_advance_one_at_a_time_with_dates) {
  registry r = small();
  r.advance("P1", stage::landed, ymd(2020, 7, 20));
  EXPECT_EQ(r.at("P1").current(), stage::landed);
  EXPECT_EQ(*r.at("P1").date_of(stage::landed), ymd(2020, 7, 20));
  r.advance("P2", stage::scored, ymd(2020, 6, 1));  // the same day as the previous stage is fine
  EXPECT_EQ(r.at("P2").current(), stage::scored);
  ASSERT_EQ(r.in_stage("高端装备", stage::landed).size(), 1u);
  EXPECT_EQ(r.current_between(stage::landed, ymd(2020, 7, 1), ymd(2020, 7, 31)).front()->id, "P1");
  EXPECT_TRUE(r.current_between(stage::landed, ymd(2020, 7, 21), ymd(2020, 7, 31)).empty());
}

TEST(registry_test, a_skipped_stage_is_rejected_and_changes_nothing) {
  registry r = small();
  const std::string before = state(r);
  EXPECT_EQ(message_of([&] { r.advance("P1", stage::started, ymd(2020, 7, 20)); }),
            "[zoneperf.project.713] P1: cannot move from signed to started: landed skipped");
  EXPECT_EQ(message_of([&] { r.advance("P2", stage::intent, ymd(2020, 7, 20)); }),
            "[zoneperf.project.713] P2: cannot move from contacted to intent: scored, reviewed skipped");
  EXPECT_EQ(state(r), before);
}

TEST(registry_test, a_move_backwards_or_to_the_same_stage_is_out_of_order_and_changes_nothing) {
  registry r = small();
  const std::string before = state(r);
  EXPECT_EQ(message_of([&] { r.advance("P1", stage::intent, ymd(2020, 7, 20)); }),
            "[zoneperf.project.714] P1: cannot move from signed to intent: out of order");
  EXPECT_EQ(message_of([&] { r.advance("P1", stage::signed_, ymd(2020, 7, 20)); }),
            "[zoneperf.project.714] P1: cannot move from signed to signed: out of order");
  EXPECT_EQ(state(r), before);
}

TEST(registry_test, a_date_before_the_previous_stage_is_rejected_and_changes_nothing) {
  registry r = small();
  const std::string before = state(r);
  EXPECT_EQ(message_of([&] { r.advance("P1", stage::landed, ymd(2020, 7, 9)); }),
            "[zoneperf.project.715] P1: landed on 2020-07-09 is before signed on 2020-07-10");
  EXPECT_EQ(message_of([&] { r.clear("P1", ymd(2020, 7, 1)); }),
            "[zoneperf.project.715] P1: cleared on 2020-07-01 is before signed on 2020-07-10");
  EXPECT_EQ(state(r), before);
}

TEST(registry_test, a_date_after_the_as_of_date_is_rejected_and_changes_nothing) {
  registry r = small();
  const std::string before = state(r);
  EXPECT_EQ(message_of([&] { r.advance("P1", stage::landed, ymd(2020, 8, 1)); }),
            "[zoneperf.project.716] P1: landed on 2020-08-01 is after the as-of date 2020-07-31");
  EXPECT_EQ(message_of([&] { r.clear("P2", ymd(2020, 8, 1)); }),
            "[zoneperf.project.716] P2: cleared on 2020-08-01 is after the as-of date 2020-07-31");
  EXPECT_EQ(message_of([&] { r.set_as_of(ymd(2020, 7, 9)); }),
            "[zoneperf.project.716] P1: signed on 2020-07-10 is after the new as-of date 2020-07-09");
  EXPECT_EQ(state(r), before);
  r.set_as_of(ymd(2020, 8, 31));
  r.advance("P1", stage::landed, ymd(2020, 8, 1));
  EXPECT_EQ(r.at("P1").current(), stage::landed);
}

TEST(registry_test, cleared_ends_any_stage_and_nothing_follows_it) {
  registry r = small();
  r.clear("P1", ymd(2020, 7, 15));
  EXPECT_EQ(r.at("P1").current(), stage::cleared);
  EXPECT_EQ(r.at("P1").furthest(), stage::signed_);
  EXPECT_EQ(r.in_stage("高端装备", stage::cleared).size(), 1u);
  const std::string before = state(r);
  EXPECT_EQ(message_of([&] { r.advance("P1", stage::landed, ymd(2020, 7, 20)); }),
            "[zoneperf.project.717] P1: cleared on 2020-07-15; no stage can follow");
  EXPECT_EQ(message_of([&] { r.clear("P1", ymd(2020, 7, 20)); }),
            "[zoneperf.project.717] P1: already cleared on 2020-07-15");
  EXPECT_EQ(message_of([&] { r.advance("P9", stage::scored, ymd(2020, 7, 20)); }),
            "[zoneperf.project.712] P9: no such project");
  EXPECT_EQ(state(r), before);
}

TEST(registry_test, producing_is_the_last_stage) {
  registry r = small();
  r.advance("P1", stage::landed, ymd(2020, 7, 11));
  r.advance("P1", stage::started, ymd(2020, 7, 12));
  r.advance("P1", stage::producing, ymd(2020, 7, 13));
  EXPECT_EQ(message_of([&] { r.advance("P1", stage::producing, ymd(2020, 7, 14)); }),
            "[zoneperf.project.714] P1: cannot move from producing to producing: out of order");
  r.advance("P1", stage::cleared, ymd(2020, 7, 30));  // advancing to cleared clears
  EXPECT_TRUE(r.at("P1").cleared());
}

TEST(registry_test, add_reports_every_problem_of_a_project_and_adds_nothing) {
  registry r = small();
  const std::string before = state(r);
  project p = make("P1", "招商局", ymd(2020, 6, 1));
  p.dates[index(stage::intent)] = ymd(2020, 5, 1);
  p.dates[index(stage::landed)] = ymd(2020, 9, 1);
  p.land = -area::from_mu(1);
  EXPECT_EQ(
      message_of([&] { r.add(p); }),
      "[zoneperf.project.711] P1: project id already in the registry\n"
      "[zoneperf.project.710] P1: unknown task force '招商局'\n"
      "[zoneperf.project.719] P1: land area must be a finite number >= 0 mu\n"
      "[zoneperf.project.713] P1: intent on 2020-05-01 but scored, reviewed not reached (skipped stage)\n"
      "[zoneperf.project.715] P1: intent on 2020-05-01 is before contacted on 2020-06-01\n"
      "[zoneperf.project.713] P1: landed on 2020-09-01 but signed not reached (skipped stage)\n"
      "[zoneperf.project.716] P1: landed on 2020-09-01 is after the as-of date 2020-07-31");
  EXPECT_EQ(check_project(r, make("", "高端装备", ymd(2020, 6, 1))).front().what, "empty project id");
  project none;
  none.id = "P8";
  none.task_force = "高端装备";
  EXPECT_EQ(message_of([&] { r.add(none); }), "[zoneperf.project.718] P8: no contacted date");
  EXPECT_EQ(state(r), before);
}

TEST(registry_test, lookup_by_id_and_snapshots_of_the_past) {
  const registry r = small();
  ASSERT_NE(r.find("P2"), nullptr);
  EXPECT_EQ(r.find("P2")->task_force, "信息技术");
  EXPECT_EQ(r.find("nope"), nullptr);
  EXPECT_EQ(r.size(), 3u);
  const registry june = r.snapshot(ymd(2020, 6, 30));
  EXPECT_EQ(june.as_of(), ymd(2020, 6, 30));
  EXPECT_EQ(june.at("P1").current(), stage::intent);
  EXPECT_EQ(june.size(), 3u);
  EXPECT_EQ(r.snapshot(ymd(2020, 5, 15)).size(), 2u);  // P2 was not contacted yet
  EXPECT_EQ(r.snapshot(ymd(2020, 5, 15)).at("P3").current(), stage::contacted);
  EXPECT_EQ(r.at("P1").stage_at(ymd(2020, 5, 6)), stage::intent);
  EXPECT_EQ(r.at("P1").stage_at(ymd(2020, 3, 1)), std::nullopt);
  EXPECT_FALSE(r.at("P3").active_at(ymd(2020, 5, 20)));
  EXPECT_TRUE(r.at("P3").active_at(ymd(2020, 5, 19)));
  registry copy = r;  // copies are independent
  copy.clear("P2", ymd(2020, 7, 1));
  EXPECT_FALSE(r.at("P2").cleared());
}

TEST(registry_test, money_in_wan_is_exact) {
  EXPECT_EQ(detail::parse_wan("78000", "x").fen(), 78'000'000'000LL);
  EXPECT_EQ(detail::parse_wan("0.000001", "x").fen(), 1);
  EXPECT_EQ(detail::parse_wan<usd>("1056.5", "x").fen(), 1'056'500'000LL);
  EXPECT_EQ(to_string(usd_money::from_fen(1'056'500'000LL), money_unit::wan), "1056.5");
  EXPECT_EQ(to_string(cny_money::from_fen(78'000'000'000LL), money_unit::wan), "78000");
  EXPECT_EQ(message_of([] { detail::parse_wan("1.0000001", "p.csv:2:8"); }),
            "[zoneperf.project.719] p.csv:2:8: bad amount '1.0000001': more than 6 decimal places (the minor "
            "unit is 0.000001 万)");
  EXPECT_EQ(message_of([] { detail::parse_wan("-5", "x"); }),
            "[zoneperf.project.719] x: bad amount '-5': negative");
  EXPECT_EQ(message_of([] { detail::parse_wan("99999999999999", "x"); }),
            "[zoneperf.project.719] x: bad amount '99999999999999': too large");
  EXPECT_EQ(
      message_of([] { detail::parse_wan("1e5", "x"); }),
      "[zoneperf.project.719] x: bad amount '1e5': expected a decimal number such as 78000 or 1250.5 (万)");
}

// ---- the projects table ------------------------------------------------------------------------

const char* header = "id,task_force,contacted,scored,reviewed,intent,signed,landed\n";

TEST(projects_csv_test, reads_a_table_and_writes_it_back) {
  const std::string text =
      std::string("id,name,task_force,key,total_investment,land_area,contacted,scored,cleared\n") +
      "A1,\"锂电, 一期\",新材料新能源,1,78000.25,12.5,2020-04-01,2020-04-08,\n"
      "A2,,信息技术,0,,,2020-05-01,,2020-05-09\n";
  const registry r = read_projects(text, "p.csv");
  EXPECT_EQ(r.as_of(), ymd(2020, 5, 9));  // the latest date in the file
  EXPECT_EQ(r.at("A1").name, "锂电, 一期");
  EXPECT_TRUE(r.at("A1").key_project);
  EXPECT_EQ(r.at("A1").total_investment.fen(), 78'000'250'000LL);
  EXPECT_EQ(r.at("A1").land.mu(), 12.5);
  EXPECT_TRUE(r.at("A2").cleared());
  const registry again = read_projects(write_projects_csv(r), "again.csv");
  EXPECT_EQ(write_projects_csv(again), write_projects_csv(r));
}

TEST(projects_csv_test, an_unknown_task_force_names_its_line_and_column) {
  EXPECT_EQ(message_of([] { read_projects(std::string(header) + "A1,招商一组,2020-04-01,,,,,\n", "p.csv"); }),
            "[zoneperf.project.710] p.csv:2:2: unknown task force '招商一组' (known: 新材料新能源, 高端装备, "
            "医养健康, 信息技术)");
}

TEST(projects_csv_test, a_bad_date_names_its_line_and_column) {
  EXPECT_EQ(message_of([] {
              read_projects(
                  std::string(header) + "A1,高端装备,2020-04-01,,,,,\nA2,高端装备,2020-02-30,,,,,\n",
                  "p.csv");
            }),
            "[zoneperf.project.701] p.csv:3:3: bad date '2020-02-30': 2020-02 has 29 days");
}

TEST(projects_csv_test, a_duplicate_id_names_both_lines) {
  EXPECT_EQ(message_of([] {
              read_projects(
                  std::string(header) + "A1,高端装备,2020-04-01,,,,,\nA1,信息技术,2020-04-02,,,,,\n",
                  "p.csv");
            }),
            "[zoneperf.project.711] p.csv:3:1: project 'A1' already on line 2");
}

TEST(projects_csv_test, stage_dates_out_of_order_or_skipped_name_the_cell) {
  EXPECT_EQ(
      message_of([] {
        read_projects(std::string(header) +
                          "A1,高端装备,2020-04-01,2020-04-08,2020-04-20,2020-05-01,2020-04-30,\n"
                          "A2,高端装备,2020-04-01,2020-04-08,,2020-05-01,,\n",
                      "p.csv");
      }),
      "[zoneperf.project.715] p.csv:2:7: project 'A1': signed on 2020-04-30 is before intent on 2020-05-01\n"
      "[zoneperf.project.713] p.csv:3:6: project 'A2': intent on 2020-05-01 but reviewed not reached "
      "(skipped stage)");
}

TEST(projects_csv_test, dates_after_a_given_as_of_date_are_rejected) {
  load_options o;
  o.as_of = ymd(2020, 4, 30);
  EXPECT_EQ(message_of([&] {
              read_projects(std::string(header) + "A1,高端装备,2020-04-01,2020-05-08,,,,\n", "p.csv", o);
            }),
            "[zoneperf.project.716] p.csv:2:4: project 'A1': scored on 2020-05-08 is after the as-of date "
            "2020-04-30");
}

TEST(projects_csv_test, header_and_cell_problems_are_reported_together) {
  EXPECT_EQ(message_of([] { read_projects("id,task_force,stage,contacted,contacted\n", "p.csv"); }),
            "[zoneperf.data.304] p.csv:1:3: unknown column 'stage' (see docs/projects.md for the columns)\n"
            "[zoneperf.data.307] p.csv:1:5: column 'contacted' given twice");
  EXPECT_EQ(message_of([] { read_projects("id,contacted\n", "p.csv"); }),
            "[zoneperf.data.305] p.csv:1: missing column 'task_force'");
  EXPECT_EQ(
      message_of([] {
        read_projects(
            "id,task_force,key,land_area,total_investment,contacted\nA1,高端装备,yes,-3,12.3.4,2020-04-01\n",
            "p.csv");
      }),
      "[zoneperf.project.719] p.csv:2:3: bad flag 'yes' in column 'key': expected 0 or 1\n"
      "[zoneperf.project.719] p.csv:2:5: bad amount '12.3.4': expected a decimal number such as 78000 or "
      "1250.5 (万)\n"
      "[zoneperf.project.719] p.csv:2:4: negative land area");
  EXPECT_EQ(
      validate_projects(read_csv(std::string(header) + "A1,x,2020-04-01,,,,,\nA2,y,,,,,,\n", "p.csv")).size(),
      3u);
}

}  // namespace
}  // namespace zoneperf
