// The auditor's workbook, pay and land sections: the people's pay as formulas over their baseline
// and coefficients, the per-task-force sums, the reconciliation; the 亩均 ranks and class counts,
// with a chart of the classes.
#include <algorithm>
#include <cmath>

#include "labels.hpp"
#include "xlsx_book.hpp"

namespace zoneperf::detail::xlsx {
namespace {

struct spec {
  const char* key;
  double width;
  num_format format;
};
/// The columns of `keys` (labels "col.<key>") with their widths and formats.
std::vector<column> table(const report_model& m, std::initializer_list<spec> specs) {
  std::vector<column> out;
  for (const spec& s : specs) {
    column c = columns(m, {s.key}).front();
    c.width = s.width;
    c.format = s.format;
    out.push_back(std::move(c));
  }
  return out;
}
constexpr auto plain = num_format::plain, integer = num_format::integer, score = num_format::score,
               money = num_format::money, coefficient = num_format::coefficient,
               multiple = num_format::multiple, lambda_format = num_format::lambda;

}  // namespace

void pay_sheets(book& b, const report_model& m) {
  const rjson& p = m.pay;
  const rjson& people = p["people"];
  const rjson& rec = p["reconciliation"];
  const double lambda =
      rec.contains("lambda") && rec["lambda"].is_object() ? dec(rec["lambda"]["decimal"]) : nan;
  enum {
    P_ID,
    P_NAME,
    P_TF,
    P_TEAM,
    P_LEVEL,
    P_BASE,
    P_SCORE,
    P_GRADE,
    P_TFC,
    P_TEAMC,
    P_INDC,
    P_SHARE,
    P_LAMBDA,
    P_FLOOR,
    P_CAP,
    P_RAW,
    P_CLAMP,
    P_WHOLE,
    P_ROUND,
    P_BASEPAY,
    P_AWARD,
    P_TOTAL,
    P_MULT
  };
  b.sheet(sheet_name(m, "pay_people"), "person",
          table(m, {{"id", 8, plain},
                    {"name", 10, plain},
                    {"task_force", 14, plain},
                    {"team", 12, plain},
                    {"job_level", 10, plain},
                    {"baseline", 12, money},
                    {"score", 8, score},
                    {"grade", 8, plain},
                    {"task_force_coefficient", 10, coefficient},
                    {"team_coefficient", 10, coefficient},
                    {"individual_coefficient", 10, coefficient},
                    {"share", 14, money},
                    {"lambda", 16, lambda_format},
                    {"floor", 12, money},
                    {"cap", 12, money},
                    {"raw_pay", 14, money},
                    {"clamp", 8, plain},
                    {"raw_whole_fen", 13, integer},
                    {"rounding_fen", 9, integer},
                    {"base_pay", 13, money},
                    {"award", 11, money},
                    {"total", 13, money},
                    {"multiple", 9, multiple}}));
  const int n = static_cast<int>(people.size());
  for (int i = 0; i < n; ++i) {
    const rjson& x = people[static_cast<std::size_t>(i)];
    const int row = first_row + i;
    for (auto [col, key] : {std::pair{P_ID, "id"},
                            {P_NAME, "name"},
                            {P_TF, "task_force"},
                            {P_TEAM, "team"},
                            {P_LEVEL, "job_level"},
                            {P_GRADE, "grade"},
                            {P_CLAMP, "clamp"}})
      b.text(row, col,
             col == P_CLAMP ? label_or(m.lang, "clamp", text_of(x.value(key, rjson())))
                            : text_of(x.value(key, rjson())));
    b.num(row, P_BASE, dec(x.value("baseline", rjson())));
    b.num(row, P_SCORE, dec(x.value("score", rjson())));
    b.num(row, P_TFC, dec(x.value("task_force_coefficient", rjson())));
    b.num(row, P_TEAMC, dec(x.value("team_coefficient", rjson())));
    b.num(row, P_INDC, dec(x.value("individual_coefficient", rjson())));
    b.formula(row, P_SHARE,
              ref(row, P_BASE) + "*" + ref(row, P_TFC) + "*" + ref(row, P_TEAMC) + "*" + ref(row, P_INDC),
              dec(x.value("share", rjson())), 1e-6);
    b.num(row, P_LAMBDA, lambda);
    b.num(row, P_FLOOR, dec(x.value("floor", rjson())));
    b.num(row, P_CAP, dec(x.value("cap", rjson())));
    // raw_pay in the JSON is truncated to 4 places beyond the fen, and λ is a 12-place decimal.
    if (!std::isnan(lambda))
      b.formula(row, P_RAW,
                "MIN(MAX(" + ref(row, P_LAMBDA) + "*" + ref(row, P_SHARE) + "," + ref(row, P_FLOOR) + ")," +
                    ref(row, P_CAP) + ")",
                dec(x.value("raw_pay", rjson())), 2e-4);
    else
      b.num(row, P_RAW, dec(x.value("raw_pay", rjson())));
    const rjson exact = x.value("raw_pay_exact", rjson());
    b.num(row, P_WHOLE, exact.is_object() ? dec(exact.value("whole_fen", rjson())) : nan);
    b.num(row, P_ROUND, dec(x.value("rounding_fen", rjson())));
    if (exact.is_object())
      b.formula(row, P_BASEPAY, "(" + ref(row, P_WHOLE) + "+" + ref(row, P_ROUND) + ")/100",
                dec(x.value("base_pay", rjson())), 1e-6);
    else
      b.num(row, P_BASEPAY, dec(x.value("base_pay", rjson())));
    b.num(row, P_AWARD, dec(x.value("award", rjson())));
    b.formula(row, P_TOTAL, ref(row, P_BASEPAY) + "+" + ref(row, P_AWARD), dec(x.value("total", rjson())),
              1e-6);
    b.formula(row, P_MULT, ref(row, P_BASEPAY) + "/" + ref(row, P_BASE), dec(x.value("multiple", rjson())),
              5.1e-5);
  }
  const int last = first_row + std::max(n, 1) - 1;
  auto col_range = [&](int col) {
    return abs_range(sheet_ref(sheet_name(m, "pay_people")), col, first_row, last);
  };

  b.sheet(sheet_name(m, "pay_task_forces"), "task force",
          table(m, {{"task_force", 16, plain},
                    {"grade", 8, plain},
                    {"coefficient", 11, coefficient},
                    {"head_count", 11, integer},
                    {"baseline", 14, money},
                    {"base_pay", 14, money},
                    {"award", 12, money},
                    {"total", 14, money},
                    {"average_multiple", 16, multiple}}));
  int row = first_row;
  for (const auto& tf : p["task_forces"]) {
    const std::string a = "$" + ref(row, 0);
    b.text(row, 0, text_of(tf["id"]));
    b.text(row, 1, text_of(tf.value("grade", rjson())));
    b.num(row, 2, dec(tf.value("coefficient", rjson())));
    b.formula(row, 3, "SUMPRODUCT(--(" + col_range(P_TF) + "=" + a + "))",
              dec(tf.value("head_count", rjson())));
    const std::pair<int, const char*> sums[] = {
        {P_BASE, "baseline"}, {P_BASEPAY, "base_pay"}, {P_AWARD, "award"}, {P_TOTAL, "total"}};
    int col = 4;
    for (auto [pc, key] : sums)
      b.formula(row, col++, "SUMPRODUCT((" + col_range(P_TF) + "=" + a + ")*" + col_range(pc) + ")",
                dec(tf.value(key, rjson())), 1e-6);
    b.formula(row, 8, "IF(" + ref(row, 4) + "=0,0," + ref(row, 5) + "/" + ref(row, 4) + ")",
              dec(tf.value("average_multiple", rjson())), 5.1e-5);
    ++row;
  }

  b.sheet(sheet_name(m, "pay_reconciliation"), "item",
          table(m, {{"item", 18, plain}, {"value", 20, plain}, {"how", 60, plain}}));
  // One item a row, each value in its own format; the formulas name the rows they read.
  const int r0 = first_row;
  const int r_baseline = r0, r_multiplier = r0 + 1, r_pool = r0 + 2, r_base_paid = r0 + 3,
            r_difference = r0 + 4, r_awards = r0 + 5, r_total = r0 + 6, r_average = r0 + 7, r_lambda = r0 + 8;
  auto item = [&](int r, const std::string& name) {
    b.text(r, 0, lbl(m, "rec." + name));
    b.text(r, 2, lbl(m, "rec." + name + ".how"));
  };
  auto v = [](int r) { return ref(r, 1); };
  item(r_baseline, "baseline");
  b.formula(r_baseline, 1, "SUM(" + col_range(P_BASE) + ")", dec(rec.value("baseline", rjson())), 1e-6,
            money);
  item(r_multiplier, "multiplier");
  b.num(r_multiplier, 1, dec(rec.value("multiplier", rjson())), coefficient);
  item(r_pool, "pool");
  b.formula(r_pool, 1, "ROUND(" + v(r_multiplier) + "*" + v(r_baseline) + ",2)",
            dec(rec.value("pool", rjson())), 1e-6, money);
  item(r_base_paid, "base_paid");
  b.formula(r_base_paid, 1, "SUM(" + col_range(P_BASEPAY) + ")", dec(rec.value("base_paid", rjson())), 1e-6,
            money);
  item(r_difference, "difference");
  b.formula(r_difference, 1, "ROUND(" + v(r_pool) + "-" + v(r_base_paid) + ",2)",
            dec(rec.value("difference", rjson())), 1e-6, money);
  item(r_awards, "awards_paid");
  b.formula(r_awards, 1, "SUM(" + col_range(P_AWARD) + ")", dec(rec.value("awards_paid", rjson())), 1e-6,
            money);
  item(r_total, "total_paid");
  b.formula(r_total, 1, v(r_base_paid) + "+" + v(r_awards), dec(rec.value("total_paid", rjson())), 1e-6,
            money);
  item(r_average, "average_multiple");
  b.formula(r_average, 1, "IF(" + v(r_baseline) + "=0,0," + v(r_base_paid) + "/" + v(r_baseline) + ")",
            dec(rec.value("average_multiple", rjson())), 5.1e-5, multiple);
  item(r_lambda, "lambda");
  b.num(r_lambda, 1, lambda, lambda_format);
}

void land_sheets(book& b, const report_model& m) {
  const rjson& l = m.land;
  const rjson& ents = l["enterprises"];
  std::vector<std::string> metrics;
  if (!ents.empty() && ents[0].contains("metrics"))
    for (auto it = ents[0]["metrics"].begin(); it != ents[0]["metrics"].end(); ++it)
      metrics.push_back(it.key());
  std::vector<column> cols = table(m, {{"id", 8, plain},
                                       {"name", 22, plain},
                                       {"park", 14, plain},
                                       {"task_force", 13, plain},
                                       {"land_mu", 11, money}});
  // The metrics are in 万元 per mu, person, tce or tonne (money format), or shares (rd_share: percent).
  for (const auto& key : metrics) {
    const bool share = key.size() > 6 && key.compare(key.size() - 6, 6, "_share") == 0;
    cols.push_back({label_or(m.lang, "metric", key), key, 13, share ? num_format::percent : money});
  }
  const int c_score = static_cast<int>(cols.size());
  for (const column& c :
       table(m, {{"score", 9, score}, {"rank", 7, integer}, {"class", 7, plain}, {"exempt", 12, plain}}))
    cols.push_back(c);
  const std::string ents_sheet = sheet_name(m, "land_enterprises");
  b.sheet(ents_sheet, "enterprise", cols);
  const int n = static_cast<int>(ents.size());
  for (int i = 0; i < n; ++i) {
    const rjson& e = ents[static_cast<std::size_t>(i)];
    const int row = first_row + i;
    int col = 0;
    for (const char* key : {"id", "name", "park", "task_force"})
      b.text(row, col++, text_of(e.value(key, rjson())));
    b.num(row, col++, num_or_nan(e.value("land_mu", rjson())));
    for (const auto& key : metrics) b.num(row, col++, num_or_nan(e["metrics"].value(key, rjson())));
    const double value = num_or_nan(e.value("score", rjson()));
    b.num(row, c_score, value);
    if (!std::isnan(value))
      b.formula(row, c_score + 1,
                "RANK(" + ref(row, c_score) + "," + abs_col(c_score, first_row, first_row + n - 1) + ",0)",
                num_or_nan(e.value("rank", rjson())));
    b.text(row, c_score + 2, text_of(e.value("class", rjson())));
    b.text(row, c_score + 3, text_of(e.value("exempt", rjson())));
  }
  const std::string classes_sheet = sheet_name(m, "land_classes");
  b.sheet(classes_sheet, "class",
          table(m, {{"class", 8, plain}, {"name", 14, plain}, {"count", 8, integer}, {"quota", 8, integer}}));
  int row = first_row;
  bool quotas = false;
  const std::string classes =
      abs_range(sheet_ref(ents_sheet), c_score + 2, first_row, first_row + std::max(n, 1) - 1);
  for (const auto& c : l["classes"]) {
    b.text(row, 0, text_of(c["label"]));
    b.text(row, 1, text_of(c.value("name", rjson())));
    b.formula(row, 2, "SUMPRODUCT(--(" + classes + "=$" + ref(row, 0) + "))", num_or_nan(c["count"]));
    const double quota = num_or_nan(c.value("quota", rjson()));
    quotas = quotas || !std::isnan(quota);
    b.num(row, 3, quota);
    ++row;
  }
  if (row > first_row) {
    chart_spec chart;
    chart.title = lbl(m, "chart.land_classes");
    chart.y_axis = lbl(m, "chart.enterprises");
    chart.number_format = "0";
    chart.sheet = classes_sheet;
    chart.first = first_row;
    chart.last = row - 1;
    chart.value_cols = quotas ? std::vector<int>{2, 3} : std::vector<int>{2};
    b.chart_sheet(sheet_name(m, "land_classes_chart"), chart);
  }
}

}  // namespace zoneperf::detail::xlsx
