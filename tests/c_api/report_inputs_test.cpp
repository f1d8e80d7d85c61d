// zp_report_parse_inputs against the C++ library it wraps: the sections over periods (the demo's
// series, `projects faces 2020` and `land --previous`) and the language give the page and the Markdown
// report_data::parse gives for the same inputs, byte for byte, and a bad section the same error.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../reports/support.hpp"
#include "zoneperf/c/zoneperf.h"
#include "zoneperf/error.hpp"

namespace zoneperf {
namespace {
using test::demo;
using test::with_periods;

// The C struct over the strings of `in` (which must outlive it); an empty string stays "".
zp_report_inputs c_inputs(const report_inputs& in) {
  zp_report_inputs c{};
  c.size = sizeof c;
  c.scorecard_json = in.scorecard.c_str();
  c.pay_json = in.pay.c_str();
  c.land_json = in.land.c_str();
  c.projects_json = in.projects.c_str();
  c.uncertainty_json = in.uncertainty.c_str();
  c.series_json = in.series.c_str();
  c.faces_json = in.faces.c_str();
  c.migration_json = in.migration.c_str();
  c.title = in.title.c_str();
  c.lang = to_string(in.lang);
  return c;
}

struct c_report {
  std::string html, markdown;
};

c_report through_c(const report_inputs& in) {
  const zp_report_inputs c = c_inputs(in);
  zp_report* r = nullptr;
  c_report out;
  EXPECT_EQ(zp_report_parse_inputs(&c, &r), ZP_OK) << zp_last_error();
  char* text = nullptr;
  if (zp_report_html(r, &text) == ZP_OK) out.html = text;
  zp_string_free(text);
  text = nullptr;
  if (zp_report_markdown(r, &text) == ZP_OK) out.markdown = text;
  zp_string_free(text);
  zp_report_free(r);
  return out;
}

TEST(c_report_inputs_test, series_faces_and_migration_give_the_page_of_report_data_parse) {
  const report_inputs in = with_periods(report_lang::zh);
  const c_report c = through_c(in);
  const report_data data = report_data::parse(in);
  EXPECT_TRUE(c.html == report_html(data));  // not EXPECT_EQ: a mismatch would print two whole pages
  EXPECT_TRUE(c.markdown == report_markdown(data));
  for (const char* s : {"id=\"trend\"", "id=\"faces_year\"", "id=\"migration\"", "各期走势",
                        "2020 年月度督查", "亩均分类变动", "<tr data-from=\"A\"><th>A</th>"})
    EXPECT_NE(c.html.find(s), std::string::npos) << s;
  // Every unit of the series has its dots in the trend chart.
  const auto series = nlohmann::json::parse(demo().series);
  ASSERT_FALSE(series["rows"].empty());
  for (const auto& row : series["rows"])
    EXPECT_NE(c.html.find("data-unit=\"" + row["unit"].get<std::string>() + "\" data-period=\"" +
                          row["period"].get<std::string>() + "\""),
              std::string::npos)
        << row;
}

TEST(c_report_inputs_test, lang_en_gives_english_labels) {
  const report_inputs in = with_periods(report_lang::en);
  const c_report c = through_c(in);
  EXPECT_TRUE(c.html == report_html(report_data::parse(in)));
  for (const char* s : {"Trend over the periods", "Monthly reviews of 2020", "亩均 class migration"})
    EXPECT_NE(c.html.find(s), std::string::npos) << s;
  for (const char* s : {"各期走势", "2020 年月度督查", "亩均分类变动"})
    EXPECT_EQ(c.html.find(s), std::string::npos) << s;
}

TEST(c_report_inputs_test, a_bad_series_is_the_error_of_the_cpp_path) {
  auto changed = nlohmann::ordered_json::parse(demo().series);
  changed["rows"][6]["delta_rank"] = 2;  // disagrees with the ranks: 318
  for (const std::string& bad : {std::string("{"), std::string("{\"periods\": []}"), changed.dump()}) {
    report_inputs in;
    in.scorecard = demo().inputs.scorecard;
    in.series = bad;
    int code = 0;
    std::string message;
    try {
      report_data::parse(in);
    } catch (const error& e) {
      code = e.code();
      message = e.what();
    }
    ASSERT_NE(code, 0) << bad;
    const zp_report_inputs c = c_inputs(in);
    zp_report* r = reinterpret_cast<zp_report*>(1);
    EXPECT_EQ(zp_report_parse_inputs(&c, &r), -(code / 100)) << message;
    EXPECT_EQ(r, nullptr);
    EXPECT_EQ(zp_last_error_code(), code);
    EXPECT_EQ(zp_last_error(), message);
  }
}

}  // namespace
}  // namespace zoneperf
