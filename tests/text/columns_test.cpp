// Tests of include/zoneperf/text/columns.hpp: the record tables read under their Chinese column names.
#include "zoneperf/text/columns.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>

#include "../support/test_support.hpp"
#include "zoneperf/land/records.hpp"
#include "zoneperf/pay/inputs.hpp"
#include "zoneperf/pipeline/admission.hpp"
#include "zoneperf/pipeline/registry.hpp"
#include "zoneperf/presets.hpp"

namespace zoneperf {
namespace {

// The sample table `path` with its header row replaced by `header`.
std::string reheaded(std::string_view path, const std::string& header) {
  const std::string_view text = sample_file(path);
  return header + std::string(text.substr(text.find('\n')));
}

// The problems `f` throws (none: an empty list).
std::vector<problem> problems_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const error& e) {
    return e.problems();
  }
  return {};
}

void expect_same(const land_record& a, const land_record& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.park, b.park);
  EXPECT_EQ(a.task_force, b.task_force);
  EXPECT_EQ(a.land, b.land);
  EXPECT_EQ(a.investment, b.investment);
  EXPECT_EQ(a.tax, b.tax);
  EXPECT_EQ(a.revenue, b.revenue);
  EXPECT_EQ(a.value_added, b.value_added);
  EXPECT_EQ(a.energy_tce, b.energy_tce);
  EXPECT_EQ(a.emissions, b.emissions);
  EXPECT_EQ(a.rd_spending, b.rd_spending);
  EXPECT_EQ(a.employees, b.employees);
  EXPECT_EQ(a.exempt, b.exempt);
  EXPECT_EQ(a.items, b.items);
}

TEST(columns_test, enterprises_read_the_same_under_chinese_names) {
  const auto english = read_land_records(read_csv(sample_file("land/enterprises.csv"), "e.csv"));
  // Full-width brackets and a bare name without its unit, as clerks write them.
  const auto chinese = read_land_records(read_csv(
      reheaded(
          "land/enterprises.csv",
          "企业编号,企业名称,所在园区,所属专班,用地面积（亩）,固定资产投资(万元),税收(万元),营业收入(万元),"
          "工业增加值(万元),研发经费,综合能耗(吨标准煤),污染物排放量(吨),从业人员(人),免评原因"),
      "e.csv"));
  ASSERT_EQ(english.size(), 33u);
  ASSERT_EQ(chinese.size(), english.size());
  for (std::size_t k = 0; k < english.size(); ++k) expect_same(chinese[k], english[k]);
}

TEST(columns_test, land_in_square_metres_or_hectares_by_the_unit_in_brackets) {
  // 2000 m² and 0.2 ha are 3 mu (1 mu = 2000/3 m²).
  EXPECT_EQ(*read_land_records(read_csv("编号,用地面积(平方米),税收\nA,2000,30\n", "a.csv"))[0].land,
            area::from_mu(3));
  EXPECT_EQ(*read_land_records(read_csv("编号,占地面积（公顷）,税收\nA,0.2,30\n", "a.csv"))[0].land,
            area::from_mu(3));
}

TEST(columns_test, a_unit_other_than_the_columns_own_is_an_error_naming_both) {
  const auto p =
      problems_of([] { read_land_records(read_csv("id,用地面积(平方公里),tax_wan\nA,1,30\n", "a.csv")); });
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].code, errc::header_unit_mismatch);
  EXPECT_EQ(p[0].where, "a.csv:1:2");
  EXPECT_NE(p[0].what.find("用地面积(平方公里)"), std::string::npos) << p[0].what;
  EXPECT_NE(p[0].what.find("land_ha (公顷)"), std::string::npos) << p[0].what;
  // 税收 is in 万元: a header in 亿元 would read every figure 10⁴ too small.
  const auto tax =
      problems_of([] { read_land_records(read_csv("id,land_mu,税收(亿元)\nA,1,3\n", "a.csv")); });
  ASSERT_EQ(tax.size(), 1u);
  EXPECT_EQ(tax[0].code, errc::header_unit_mismatch);
  EXPECT_NE(tax[0].what.find("tax_wan (万元)"), std::string::npos) << tax[0].what;
  // The staff's baseline is in yuan.
  const auto pay = problems_of([] {
    read_staff(read_csv("id,name,task_force,team,job_level,基本薪酬(万元),score\nP,王,T,,,15,80\n", "s.csv"));
  });
  ASSERT_EQ(pay.size(), 1u);
  EXPECT_EQ(pay[0].code, errc::header_unit_mismatch);
  EXPECT_NE(pay[0].what.find("baseline (元)"), std::string::npos) << pay[0].what;
}

