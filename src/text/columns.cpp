#include "zoneperf/text/columns.hpp"

#include <unordered_map>

#include "zoneperf/error.hpp"
#include "zoneperf/text/headers.hpp"

namespace zoneperf {
namespace {

// The aliases, one table per kind of record table. A name may be shared by columns that differ in
// their unit only (the three land columns): with its unit in brackets it names one of them.
const std::vector<column_alias> enterprises = {
    {"id", "", "企业编号|编号|统一社会信用代码"},
    {"name", "", "名称|企业名称"},
    {"park", "", "园区|所在园区"},
    {"task_force", "", "专班|所属专班"},
    {"land_mu", "亩", "用地面积|占地面积"},
    {"land_m2", "平方米", "用地面积|占地面积"},
    {"land_ha", "公顷", "用地面积|占地面积"},
    {"investment_wan", "万元", "固定资产投资"},
    {"tax_wan", "万元", "税收|评价税收|实缴税金"},
    {"revenue_wan", "万元", "营业收入|主营业务收入"},
    {"value_added_wan", "万元", "工业增加值|增加值"},
    {"rd_wan", "万元", "研发经费|研发投入"},
    {"energy_tce", "吨标准煤", "综合能耗|能耗"},
    {"emissions_t", "吨", "主要污染物排放量|污染物排放量"},
    {"employees", "人", "从业人员|职工人数|年平均职工人数"},
    {"exempt", "", "免评|免评原因"},
};

const std::vector<column_alias> staff = {
    {"id", "", "工号|人员编号|编号"},
    {"name", "", "姓名"},
    {"task_force", "", "专班|所属专班"},
    {"team", "", "小组|工作组"},
    {"job_level", "", "职级"},
    {"baseline", "元", "基本薪酬|基础薪酬|薪酬基数"},
    {"score", "", "绩效得分|考核得分|得分"},
    {"weight", "", "贡献权重|权重"},
};

const std::vector<column_alias> events = {
    {"task_force", "", "专班|所属专班"},
    {"team", "", "小组|工作组"},
    {"kind", "", "奖励类型|事件类型|类型"},
    {"count", "", "次数|数量"},
};

const std::vector<column_alias> projects = {
    {"id", "", "项目编号|编号"},
    {"name", "", "项目名称|名称"},
    {"task_force", "", "专班|所属专班|招商专班"},
    {"industry", "", "行业|所属行业|产业"},
    {"key", "", "重点项目"},
    {"chain", "", "产业链招商"},
    {"top500", "", "世界500强|500强"},
    {"total_investment", "万元", "总投资|计划总投资"},
    {"fixed_asset_investment", "万元", "固定资产投资|完成固定资产投资"},
    {"foreign_capital", "万美元", "实际利用外资|利用外资|外资"},
    {"land_area", "亩", "用地面积|用地"},
    {"annual_tax", "万元", "年税收|税收"},
    {"admission_score", "", "准入得分|准入评分"},
    {"contacted", "", "接洽|接洽日期"},
    {"scored", "", "赋分|赋分日期"},
    {"reviewed", "", "上会|上会日期"},
    {"intent", "", "意向|意向日期"},
    {"signed", "", "签约|签约日期"},
    {"landed", "", "落地|落地日期"},
    {"started", "", "开工|开工日期"},
    {"producing", "", "投产|投产日期"},
    {"cleared", "", "出清|出清日期"},
};

const std::vector<column_alias> candidates = {
    {"id", "", "项目编号|编号"},
    {"name", "", "项目名称|名称"},
    {"task_force", "", "专班|所属专班"},
    {"credit", "", "信用等级|信用"},
    {"industry_fit", "", "产业契合度"},
    {"rd_share", "%", "研发投入占比|研发占比"},
    {"total_investment", "万元", "总投资"},
    {"land_area", "亩", "用地面积|用地"},
    {"promised_tax_per_mu", "万元/亩", "承诺亩均税收"},
    {"output_per_mu", "万元/亩", "亩均产出"},
    {"jobs", "人", "就业岗位|就业人数"},
    {"energy_per_output", "吨标准煤/万元", "单位产出能耗"},
    {"local_supply", "%", "本地配套率"},
    {"eia_rejected", "", "环评否决"},
};

// "column 3 \"用地面积\"": a header as the errors name it.
std::string column_named(const cell_table& t, std::size_t c) {
  return "column " + std::to_string(c + 1) + " \"" + t.header[c] + "\"";
}

std::string with_unit(const column_alias& a) {
  return std::string(a.column) + (a.unit.empty() ? "" : " (" + std::string(a.unit) + ")");
}

// Chinese name -> the columns it names (at most three: the land columns).
class alias_index {
 public:
  explicit alias_index(const std::vector<column_alias>& table) {
    for (const auto& a : table) {
      std::string_view names = a.names;
      while (!names.empty()) {
        const auto bar = names.find('|');
        by_name_[std::string(names.substr(0, bar))].push_back(&a);
        names = bar == std::string_view::npos ? std::string_view{} : names.substr(bar + 1);
      }
    }
  }
  const std::vector<const column_alias*>* find(std::string_view name) const {
    const auto it = by_name_.find(std::string(name));
    return it == by_name_.end() ? nullptr : &it->second;
  }

