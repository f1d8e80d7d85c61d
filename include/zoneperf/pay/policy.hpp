#pragma once
/// The pay policy: pool multiplier, coefficient tables, floor and cap, awards (docs/semantics.md §6).
///
/// Synopsis
///   struct grade_coefficient { std::string grade; exact_ratio coefficient; };
///   struct team_coefficient  { std::string team;  exact_ratio coefficient; };
///   struct score_band        { double min; exact_ratio coefficient; };
///   enum class award_source  { scorecard, events };
///   struct award_rule;       // kind, name, amount, source, leaf, min_ratio
///   struct pay_policy;       // from_json, from_file, standard, to_json
///   std::vector<problem> validate_pay_policy_json(std::string_view json, std::string_view source);
///
/// A policy file (numbers may be JSON numbers or strings; money in yuan):
///   {"name": "专班差异化薪酬", "multiplier": 1.5, "floor": 1.0, "cap": 2.0,
///    "task_force_coefficients": {"优秀": 1.2, "良好": 1.0, "合格": 0.9, "不合格": 0.7},
///    "team_coefficients": {"招商一组": 1.1}, "team_default": 1,
///    "individual_coefficients": [{"min": 90, "coefficient": 1.2}, {"min": 80, "coefficient": 1.0},
///                                {"min": 60, "coefficient": 0.8}, {"min": 0, "coefficient": 0.5}],
///    "awards": [{"kind": "foreign_capital", "name": "利用外资任务完成", "amount": "60000",
///                "from": "scorecard", "leaf": "foreign_capital", "min_ratio": 1},
///               {"kind": "fortune500", "name": "世界500强项目落地", "amount": "100000", "from": "events"}]}
/// Coefficients and multiples are exact decimals with at most 4 places, in (0, 100]
/// (a JSON number is read as the shortest decimal that gives the same double, so 1.2 is 1.2).
/// "description" is accepted anywhere as documentation. Problems are reported all at once, each
/// at its JSON pointer; codes 101, 201, 202, 205, 211 (shared) and 601-603, 605, 618 (pay).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zoneperf/error.hpp"
#include "zoneperf/pay/errc.hpp"
#include "zoneperf/units/money.hpp"

namespace zoneperf {

struct grade_coefficient {
  std::string grade;  ///< the scorecard's grade label, e.g. 优秀
  exact_ratio coefficient;
};
struct team_coefficient {
  std::string team;
  exact_ratio coefficient;
};
/// Scores at or above `min` (and below the previous band's min) take `coefficient`.
struct score_band {
  double min = 0;
  exact_ratio coefficient;
};

enum class award_source {
  scorecard,  ///< paid once to a task force whose leaf ratio in the scorecard is ≥ min_ratio
  events      ///< paid per event counted in the events table
};

struct award_rule {
  std::string kind;  ///< ASCII id used by the events table: "fortune500"
  std::string name;  ///< display name: 世界500强项目落地
  cny_money amount;  ///< per event
  award_source source = award_source::events;
  std::string leaf;  ///< scorecard: the leaf whose ratio decides
  double min_ratio = 1;
};

struct pay_policy {
  std::string name;
  exact_ratio multiplier{3, 2};  ///< pool = multiplier × Σ baseline
  exact_ratio floor{1};          ///< pay ≥ floor × baseline, rounded up to the fen
  exact_ratio cap{2};            ///< pay ≤ cap × baseline, rounded down to the fen
  std::vector<grade_coefficient> task_force;
  std::vector<team_coefficient> teams;
  exact_ratio team_default{1};
  std::vector<score_band> individual;  ///< descending min
  std::vector<award_rule> awards;

  /// Parses and validates; throws zoneperf::error listing every problem.
  static pay_policy from_json(std::string_view json, std::string_view source = "<policy>");
  /// Reads a file (401 when it cannot be opened).
  static pay_policy from_file(const std::string& path);
  /// docs/semantics.md §6: 1.5 ×, 优秀 1.2 / 良好 1.0 / 合格 0.9 / 不合格 0.7, individual ≥90 1.2 / ≥80 1.0 /
  /// ≥60 0.8 / below 0.5, floor 1.0, cap 2.0, every team 1, no awards.
  static pay_policy standard();
  /// The policy in the file shape; from_json(to_json()) gives the same policy.
  std::string to_json(int indent = 2) const;

  /// The coefficient of a grade label, or nullopt.
  std::optional<exact_ratio> task_force_coefficient(std::string_view grade) const;
  exact_ratio team_coefficient_of(std::string_view team) const;
  /// The band's coefficient for a score, or nullopt when the score is below every band.
  std::optional<exact_ratio> individual_coefficient(double score) const;
  const award_rule* find_award(std::string_view kind) const;
};

/// Every problem of a policy file at once (empty when it is valid).
std::vector<problem> validate_pay_policy_json(std::string_view json, std::string_view source = "<policy>");

}  // namespace zoneperf