TEST(columns_test, a_name_shared_by_columns_of_different_units_needs_its_unit) {
  const auto p = problems_of([] { read_land_records(read_csv("id,用地面积\nA,1\n", "a.csv")); });
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].code, errc::ambiguous_column);
  EXPECT_EQ(p[0].where, "a.csv:1:2");
  EXPECT_NE(p[0].what.find("land_mu (亩), land_m2 (平方米), land_ha (公顷)"), std::string::npos) << p[0].what;
}

TEST(columns_test, one_column_under_two_names_is_an_error_naming_both_and_their_positions) {
  const auto p = problems_of([] { read_land_records(read_csv("id,land_mu,企业编号\nA,1,A\n", "a.csv")); });
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].code, errc::duplicate_column);
  EXPECT_EQ(p[0].where, "a.csv:1:3");
  EXPECT_EQ(p[0].what, "column 3 \"企业编号\" and column 1 \"id\" both name column \"id\"");
  const auto staff = problems_of(
      [] { read_staff(read_csv("姓名,id,name,task_force,team,job_level,baseline,score\n", "s.csv")); });
  ASSERT_EQ(staff.size(), 1u);
  EXPECT_EQ(staff[0].code, errc::duplicate_column);
  EXPECT_EQ(staff[0].what, "column 3 \"name\" and column 1 \"姓名\" both name column \"name\"");
  const auto projects = validate_projects(read_csv("id,task_force,接洽,contacted\n", "p.csv"));
  ASSERT_EQ(projects.size(), 1u);
  EXPECT_EQ(projects[0].code, errc::duplicate_column);
  EXPECT_EQ(projects[0].what, "column 4 \"contacted\" and column 3 \"接洽\" both name column \"contacted\"");
  const auto events = problems_of([] { read_events(read_csv("专班,所属专班,team,kind,count\n", "e.csv")); });
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].what, "column 2 \"所属专班\" and column 1 \"专班\" both name column \"task_force\"");
  const auto cands =
      problems_of([] { read_candidates(read_csv("编号,项目编号,total_investment\n", "c.csv")); });
  ASSERT_EQ(cands.size(), 1u);
  EXPECT_EQ(cands[0].what, "column 2 \"项目编号\" and column 1 \"编号\" both name column \"id\"");
}

TEST(columns_test, english_headers_keep_their_messages) {
  // The same id twice, and an unknown header, are the readers' own errors as before.
  const auto p = problems_of([] { read_land_records(read_csv("id,land_mu,id,用地\nA,1,A,2\n", "a.csv")); });
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].what, "duplicate column \"id\"");
  EXPECT_EQ(p[1].what, "unknown column \"用地\"");
}

TEST(columns_test, staff_and_events_read_the_same_under_chinese_names) {
  const auto english = read_staff(read_csv(sample_file("pay/staff.csv"), "s.csv"));
  const auto chinese = read_staff(read_csv(
      reheaded("pay/staff.csv", "工号,姓名,专班,小组,职级,基本薪酬(元),绩效得分,贡献权重"), "s.csv"));
  ASSERT_EQ(english.size(), 40u);
  ASSERT_EQ(chinese.size(), english.size());
  for (std::size_t k = 0; k < english.size(); ++k) {
    EXPECT_EQ(chinese[k].id, english[k].id);
    EXPECT_EQ(chinese[k].name, english[k].name);
    EXPECT_EQ(chinese[k].task_force, english[k].task_force);
    EXPECT_EQ(chinese[k].team, english[k].team);
    EXPECT_EQ(chinese[k].job_level, english[k].job_level);
    EXPECT_EQ(chinese[k].baseline, english[k].baseline);
    EXPECT_EQ(chinese[k].score, english[k].score);
    EXPECT_EQ(chinese[k].weight, english[k].weight);
    EXPECT_EQ(chinese[k].where, english[k].where);
  }
  const auto e_en = read_events(read_csv(sample_file("pay/events.csv"), "e.csv"));
  const auto e_zh = read_events(read_csv(reheaded("pay/events.csv", "专班,小组,奖励类型,次数"), "e.csv"));
  ASSERT_EQ(e_en.size(), 5u);
  ASSERT_EQ(e_zh.size(), e_en.size());
  for (std::size_t k = 0; k < e_en.size(); ++k) {
    EXPECT_EQ(e_zh[k].task_force, e_en[k].task_force);
    EXPECT_EQ(e_zh[k].team, e_en[k].team);
    EXPECT_EQ(e_zh[k].kind, e_en[k].kind);
    EXPECT_EQ(e_zh[k].count, e_en[k].count);
  }
}