 private:
  std::unordered_map<std::string, std::vector<const column_alias*>> by_name_;
};

}  // namespace

const std::vector<column_alias>& column_aliases(record_table table) {
  switch (table) {
    case record_table::enterprises:
      return enterprises;
    case record_table::staff:
      return staff;
    case record_table::events:
      return events;
    case record_table::projects:
      return projects;
    case record_table::candidates:
      break;
  }
  return candidates;
}

std::vector<std::string> column_ids(const cell_table& t, record_table table) {
  const alias_index index(column_aliases(table));
  std::vector<problem> problems;
  std::vector<std::string> ids = t.header;
  std::vector<bool> renamed(ids.size(), false);
  for (std::size_t c = 0; c < ids.size(); ++c) {
    const std::string folded = fold_header(t.header[c]);
    const std::vector<const column_alias*>* named = index.find(folded);
    const column_alias* column = nullptr;
    if (named && named->size() == 1) {
      column = named->front();
    } else if (named) {
      std::string list;
      for (const auto* a : *named) list += (list.empty() ? "" : ", ") + with_unit(*a);
      problems.push_back(
          {errc::ambiguous_column, t.header_where(c),
           column_named(t, c) + " names " + std::to_string(named->size()) + " columns (" + list + ")" +
               (named->front()->unit.empty() ? std::string(": use the id")
                                             : ": give the unit in brackets, e.g. \"" + folded + "(" +
                                                   std::string(named->front()->unit) + ")\"")});
      continue;
    } else if (const bracketed b = split_bracket(folded); b.has_bracket) {
      named = index.find(b.base);
      if (!named) continue;  // not a Chinese name: the reader's own checks see it
      std::string units;
      for (const auto* a : *named) {
        if (a->unit == b.bracket) column = a;
        units += (units.empty() ? "" : ", ") + with_unit(*a);
      }
      if (!column) {
        problems.push_back({errc::header_unit_mismatch, t.header_where(c),
                            column_named(t, c) + " is " + std::string(b.base) + " in " +
                                std::string(b.bracket) + ", but " + std::string(b.base) + " is " + units +
                                ": zoneperf never converts units; give the column in its own unit"});
        continue;
      }
    }
    if (!column) continue;
    ids[c] = std::string(column->column);
    renamed[c] = true;
  }
  // One column under two names (an id and a Chinese name, or Chinese names); the same id twice is
  // left to the reader, whose message it has always been.
  std::unordered_map<std::string, std::size_t> first;
  for (std::size_t c = 0; c < ids.size(); ++c) {
    const auto [it, fresh] = first.emplace(ids[c], c);
    if (fresh || !(renamed[c] || renamed[it->second])) continue;
    problems.push_back({errc::duplicate_column, t.header_where(c),
                        column_named(t, c) + " and " + column_named(t, it->second) + " both name column \"" +
                            ids[c] + "\""});
  }
  if (!problems.empty()) throw error(std::move(problems));
  return ids;
}

}  // namespace zoneperf
