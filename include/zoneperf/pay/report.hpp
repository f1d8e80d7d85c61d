#pragma once
/// Pay reports: per person, per task force and the zone's reconciliation, as JSON and CSV.
///
/// Synopsis
///   std::string pay_json(const pay_result&, const std::vector<staff_member>&, const pay_policy&, int indent
///   = 2); std::string pay_people_csv(const pay_result&, const std::vector<staff_member>&); std::string
///   pay_task_forces_csv(const pay_result&); std::string pay_awards_csv(const pay_result&, const
///   std::vector<staff_member>&); std::string share_yuan(const person_pay&);        // s in yuan, exact
///   ("144000") std::string raw_pay_yuan(const person_pay&, const pay_result&);  // "150123.456789",
///   truncated std::string lambda_text(const pay_result&);       // "1.234567890123" (display), "" without λ
///
/// Money is written in yuan as exact decimal strings ("150000.00") so that nothing passes through a
/// double; multiples with 4 places (half away from zero). The JSON holds everything an auditor needs:
/// λ as an exact fraction, each person's s, floor, cap, clamp, the pay before rounding as whole fen
/// plus remainder/denominator, the rounding fen, award and total. The CSV tables are for people
/// (csv_for::people in text/csv.hpp: a text a spreadsheet would run as a formula gets a leading ');
/// the strings have no byte-order mark, the files `zoneperf pay --out` writes do.
#include <string>
#include <vector>

#include "zoneperf/pay/allocate.hpp"
#include "zoneperf/text/csv.hpp"

namespace zoneperf {

std::string pay_json(const pay_result& result, const std::vector<staff_member>& staff,
                     const pay_policy& policy, int indent = 2);
/// id,name,task_force,team,job_level,baseline,score,grade,task_force_coefficient,team_coefficient,
/// individual_coefficient,share,floor,cap,raw_pay,clamp,rounding_fen,base_pay,award,total,multiple
/// For people by default; csv_for::reading_back keeps every cell as it is (Python's people_frame).
std::string pay_people_csv(const pay_result& result, const std::vector<staff_member>& staff,
                           csv_for reader = csv_for::people);
/// task_force,grade,coefficient,head_count,baseline,base_pay,award,total,average_multiple — then a
/// last row "zone" with the totals (pool = Σ base pay).
std::string pay_task_forces_csv(const pay_result& result);
/// kind,name,task_force,team,count,amount,origin,person,part — one row per person per award.
std::string pay_awards_csv(const pay_result& result, const std::vector<staff_member>& staff);

std::string share_yuan(const person_pay& p);
std::string raw_pay_yuan(const person_pay& p, const pay_result& result);
std::string lambda_text(const pay_result& result);

}  // namespace zoneperf
