#include "zoneperf/pay/report.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "../text/json_syntax.hpp"
#include "report_dom.hpp"
#include "wide.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/number.hpp"

namespace zoneperf {
namespace {
using json = nlohmann::ordered_json;
using detail::uint128;

std::string decimal(exact_ratio r) {
  std::string s = r.to_string(4);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}
std::string multiple_text(exact_ratio r) { return r.to_string(4); }
std::string score_text(double v) { return fmt::format("{}", v); }

std::string line(const std::vector<std::string>& cells, csv_for reader = csv_for::people) {
  std::string out;
  for (std::size_t c = 0; c < cells.size(); ++c) out += (c ? "," : "") + csv_field(cells[c], reader);
  return out + "\n";
}
}  // namespace

std::string share_yuan(const person_pay& p) {
  // share = s in fen × 10^12, so s in yuan has 14 decimal places.
  std::string digits = detail::to_string(p.share);
  if (digits.size() <= 14) digits.insert(0, 15 - digits.size(), '0');
  std::string whole = digits.substr(0, digits.size() - 14), frac = digits.substr(digits.size() - 14);
  while (frac.size() > 2 && frac.back() == '0') frac.pop_back();
  return whole + "." + frac;
}

std::string raw_pay_yuan(const person_pay& p, const pay_result& r) {
  // Four digits beyond the fen, truncated: ⌊remainder × 10^4 / denominator⌋.
  std::uint64_t q = 0;
  uint128 rem = 0;
  detail::divmod(detail::mul(p.raw_remainder, 10000), r.raw_denominator, q, rem);
  return to_string(p.raw_whole) + fmt::format("{:04d}", q);
}

std::string lambda_text(const pay_result& r) {
  if (r.lambda_den == 0) return "";
  const long double v = static_cast<long double>(r.lambda_num) / static_cast<long double>(r.lambda_den);
  return fmt::format("{:.12f}", static_cast<double>(v));
}

nlohmann::ordered_json detail::pay_dom(const pay_result& r, const std::vector<staff_member>& staff,
                                       const pay_policy& policy) {
  json j = json::object();
  j["policy"] = policy.name;
  json rec = json::object();
  rec["baseline"] = to_string(r.baseline);
  rec["multiplier"] = decimal(policy.multiplier);
  rec["pool"] = to_string(r.pool);
  rec["base_paid"] = to_string(r.base_paid);
  rec["difference"] = to_string(r.pool - r.base_paid);
  rec["awards_paid"] = to_string(r.awards_paid);
  rec["total_paid"] = to_string(r.total_paid);
  rec["average_multiple"] = r.baseline.fen() ? json(multiple_text(r.base_paid / r.baseline)) : json();
  if (r.lambda_den != 0)
    rec["lambda"] = {{"numerator", detail::to_string(r.lambda_num)},
                     {"denominator", detail::to_string(r.lambda_den)},
                     {"decimal", lambda_text(r)}};
  else
    rec["lambda"] = nullptr;
  rec["raw_denominator"] = detail::to_string(r.raw_denominator);
  j["reconciliation"] = std::move(rec);

  json tfs = json::array();
  for (const auto& tf : r.task_forces)
    tfs.push_back({{"id", tf.id},
                   {"grade", tf.grade},
                   {"coefficient", decimal(tf.coefficient)},
                   {"head_count", tf.head_count},
                   {"baseline", to_string(tf.baseline)},
                   {"base_pay", to_string(tf.base_pay)},
                   {"award", to_string(tf.award)},
                   {"total", to_string(tf.total)},
                   {"average_multiple", multiple_text(tf.average_multiple())}});
  j["task_forces"] = std::move(tfs);

  json people = json::array();
  for (const auto& p : r.people) {
    const staff_member& m = staff[p.person];
    people.push_back({{"id", m.id},
                      {"name", m.name},
                      {"task_force", m.task_force},
                      {"team", m.team},
                      {"job_level", m.job_level},
                      {"baseline", to_string(p.baseline)},
                      {"score", m.score},
                      {"grade", r.task_forces[p.task_force].grade},
                      {"task_force_coefficient", decimal(p.task_force_coefficient)},
                      {"team_coefficient", decimal(p.team_coefficient)},
                      {"individual_coefficient", decimal(p.individual_coefficient)},
                      {"share", share_yuan(p)},
                      {"floor", to_string(p.floor)},
                      {"cap", to_string(p.cap)},
                      {"raw_pay", raw_pay_yuan(p, r)},
                      {"raw_pay_exact",
                       {{"whole_fen", p.raw_whole.fen()}, {"remainder", detail::to_string(p.raw_remainder)}}},
                      {"clamp", to_string(p.clamp)},
                      {"rounding_fen", p.rounding_fen},
                      {"base_pay", to_string(p.base_pay)},
                      {"award", to_string(p.award)},
                      {"total", to_string(p.total)},
                      {"multiple", multiple_text(p.multiple())}});
  }
  j["people"] = std::move(people);

  json awards = json::array();
  for (const auto& a : r.awards) {
    json split = json::array();
    for (const auto& [i, part] : a.split) split.push_back({{"id", staff[i].id}, {"amount", to_string(part)}});
    awards.push_back({{"kind", a.kind},
                      {"name", a.name},
                      {"task_force", a.task_force},
                      {"team", a.team},
                      {"count", a.count},
                      {"amount", to_string(a.amount)},
                      {"origin", a.origin},
                      {"split", std::move(split)}});
  }
  j["awards"] = std::move(awards);
  return j;
}

std::string pay_json(const pay_result& r, const std::vector<staff_member>& staff, const pay_policy& policy,
                     int indent) {
  return detail::dump_json(detail::pay_dom(r, staff, policy), indent);
}

std::string pay_people_csv(const pay_result& r, const std::vector<staff_member>& staff, csv_for reader) {
  std::string out = line({"id",
                          "name",
                          "task_force",
                          "team",
                          "job_level",
                          "baseline",
                          "score",
                          "grade",
                          "task_force_coefficient",
                          "team_coefficient",
                          "individual_coefficient",
                          "share",
                          "floor",
                          "cap",
                          "raw_pay",
                          "clamp",
                          "rounding_fen",
                          "base_pay",
                          "award",
                          "total",
                          "multiple"},
                         reader);
  for (const auto& p : r.people) {
    const staff_member& m = staff[p.person];
    out += line({m.id,
                 m.name,
                 m.task_force,
                 m.team,
                 m.job_level,
                 to_string(p.baseline),
                 score_text(m.score),
                 r.task_forces[p.task_force].grade,
                 decimal(p.task_force_coefficient),
                 decimal(p.team_coefficient),
                 decimal(p.individual_coefficient),
                 share_yuan(p),
                 to_string(p.floor),
                 to_string(p.cap),
                 raw_pay_yuan(p, r),
                 to_string(p.clamp),
                 std::to_string(p.rounding_fen),
                 to_string(p.base_pay),
                 to_string(p.award),
                 to_string(p.total),
                 multiple_text(p.multiple())},
                reader);
  }
  return out;
}

std::string pay_task_forces_csv(const pay_result& r) {
  std::string out = line({"task_force", "grade", "coefficient", "head_count", "baseline", "base_pay", "award",
                          "total", "average_multiple"});
  for (const auto& tf : r.task_forces)
    out += line({tf.id, tf.grade, decimal(tf.coefficient), std::to_string(tf.head_count),
                 to_string(tf.baseline), to_string(tf.base_pay), to_string(tf.award), to_string(tf.total),
                 multiple_text(tf.average_multiple())});
  out += line({"zone", "", "", std::to_string(r.people.size()), to_string(r.baseline), to_string(r.base_paid),
               to_string(r.awards_paid), to_string(r.total_paid),
               r.baseline.fen() ? multiple_text(r.base_paid / r.baseline) : ""});
  return out;
}

std::string pay_awards_csv(const pay_result& r, const std::vector<staff_member>& staff) {
  std::string out =
      line({"kind", "name", "task_force", "team", "count", "amount", "origin", "person", "part"});
  for (const auto& a : r.awards)
    for (const auto& [i, part] : a.split)
      out += line({a.kind, a.name, a.task_force, a.team, std::to_string(a.count), to_string(a.amount),
                   a.origin, staff[i].id, to_string(part)});
  return out;
}

}  // namespace zoneperf
