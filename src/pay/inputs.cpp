#include "zoneperf/pay/inputs.hpp"

#include <charconv>
#include <cmath>
#include <map>
#include <unordered_set>

#include "zoneperf/text/columns.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/number.hpp"
#include "zoneperf/text/workbook.hpp"

namespace zoneperf {
namespace {

// Column positions by header name; every problem of the header is added.
struct header_map {
  std::map<std::string, std::size_t> at;
  bool ok = true;
};

header_map map_header(const cell_table& t, record_table table, const std::vector<std::string>& required,
                      const std::vector<std::string>& optional, std::vector<problem>& problems) {
  header_map h;
  const std::vector<std::string> ids = column_ids(t, table);
  for (std::size_t c = 0; c < t.header.size(); ++c) {
    const std::string& name = ids[c];
    bool known = false;
    for (const auto* list : {&required, &optional})
      for (const auto& n : *list) known = known || n == name;
    if (!known) {
      std::string expected;
      for (const auto* list : {&required, &optional})
        for (const auto& n : *list) expected += (expected.empty() ? "" : ", ") + n;
      problems.push_back({errc::unknown_column, t.header_where(c),
                          "unknown column \"" + name + "\" (expected " + expected + ")"});
      h.ok = false;
    } else if (!h.at.emplace(name, c).second) {
      problems.push_back(
          {errc::duplicate_column, t.header_where(c), "column \"" + name + "\" is given twice"});
      h.ok = false;
    }
  }
  for (const auto& n : required) {
    if (!h.at.count(n)) {
      problems.push_back({errc::missing_column, t.header_row_where(), "missing column \"" + n + "\""});
      h.ok = false;
    }
  }
  return h;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

std::string line_of(const cell_table& t, std::size_t row) { return t.row_where(row); }

}  // namespace

std::vector<staff_member> read_staff(const cell_table& t) {
  std::vector<problem> problems;
  const auto h = map_header(t, record_table::staff,
                            {"id", "name", "task_force", "team", "job_level", "baseline", "score"},
                            {"weight"}, problems);
  if (!h.ok) throw error(std::move(problems));
  auto col = [&](const char* name) { return h.at.at(name); };
  const std::size_t c_id = col("id"), c_name = col("name"), c_tf = col("task_force"), c_team = col("team"),
                    c_level = col("job_level"), c_base = col("baseline"), c_score = col("score");
  const auto w_it = h.at.find("weight");
  std::vector<staff_member> staff;
  staff.reserve(t.rows());
  std::unordered_set<std::string> ids;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    const auto row = t.row(r);
    staff_member m;
    m.where = line_of(t, r);
    m.id = trim(row[c_id]);
    m.name = trim(row[c_name]);
    m.task_force = trim(row[c_tf]);
    m.team = trim(row[c_team]);
    m.job_level = trim(row[c_level]);
    if (m.id.empty())
      problems.push_back({errc::missing_value, t.where(r, c_id), "empty person id"});
    else if (!ids.insert(m.id).second)
      problems.push_back(
          {errc::duplicate_person, t.where(r, c_id), "person \"" + m.id + "\" is listed twice"});
    if (m.task_force.empty())
      problems.push_back(
          {errc::missing_value, t.where(r, c_tf), "empty task force for person \"" + m.id + "\""});
    try {
      const std::string cell = trim(row[c_base]);
      if (cell.empty()) {
        problems.push_back(
            {errc::bad_baseline, t.where(r, c_base), "missing baseline pay for person \"" + m.id + "\""});
      } else {
        m.baseline = cny_money::parse(cell, t.where(r, c_base));
        if (m.baseline <= cny_money())
          problems.push_back({errc::bad_baseline, t.where(r, c_base),
                              "baseline pay of person \"" + m.id + "\" is not positive: " + cell});
      }
    } catch (const error& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
    try {
      if (auto s = parse_number(row[c_score], t.where(r, c_score)))
        m.score = *s;
      else
        problems.push_back({errc::bad_performance_score, t.where(r, c_score),
                            "missing performance score for person \"" + m.id + "\""});
    } catch (const error& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
    if (w_it != h.at.end()) {
      const std::string cell = trim(row[w_it->second]);
      if (!cell.empty()) {
        const std::string where = t.where(r, w_it->second);
        try {
          m.weight = exact_ratio::parse(cell, where);
          if (m.weight < exact_ratio(0) || 10000 % m.weight.den() != 0)
            problems.push_back(
                {errc::bad_contribution_weight, where,
                 "contribution weight must be a decimal ≥ 0 with at most 4 places, not " + cell});
        } catch (const error&) {
          problems.push_back(
              {errc::bad_contribution_weight, where,
               "contribution weight must be a decimal ≥ 0 with at most 4 places, not \"" + cell + "\""});
        }
      }
    }
    staff.push_back(std::move(m));
  }
  if (!problems.empty()) throw error(std::move(problems));
  return staff;
}

std::vector<staff_member> read_staff_file(const std::string& path) {
  return read_staff(read_cells_file(path));
}

const std::optional<double>* scorecard_unit::ratio(std::string_view leaf) const {
  for (const auto& [id, r] : leaf_ratios)
    if (id == leaf) return &r;
  return nullptr;
}

const scorecard_unit* scorecard_summary::find(std::string_view id) const {
  for (const auto& u : units)
    if (u.id == id) return &u;
  return nullptr;
}

scorecard_summary summary_of(const scorecard& card) {
  scorecard_summary out;
  out.source = "scorecard of tree \"" + card.tree.id() + "\"";
  out.units.reserve(card.units.size());
  for (std::size_t u = 0; u < card.units.size(); ++u) {
    scorecard_unit unit;
    unit.id = card.units[u];
    unit.grade = std::string(card.grade_label(u));
    unit.veto = card.result.vetoed(static_cast<std::ptrdiff_t>(u));
    if (u < card.leaves.size() && !card.leaves[u].empty()) {
      unit.has_leaves = true;
      for (const auto& e : card.leaves[u])
        unit.leaf_ratios.emplace_back(e.id,
                                      std::isnan(e.ratio) ? std::nullopt : std::optional<double>(e.ratio));
    }
    out.units.push_back(std::move(unit));
  }
  return out;
}

std::vector<award_event> read_events(const cell_table& t) {
  std::vector<problem> problems;
  const auto h = map_header(t, record_table::events, {"task_force", "team", "kind", "count"}, {}, problems);
  if (!h.ok) throw error(std::move(problems));
  const std::size_t c_tf = h.at.at("task_force"), c_team = h.at.at("team"), c_kind = h.at.at("kind"),
                    c_count = h.at.at("count");
  std::vector<award_event> events;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    const auto row = t.row(r);
    award_event e;
    e.where = line_of(t, r);
    e.task_force = trim(row[c_tf]);
    e.team = trim(row[c_team]);
    e.kind = trim(row[c_kind]);
    if (e.task_force.empty()) problems.push_back({errc::missing_value, t.where(r, c_tf), "empty task force"});
    if (e.kind.empty()) problems.push_back({errc::missing_value, t.where(r, c_kind), "empty event kind"});
    const std::string cell = trim(row[c_count]);
    const auto [ptr, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), e.count);
    if (cell.empty() || ec != std::errc() || ptr != cell.data() + cell.size() || e.count < 0)
      problems.push_back({errc::bad_events_count, t.where(r, c_count),
                          "count must be a whole number ≥ 0, not \"" + cell + "\""});
    events.push_back(std::move(e));
  }
  if (!problems.empty()) throw error(std::move(problems));
  return events;
}

std::vector<award_event> read_events_file(const std::string& path) {
  return read_events(read_cells_file(path));
}

}  // namespace zoneperf
