// Every label of the reports (HTML, workbook, Markdown, report CSV headers), in every language: one
// table, one row per label id, one column per language. The writers look labels up by id and hold
// no words of their own; a new language is a new column.
#include "labels.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

#include "zoneperf/text/number.hpp"

namespace zoneperf::detail {
namespace {

struct entry {
  const char* id;
  const char* zh;
  const char* en;
};

// Sorted by id (checked once, at the first look-up).
constexpr entry table[] = {
    {"chart.enterprises", "企业数（家）", "enterprises"},
    {"chart.land_classes", "亩均效益各类企业数", "enterprises per 亩均 class"},
    {"chart.totals", "各考核对象总分", "total score of every unit"},
    {"clamp.cap", "上限", "cap"},
    {"clamp.floor", "下限", "floor"},
    {"clamp.none", "无", "none"},
    {"class.entered", "新进入", "entered"},
    {"class.left", "退出", "left"},
    {"col.actual", "实际值", "actual"},
    {"col.average_multiple", "平均倍数", "average multiple"},
    {"col.award", "奖励（元）", "award (元)"},
    {"col.band", "5–95% 名次区间", "5–95 % rank band"},
    {"col.base_pay", "基础绩效（元）", "base pay (元)"},
    {"col.baseline", "基数（元）", "baseline (元)"},
    {"col.bonus", "加分", "bonus"},
    {"col.cap", "封顶", "cap"},
    {"col.capped", "触顶", "capped"},
    {"col.clamp", "限幅", "clamp"},
    {"col.class", "类别", "class"},
    {"col.coefficient", "系数", "coefficient"},
    {"col.count", "数量", "count"},
    {"col.cries", "😢 次数", "😢"},
    {"col.d_rank", "名次变化", "Δ rank"},
    {"col.d_score", "总分变化", "Δ score"},
    {"col.direction", "方向", "direction"},
    {"col.exempt", "免评原因", "exempt"},
    {"col.face", "表情", "face"},
    {"col.floor", "下限", "floor"},
    {"col.fraction", "得分比例", "fraction"},
    {"col.from", "上年类别", "earlier class"},
    {"col.from_to", "上年 \\ 本年", "from \\ to"},
    {"col.grade", "等次", "grade"},
    {"col.group", "分组", "group"},
    {"col.head_count", "人数", "staff"},
    {"col.how", "算法", "how"},
    {"col.id", "编号", "id"},
    {"col.indicator", "指标", "indicator"},
    {"col.individual_coefficient", "个人系数", "individual coefficient"},
    {"col.intent", "意向", "intent"},
    {"col.item", "项目", "item"},
    {"col.job_level", "职级", "job level"},
    {"col.kind", "类型", "kind"},
    {"col.lambda", "分配系数 λ", "λ"},
    {"col.land_mu", "用地（亩）", "land (mu)"},
    {"col.landed", "落地", "landed"},
    {"col.max", "满分", "max"},
    {"col.median_rank", "名次中位数", "median rank"},
    {"col.missed", "未完成", "missed"},
    {"col.month", "月份", "month"},
    {"col.move", "变动", "move"},
    {"col.multiple", "倍数", "multiple"},
    {"col.name", "名称", "name"},
    {"col.nominal_rank", "名义名次", "nominal rank"},
    {"col.p_rank_1", "第一名概率", "P(rank 1)"},
    {"col.p_top_k", "前 {} 名概率", "P(top {})"},
    {"col.park", "园区", "park"},
    {"col.pay_total", "合计（元）", "total (元)"},
    {"col.penalty", "扣分", "penalty"},
    {"col.period", "期间", "period"},
    {"col.points", "得分", "points"},
    {"col.quota", "限额", "quota"},
    {"col.rank", "名次", "rank"},
    {"col.ratio", "完成率", "ratio"},
    {"col.raw_pay", "未取整绩效（元）", "raw pay (元)"},
    {"col.raw_whole_fen", "整分（分）", "whole fen"},
    {"col.rounding_fen", "取整调整（分）", "rounding (fen)"},
    {"col.row_total", "合计", "total"},
    {"col.rule", "计分规则", "rule"},
    {"col.score", "得分", "score"},
    {"col.share", "份额", "share"},
    {"col.signed", "签约", "signed"},
    {"col.smiles", "😊 次数", "😊"},
    {"col.steps", "级差", "steps"},
    {"col.target", "目标值", "target"},
    {"col.target_source", "目标来源", "target source"},
    {"col.targets_missed", "未完成项数", "targets missed"},
    {"col.task_force", "专班", "task force"},
    {"col.task_force_coefficient", "专班系数", "task force coefficient"},
    {"col.team", "团队", "team"},
    {"col.team_coefficient", "团队系数", "team coefficient"},
    {"col.to", "本年类别", "later class"},
    {"col.total", "总分", "total"},
    {"col.unit", "考核对象", "unit"},
    {"col.value", "数值", "value"},
    {"col.veto", "否决", "veto"},
    {"col.vetoes", "触发否决", "vetoes"},
    {"dir.higher", "越高越好", "higher"},
    {"dir.lower", "越低越好", "lower"},
    {"head.foreign_capital_wan_usd", "实际利用外资（万美元）", "foreign capital (万美元)"},
    {"head.investment_per_mu", "亩均投资强度（万元/亩）", "investment per mu (万元/亩)"},
    {"head.key_projects", "重点项目（个）", "key projects"},
    {"head.landed", "落地项目（个）", "projects landed"},
    {"head.signed", "新签约项目（个）", "new signed projects"},
    {"head.signed_investment_yi", "签约总投资（亿元）", "signed investment (亿元)"},
    {"head.tax_per_mu", "亩均税收（万元/亩）", "tax per mu (万元/亩)"},
    {"html.lang", "zh-CN", "en"},
    {"kind.bonus", "加分项", "bonus"},
    {"kind.group", "分组", "group"},
    {"kind.leaf", "指标", "leaf"},
    {"kind.penalty", "扣分项", "penalty"},
    {"kind.root", "总分", "root"},
    {"kind.veto", "否决项", "veto"},
    {"method.dirichlet", "狄利克雷扰动", "Dirichlet"},
    {"method.uniform", "均匀扰动", "uniform"},
    {"metric.investment_per_mu", "亩均投资强度（万元/亩）", "investment per mu (万元/mu)"},
    {"metric.labour_productivity", "全员劳动生产率（万元/人）", "labour productivity (万元/person)"},
    {"metric.rd_share", "研发经费占比", "R&D share of revenue"},
    {"metric.revenue_per_mu", "亩均销售收入（万元/亩）", "revenue per mu (万元/mu)"},
    {"metric.tax_per_mu", "亩均税收（万元/亩）", "tax per mu (万元/mu)"},
    {"metric.tax_per_tce", "单位能耗税收（万元/吨标煤）", "tax per tce (万元/tce)"},
    {"metric.value_added_per_emission", "单位排放增加值（万元/吨）",
     "value added per tonne emitted (万元/t)"},
    {"metric.value_added_per_mu", "亩均增加值（万元/亩）", "value added per mu (万元/mu)"},
    {"metric.value_added_per_tce", "单位能耗增加值（万元/吨标煤）", "value added per tce (万元/tce)"},
    {"move.down", "下降", "down"},
    {"move.entered", "新进入", "entered"},
    {"move.exempt", "免评", "exempt"},
    {"move.left", "退出", "left"},
    {"move.same", "不变", "same"},
    {"move.up", "上升", "up"},
    {"note.bar", "横条：总分及各等次分数线。", "Bar: the total with the grade cut-offs."},
    {"note.compare", "每行一个分组，每个点是一个考核对象的得分率（得分 ÷ 满分）；虚线为 100%。",
     "One row per group, one dot per unit: its rate (score ÷ max); the dashed line is 100 %."},
    {"note.faces", "😊 月度目标全部完成；😢 有未完成；– 无目标。",
     "😊 every monthly target met; 😢 any missed; – no target."},
    {"note.faces_year", "每格：表情，及当月意向/签约/落地项目数；😊 当月目标全部完成，😢 有未完成，– 无目标。",
     "Each cell: the face and the month's intent/signed/landed projects; 😊 met every monthly target, 😢 "
     "missed one, – had none."},
    {"note.footer", "由 zoneperf 根据计算结果生成；工作簿 report.xlsx 以公式重新计算每个派生数值。",
     "Made by zoneperf report from the JSON results; the workbook report.xlsx recomputes every derived "
     "number with live formulas."},
    {"note.land",
     "虚线：按名次确定的该类限额（A 类 ⌊20n/100⌋，B 类 ⌊40n/100⌋，n ≥ 20 时 D 类 "
     "⌈5n/100⌉）；并列者归入较好的一类。",
     "Dashed line: the class's quota by rank (A ⌊20n/100⌋, B ⌊40n/100⌋, D ⌈5n/100⌉ when n ≥ 20); ties share "
     "the better class."},
    {"note.leaves",
     "完成率 = 实际值 ÷ 目标值（越低越好的指标：目标值 ÷ 实际值）；得分比例按计分规则（完成率：在 0 "
     "与封顶之间）；得分 = 得分比例 × 满分。精确值见工作簿。",
     "ratio = actual ÷ target (lower is better: target ÷ actual); fraction by the rule (completion: "
     "min(max(ratio, 0), cap)); points = fraction × max. Exact values are in each cell's data-v."},
    {"note.migration", "行为上年类别，列为本年类别；上升 = 类别变好（D < C < B < A）。",
     "Rows: the earlier year's class, columns: the later year's; up = a better class (D < C < B < A)."},
    {"note.radar", "雷达图：各分组得分率（得分 ÷ 满分），实线环为 100%",
     "Radar: each group's rate (score ÷ max); the solid ring is 100 %"},
    {"note.radar_outer", "，虚线外环为 {}%（封顶的完成率可超过 100%）",
     ", the dashed outer ring {} % (capped completion can exceed 100 %)"},
    {"note.robustness", "权重随机扰动 {} 次（{}）下的名次：横线为 5%–95% 区间，圆点为名义名次。",
     "Ranks under {} random perturbations of the weights ({}): the line is the 5–95 % band, the dot the "
     "nominal rank."},
    {"note.trend",
     "上图：各期总分；下图：各期名次（第 1 名在上）。名次变化 = 上期名次 − 本期名次，正数为上升。",
     "Top: the total in each period; below: the rank (rank 1 at the top). Δ rank = rank before − rank now: "
     "positive = moved up."},
    {"rec.average_multiple", "平均倍数", "average multiple"},
    {"rec.average_multiple.how", "已发基础绩效 ÷ 基数合计", "base paid ÷ Σ baseline"},
    {"rec.awards_paid", "已发奖励（元）", "awards paid (元)"},
    {"rec.awards_paid.how", "奖励合计", "Σ awards"},
    {"rec.base_paid", "已发基础绩效（元）", "base paid (元)"},
    {"rec.base_paid.how", "基础绩效合计", "Σ base pay"},
    {"rec.baseline", "基数合计（元）", "Σ baseline (元)"},
    {"rec.baseline.how", "基数合计", "Σ baseline"},
    {"rec.difference", "差额（元）", "difference (元)"},
    {"rec.difference.how", "绩效总额 − 已发基础绩效（各部分之和等于总额时为 0）",
     "pool − base paid (0 when the parts add up to the pool)"},
    {"rec.lambda", "分配系数 λ", "λ"},
    {"rec.lambda.how", "使 Σ min(max(λ·s, 下限), 上限) = 绩效总额 的唯一 λ（12 位小数）",
     "the single λ with Σ min(max(λ·s, floor), cap) = pool (12 places)"},
    {"rec.multiplier", "倍数", "multiplier"},
    {"rec.multiplier.how", "输入", "input"},
    {"rec.policy", "政策", "policy"},
    {"rec.pool", "绩效总额（元）", "pool (元)"},
    {"rec.pool.how", "倍数 × 基数合计，四舍五入到分",
     "multiplier × Σ baseline, rounded half away from zero to the fen"},
    {"rec.raw_denominator", "未取整分母", "raw denominator"},
    {"rec.total_paid", "发放合计（元）", "total paid (元)"},
    {"rec.total_paid.how", "已发基础绩效 + 奖励", "base paid + awards"},
    {"rule.banded", "分档", "banded"},
    {"rule.benchmark", "对标", "benchmark"},
    {"rule.bonus", "加分项", "bonus"},
    {"rule.completion", "完成率", "completion"},
    {"rule.goalposts", "区间", "goalposts"},
    {"rule.lookup", "查表", "lookup"},
    {"rule.minmax", "极差", "minmax"},
    {"rule.penalty", "扣分项", "penalty"},
    {"rule.rank", "名次", "rank"},
    {"rule.threshold", "达标", "threshold"},
    {"rule.veto", "否决项", "veto"},
    {"sec.compare", "各分组得分率对比", "Group rates compared"},
    {"sec.enterprises", "全部企业（{}）", "Every enterprise ({})"},
    {"sec.faces", "月度督查 {} · 😊 / 😢", "Monthly review {} · 😊 / 😢"},
    {"sec.faces_year", "{} 年月度督查 · 😊 / 😢", "Monthly reviews of {} · 😊 / 😢"},
    {"sec.headline", "全区主要指标", "The zone at a glance"},
    {"sec.land", "亩均效益分类", "亩均效益 classes"},
    {"sec.leaves", "逐项得分说明", "Every leaf explained"},
    {"sec.migration", "亩均分类变动", "亩均 class migration"},
    {"sec.pay", "差异化绩效", "Differentiated pay"},
    {"sec.pay_tf", "各专班", "Per task force"},
    {"sec.people", "每人明细（{}）", "Every person's line ({})"},
    {"sec.reconciliation", "核对", "Reconciliation"},
    {"sec.robustness", "名次稳健性", "Rank robustness"},
    {"sec.scorecard", "计分总表", "Scorecard"},
    {"sec.trend", "各期走势", "Trend over the periods"},
    {"sec.zone_land", "全区亩均效益（{} 亩，{} 家）", "The zone's 亩均 figures ({} mu, {} records)"},
    {"sheet.faces", "月度督查", "faces"},
    {"sheet.faces_year", "全年督查", "faces_year"},
    {"sheet.faces_year_months", "逐月督查", "faces_year_months"},
    {"sheet.land_classes", "亩均分类", "land_classes"},
    {"sheet.land_classes_chart", "亩均分类图", "land_classes_chart"},
    {"sheet.land_enterprises", "亩均企业", "land_enterprises"},
    {"sheet.leaves", "逐项得分", "leaves"},
    {"sheet.migration", "分类变动", "migration"},
    {"sheet.migration_moves", "企业变动", "migration_moves"},
    {"sheet.pay_people", "每人绩效", "pay_people"},
    {"sheet.pay_reconciliation", "绩效核对", "pay_reconciliation"},
    {"sheet.pay_task_forces", "专班绩效", "pay_task_forces"},
    {"sheet.scorecard", "计分总表", "scorecard"},
    {"sheet.series", "各期走势", "series"},
    {"sheet.totals_chart", "总分图", "totals_chart"},
    {"source.default", "默认", "default"},
    {"source.unit", "本单位", "unit"},
    {"sub.faces", "月度督查", "faces"},
    {"sub.faces_year", "全年督查", "year of faces"},
    {"sub.groups", "{} 个分组", "{} groups"},
    {"sub.land", "亩均", "亩均"},
    {"sub.migration", "分类变动", "migration"},
    {"sub.pay", "绩效", "pay"},
    {"sub.points", "满分 {}", "{} points"},
    {"sub.robustness", "稳健性", "robustness"},
    {"sub.series", "走势", "trend"},
    {"sub.units", "{} 个考核对象", "{} units"},
    {"svg.bars", "各类企业数", "enterprises per class"},
    {"svg.compare", "各考核对象的分组得分率", "group rates of every unit"},
    {"svg.quota", "限额 {}", "quota {}"},
    {"svg.rates", "{} 各分组得分率", "{} group rates"},
    {"svg.robustness", "名次区间", "rank bands"},
    {"svg.total", "总分 {} / {}", "total {} / {}"},
    {"svg.trend_rank", "各期名次", "rank per period"},
    {"svg.trend_total", "各期总分", "total per period"},
    {"table.faces", "月度督查 {}", "monthly faces {}"},
    {"table.faces_year", "{} 年月度督查", "monthly faces of {}"},
    {"table.faces_year_months", "{} 年逐月督查明细", "monthly checks of {}"},
    {"table.land_classes", "亩均分类", "亩均 classes"},
    {"table.land_enterprises", "亩均评价（每家企业）", "亩均 evaluation per enterprise"},
    {"table.leaves", "逐项得分说明", "every leaf explained"},
    {"table.migration", "亩均分类变动矩阵", "亩均 class migration matrix"},
    {"table.migration_moves", "亩均分类变动（每家企业）", "亩均 class move per enterprise"},
    {"table.pay_people", "每人绩效", "pay per person"},
    {"table.pay_reconciliation", "绩效核对", "pay reconciliation"},
    {"table.pay_task_forces", "各专班绩效", "pay per task force"},
    {"table.series", "各期总分与名次", "total and rank per period"},
    {"word.actual_of", "{} 实际", "{} actual"},
    {"word.actual_target", "{}（实际/目标）", "{} (actual/target)"},
    {"word.all_missing", "（全部缺失）", " (all missing)"},
    {"word.every_indicator_missing", "全部指标缺失", "every indicator missing"},
    {"word.missing", "缺失", "missing"},
    {"word.moves", "上升 {}，下降 {}，不变 {}，新进入 {}，退出 {}，免评 {}",
     "up {}, down {}, same {}, entered {}, left {}, exempt {}"},
    {"word.no", "否", "no"},
    {"word.rank_n", "第 {} 名", "rank {}"},
    {"word.reconciliation_md", "核对：", "Reconciliation:"},
    {"word.seed", "随机种子 {}", "seed {}"},
    {"word.target_of", "{} 目标", "{} target"},
    {"word.veto", "否决", "veto"},
    {"word.yes", "是", "yes"},
    {"xlsx.batch_fraction", "（得分比例来自批次：输入）", " (fraction from the batch: input)"},
    {"xlsx.footer", "第 &P 页 / 共 &N 页", "page &P of &N"},
    {"xlsx.per_unit", "：每单位 {} 分，最多 {} 分", " {} per unit, max {}"},
};

const entry* find(std::string_view id) {
  static const bool sorted = std::is_sorted(
      std::begin(table), std::end(table),
      [](const entry& a, const entry& b) { return std::string_view(a.id) < std::string_view(b.id); });
  if (!sorted) throw std::logic_error("labels.cpp: the label table is not sorted by id");
  const auto* it =
      std::lower_bound(std::begin(table), std::end(table), id,
                       [](const entry& e, std::string_view k) { return std::string_view(e.id) < k; });
  return it != std::end(table) && it->id == id ? it : nullptr;
}

std::string_view pick(const entry& e, report_lang lang) { return lang == report_lang::en ? e.en : e.zh; }

}  // namespace

std::string_view label(report_lang lang, std::string_view id) {
  const entry* e = find(id);
  if (!e) throw std::logic_error("labels.cpp: no label \"" + std::string(id) + "\"");
  return pick(*e, lang);
}

std::string label_or(report_lang lang, std::string_view prefix, std::string_view key) {
  const entry* e = find(std::string(prefix) + "." + std::string(key));
  return e ? std::string(pick(*e, lang)) : std::string(key);
}

std::string label_fill(report_lang lang, std::string_view id, std::initializer_list<std::string> args) {
  const std::string_view t = label(lang, id);
  std::string out;
  auto arg = args.begin();
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '{' && i + 1 < t.size() && t[i + 1] == '}' && arg != args.end()) {
      out += *arg++;
      ++i;
    } else {
      out += t[i];
    }
  }
  return out;
}