TEST(columns_test, projects_read_the_same_under_chinese_names) {
  const std::string english =
      write_projects_csv(read_projects(sample_file("projects/projects.csv"), "p.csv"));
  const std::string chinese = write_projects_csv(read_projects(
      reheaded(
          "projects/projects.csv",
          "项目编号,项目名称,招商专班,行业,重点项目,产业链招商,世界500强,总投资(万元),固定资产投资（万元）,"
          "实际利用外资(万美元),用地面积(亩),年税收(万元),准入得分,接洽日期,赋分,上会,意向,签约,落地,开工,"
          "投产,"
          "出清"),
      "p.csv"));
  EXPECT_EQ(std::count(english.begin(), english.end(), '\n'), 105);  // the header and 104 projects
  EXPECT_EQ(chinese, english);
}

TEST(columns_test, candidates_read_the_same_under_chinese_names) {
  const auto english = read_candidates(read_csv(sample_file("projects/candidates.csv"), "c.csv"));
  const auto chinese = read_candidates(read_csv(
      reheaded(
          "projects/candidates.csv",
          "编号,项目名称,专班,信用等级,产业契合度,研发投入占比(%),总投资(万元),用地面积（亩）,"
          "承诺亩均税收(万元/亩),亩均产出(万元/亩),就业岗位(人),单位产出能耗(吨标准煤/万元),本地配套率（％）,"
          "环评否决"),
      "c.csv"));
  ASSERT_EQ(english.size(), 92u);
  ASSERT_EQ(chinese.size(), english.size());
  for (std::size_t k = 0; k < english.size(); ++k) {
    const candidate &a = chinese[k], &b = english[k];
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.task_force, b.task_force);
    EXPECT_EQ(a.credit, b.credit);
    EXPECT_EQ(a.industry_fit, b.industry_fit);
    EXPECT_EQ(a.rd_share, b.rd_share);
    EXPECT_EQ(a.total_investment, b.total_investment);
    EXPECT_EQ(a.land, b.land);
    EXPECT_EQ(a.promised_tax_per_mu, b.promised_tax_per_mu);
    EXPECT_EQ(a.output_per_mu, b.output_per_mu);
    EXPECT_EQ(a.jobs, b.jobs);
    EXPECT_EQ(a.energy_per_output, b.energy_per_output);
    EXPECT_EQ(a.local_supply, b.local_supply);
    EXPECT_EQ(a.eia_rejected, b.eia_rejected);
    EXPECT_EQ(a.extra, b.extra);
  }
}

TEST(columns_test, every_alias_table_names_each_column_once_with_its_unit) {
  for (auto table : {record_table::enterprises, record_table::staff, record_table::events,
                     record_table::projects, record_table::candidates}) {
    for (const auto& a : column_aliases(table)) {
      EXPECT_FALSE(a.column.empty());
      EXPECT_FALSE(a.names.empty()) << a.column;
      EXPECT_EQ(a.names.find('('), std::string_view::npos) << a.column << ": names carry no bracket";
    }
  }
}

TEST(columns_test, the_docs_list_every_chinese_name_where_the_table_is_documented) {
  const auto doc = [](const char* name) {
    std::ifstream in(std::string(ZONEPERF_SOURCE_DIR) + "/docs/" + name, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const std::pair<record_table, std::string> tables[] = {{record_table::enterprises, doc("land.md")},
                                                         {record_table::staff, doc("pay.md")},
                                                         {record_table::events, doc("pay.md")},
                                                         {record_table::projects, doc("projects.md")},
                                                         {record_table::candidates, doc("projects.md")}};
  for (const auto& [table, text] : tables) {
    ASSERT_FALSE(text.empty());
    for (const auto& a : column_aliases(table)) {
      std::string_view names = a.names;
      while (!names.empty()) {
        const std::string name(names.substr(0, names.find('|')));
        EXPECT_NE(text.find("`" + name + "`"), std::string::npos) << a.column << ": " << name;
        names.remove_prefix(std::min(names.size(), name.size() + 1));
      }
    }
  }
}

}  // namespace
}  // namespace zoneperf