std::string missed_text(report_lang lang, const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) {
    const auto space = s.find(' ');
    out += (out.empty() ? "" : "; ") +
           (space == std::string::npos ? s : label_or(lang, "col", s.substr(0, space)) + s.substr(space));
  }
  return out;
}

std::string grouped_text(const std::string& s) {
  std::size_t start = !s.empty() && s[0] == '-' ? 1 : 0, end = start;
  while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
  if (end == start || (end < s.size() && s[end] != '.')) return s;
  for (std::size_t i = end + 1; i < s.size(); ++i)
    if (s[i] < '0' || s[i] > '9') return s;
  std::string out = s;
  for (std::size_t i = end; i > start + 3; i -= 3) out.insert(i - 3, ",");
  return out;
}

std::string grouped(double v, int decimals) {
  if (std::isnan(v)) return "-";
  std::string s = fixed(v, decimals);
  const std::size_t start = s[0] == '-' ? 1 : 0;
  std::size_t end = s.find('.');
  if (end == std::string::npos) end = s.size();
  for (std::size_t i = end; i > start + 3; i -= 3) s.insert(i - 3, ",");
  return s;
}

std::string percent(double v, int decimals) { return std::isnan(v) ? "-" : fixed(v * 100, decimals) + "%"; }

}  // namespace zoneperf::detail
