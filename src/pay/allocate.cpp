#include "zoneperf/pay/allocate.hpp"

#include <fmt/format.h>

#include <exception>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "wide.hpp"
#include "zoneperf/apportion.hpp"

namespace zoneperf {
using detail::uint128;

namespace {
// An exact coefficient with at most 4 decimal places as an integer count of 0.0001.
std::uint64_t ten_thousandths(exact_ratio r) {
  return static_cast<std::uint64_t>(r.num()) * static_cast<std::uint64_t>(10000 / r.den());
}

// Indices of the roster's task force and team names. There are few distinct names and one
// lookup per person, so this is a small open-addressing table with an inline FNV-1a hash (cheaper
// than std::unordered_map's hashing call and modulo by a prime). Keys view strings that outlive it.
class name_index {
 public:
  // The index of `key`, or `next` after adding it; second: whether it was added.
  std::pair<std::uint32_t, bool> find_or_add(std::string_view key, std::uint32_t next) {
    slot& s = slot_of(key);
    if (s.used) return {s.value, false};
    s = {key, next, true};
    if (++size_ * 2 > slots_.size()) grow();
    return {next, true};
  }
  bool contains(std::string_view key) { return slot_of(key).used; }
  // The index of `key`, or nullopt.
  std::optional<std::uint32_t> find(std::string_view key) {
    const slot& s = slot_of(key);
    return s.used ? std::optional<std::uint32_t>(s.value) : std::nullopt;
  }

 private:
  struct slot {
    std::string_view key;
    std::uint32_t value = 0;
    bool used = false;
  };
  std::vector<slot> slots_ = std::vector<slot>(64);  // a power of two, at most half full
  std::size_t size_ = 0;

  // Names are short: a plain loop beats a call to memcmp.
  static bool same(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (a[i] != b[i]) return false;
    return true;
  }
  slot& slot_of(std::string_view key) {
    std::uint64_t h = 14695981039346656037ULL;
    for (const char c : key) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = static_cast<std::size_t>(h ^ (h >> 32)) & mask;; i = (i + 1) & mask)
      if (!slots_[i].used || same(slots_[i].key, key)) return slots_[i];
  }
  void grow() {
    std::vector<slot> old(slots_.size() * 2);
    old.swap(slots_);
    for (const slot& s : old)
      if (s.used) slot_of(s.key) = s;
  }
};

std::string list_of(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}
}  // namespace

namespace {
// The roster read in one pass: what the allocation needs of each person. The people's lines are
// written once, at the end (write_people).
struct roster_pass {
  // A team's coefficient with its ten-thousandths.
  struct team_entry {
    exact_ratio coefficient;
    std::uint64_t k;
  };
  // A person's task force, team and score band (indices), and baseline.
  struct person_keys {
    std::uint32_t task_force, team, band;
    cny_money baseline;  // a copy: the roster's records are far apart in memory
  };
  name_index tf_index, team_index;
  std::vector<std::uint64_t> tf_k;         // per task force: its coefficient in ten-thousandths
  std::vector<team_entry> teams;           // per team
  std::vector<std::uint64_t> band_k;       // per score band: its coefficient in ten-thousandths
  std::vector<person_keys> keys;           // per person
  std::vector<uint128> shares;             // per person: baseline × the three coefficients (10^-12)
  std::vector<std::int64_t> floors, caps;  // per person, in fen
};

// The task force's line (its grade and coefficient), or the problem of a task force that is not in
// the scorecard (u is null) or whose grade has no coefficient.
task_force_pay task_force_line(const staff_member& m, const scorecard_unit* u,
                               const scorecard_summary& scorecard, const pay_policy& policy,
                               std::vector<problem>& problems) {
  task_force_pay t;
  t.id = m.task_force;
  if (u) {
    t.grade = u->grade;
    if (auto c = policy.task_force_coefficient(u->grade)) {
      t.coefficient = *c;
    } else {
      std::vector<std::string> grades_known;
      for (const auto& g : policy.task_force) grades_known.push_back(g.grade);
      problems.push_back({errc::unknown_grade, "task force " + m.task_force,
                          "grade \"" + u->grade + "\" has no coefficient in the pay policy (it has " +
                              list_of(grades_known) + ")"});
    }
  } else {
    std::vector<std::string> unit_ids;
    for (const auto& u : scorecard.units) unit_ids.push_back(u.id);
    problems.push_back({errc::task_force_not_in_scorecard_or_roster, m.where,
                        "task force \"" + m.task_force + "\" of person \"" + m.id +
                            "\" is not in the scorecard " + scorecard.source +
                            " (its units: " + list_of(unit_ids) + ")"});
  }
  return t;
}

// The scorecard's units by id (the first of an id given twice, as scorecard_summary::find finds it).
name_index scorecard_index(const scorecard_summary& scorecard) {
  name_index card;
  for (std::size_t k = 0; k < scorecard.units.size(); ++k)
    card.find_or_add(scorecard.units[k].id, static_cast<std::uint32_t>(k));
  return card;
}

// One pass over the roster: each person's keys, share, floor and cap, the task forces' lines and
// the baseline in `out`. Throws every problem of the roster, then the first money overflow.
roster_pass read_roster(const std::vector<staff_member>& staff, const scorecard_summary& scorecard,
                        const pay_policy& policy, pay_result& out) {
  roster_pass r;
  std::vector<problem> problems;
  // Coefficients with their ten-thousandths, looked up once per task force, team and score band.
  for (const score_band& b : policy.individual) r.band_k.push_back(ten_thousandths(b.coefficient));
  const std::size_t n = staff.size();
  r.keys.resize(n);
  r.shares.resize(n);
  r.floors.resize(n), r.caps.resize(n);
  std::exception_ptr money_overflow;  // the first one, reported after the roster's problems
  // The policy's team coefficients by team, hashed once (the first one of a team, as
  // pay_policy::team_coefficient_of finds it): a lookup per team, not a scan of the policy.
  name_index policy_teams;
  for (std::size_t k = 0; k < policy.teams.size(); ++k)
    policy_teams.find_or_add(policy.teams[k].team, static_cast<std::uint32_t>(k));
  name_index card = scorecard_index(scorecard);  // likewise the scorecard's units
  for (std::size_t i = 0; i < n; ++i) {
    const staff_member& m = staff[i];
    const auto [tf, new_tf] =
        r.tf_index.find_or_add(m.task_force, static_cast<std::uint32_t>(out.task_forces.size()));
    if (new_tf) {
      const auto u = card.find(m.task_force);
      task_force_pay t = task_force_line(m, u ? &scorecard.units[*u] : nullptr, scorecard, policy, problems);
      r.tf_k.push_back(ten_thousandths(t.coefficient));
      out.task_forces.push_back(std::move(t));
    }
    const auto [team, new_team] =
        r.team_index.find_or_add(m.team, static_cast<std::uint32_t>(r.teams.size()));
    if (new_team) {
      const auto k = policy_teams.find(m.team);
      const exact_ratio c = k ? policy.teams[*k].coefficient : policy.team_default;
      r.teams.push_back({c, ten_thousandths(c)});
    }
    // The first band whose min the score reaches (bands in descending min).
    std::uint32_t band = 0;
    while (band < policy.individual.size() && !(m.score >= policy.individual[band].min)) ++band;
    if (band == policy.individual.size())
      problems.push_back(
          {errc::bad_performance_score, m.where,
           fmt::format("score {} of person \"{}\" is below every individual band (the lowest is {})", m.score,
                       m.id, policy.individual.empty() ? 0.0 : policy.individual.back().min)});
    r.keys[i] = {tf, team, band, m.baseline};
    if (!problems.empty()) continue;  // nothing below is used
    // s = baseline × the three coefficients in ten-thousandths (k ≤ 10^18).
    const std::uint64_t k = r.tf_k[tf] * r.teams[team].k * r.band_k[band];
    r.shares[i] = static_cast<uint128>(m.baseline.fen()) * k;
    if (money_overflow) continue;
    try {
      r.floors[i] = multiply(m.baseline, policy.floor, rounding::up).fen();
      r.caps[i] = multiply(m.baseline, policy.cap, rounding::down).fen();
      out.baseline += m.baseline;
    } catch (const error&) {
      money_overflow = std::current_exception();
    }
  }
  if (!problems.empty()) throw error(std::move(problems));
  if (money_overflow) std::rethrow_exception(money_overflow);
  return r;
}

// λ = μ × 10^12 in lowest terms (shares carry the coefficients' 10^-12 scale); 0/0 when it needs
// more than 128 bits.
void set_lambda(const clamped_allocation& core, pay_result& out) {
  if (core.mu_den == 0) return;
  uint128 num = core.mu_num, den = core.mu_den;
  uint128 g = detail::gcd(num, den);
  if (g > 1) num /= g, den /= g;
  uint128 scale = 1000000000000ULL;
  g = detail::gcd(scale, den);
  scale /= g, den /= g;
  if (__builtin_mul_overflow(num, scale, &num)) {
    out.lambda_num = 0, out.lambda_den = 0;  // beyond 128 bits: reported as absent
  } else {
    out.lambda_num = num, out.lambda_den = den;
  }
}

// The awards: those the scorecard earns, then those of the events table, each split among the
// members of its task force (or team) by contribution weight.
class award_payer {
 public:
  award_payer(const std::vector<staff_member>& staff, const scorecard_summary& scorecard,
              const pay_policy& policy, pay_result& out)
      : staff_(staff),
        scorecard_(scorecard),
        policy_(policy),
        out_(out),
        award_(staff.size()),
        card_(scorecard_index(scorecard)) {}

  // Each person's awards; throws every problem of the awards.
  std::vector<cny_money> pay(const std::vector<award_event>& events, name_index& tf_index) {
    group_staff();
    from_scorecard(tf_index);
    from_events(events, tf_index);
    if (!problems_.empty()) throw error(std::move(problems_));
    return std::move(award_);
  }

 private:
  // The roster's people by task force, in roster order (one pass; split reads a task force's own).
  void group_staff() {
    for (std::size_t i = 0; i < staff_.size(); ++i) {
      const auto [k, added] =
          tf_members_index_.find_or_add(staff_[i].task_force, static_cast<std::uint32_t>(tf_members_.size()));
      if (added) tf_members_.emplace_back();
      tf_members_[k].push_back(i);
    }
  }

  void from_scorecard(name_index& tf_index) {
    for (const award_rule& rule : policy_.awards) {
      if (rule.source != award_source::scorecard) continue;
      // A unit of the scorecard that earns the award but has nobody in the roster: the award cannot
      // be paid, and is an error as for the events (608), never dropped.
      for (const scorecard_unit& u : scorecard_.units) {
        if (tf_index.contains(u.id)) continue;
        const std::optional<double>* ratio = u.ratio(rule.leaf);
        if (ratio == nullptr || !ratio->has_value() || !(**ratio >= rule.min_ratio)) continue;
        problems_.push_back({errc::task_force_not_in_scorecard_or_roster, "task force " + u.id,
                             fmt::format("task force \"{}\" has no staff in the roster, but earns the award "
                                         "\"{}\" from the scorecard ({} ratio {} ≥ {})",
                                         u.id, rule.kind, rule.leaf, **ratio, rule.min_ratio)});
      }
      for (const task_force_pay& tf : out_.task_forces) {
        const auto k = card_.find(tf.id);
        const scorecard_unit* u = k ? &scorecard_.units[*k] : nullptr;
        const std::optional<double>* ratio = u ? u->ratio(rule.leaf) : nullptr;
        if (ratio == nullptr) {
          problems_.push_back(
              {errc::missing_ratio, "task force " + tf.id,
               "the award \"" + rule.kind + "\" needs units[].leaves." + rule.leaf +
                   ".ratio in the scorecard " + scorecard_.source +
                   (u && u->has_leaves ? " (the unit has no such leaf)" : " (assess with explanations)")});
          continue;
        }
        if (!ratio->has_value() || !(**ratio >= rule.min_ratio)) continue;
        award_payment a;
        a.kind = rule.kind, a.name = rule.name, a.task_force = tf.id, a.count = 1, a.amount = rule.amount;
        a.origin = fmt::format("scorecard: {} ratio {} ≥ {}", rule.leaf, **ratio, rule.min_ratio);
        split(std::move(a), "task force " + tf.id);
      }
    }
  }

  void from_events(const std::vector<award_event>& events, name_index& tf_index) {
    for (const award_event& e : events) {
      const award_rule* rule = policy_.find_award(e.kind);
      if (rule == nullptr || rule->source != award_source::events) {
        std::vector<std::string> kinds;
        for (const auto& r : policy_.awards)
          if (r.source == award_source::events) kinds.push_back(r.kind);
        problems_.push_back({errc::unknown_award_kind, e.where,
                             rule ? "award \"" + e.kind + "\" comes from the scorecard, not the events table"
                                  : "the pay policy has no award \"" + e.kind +
                                        "\" paid from events (it has " +
                                        (kinds.empty() ? std::string("none") : list_of(kinds)) + ")"});
        continue;
      }
      if (!tf_index.contains(e.task_force)) {
        problems_.push_back({errc::task_force_not_in_scorecard_or_roster, e.where,
                             "task force \"" + e.task_force + "\" has no staff in the roster"});
        continue;
      }
      if (e.count == 0) continue;
      award_payment a;
      a.kind = rule->kind, a.name = rule->name, a.task_force = e.task_force, a.team = e.team,
      a.count = e.count;
      a.amount = rule->amount * e.count;
      a.origin = e.where;
      split(std::move(a), e.where);
    }
  }

  // Splits an award among its members by largest remainder over their weights.
  void split(award_payment a, const std::string& where) {
    std::vector<std::size_t> members;
    std::vector<std::int64_t> weights;
    if (const auto k = tf_members_index_.find(a.task_force))
      for (std::size_t i : tf_members_[*k]) {
        if (!a.team.empty() && staff_[i].team != a.team) continue;
        members.push_back(i);
        weights.push_back(static_cast<std::int64_t>(ten_thousandths(staff_[i].weight)));
      }
    const std::string team = a.team.empty() ? "task force \"" + a.task_force + "\""
                                            : "team \"" + a.team + "\" of \"" + a.task_force + "\"";
    if (members.empty()) {
      problems_.push_back(
          {errc::unknown_team, where, "award \"" + a.kind + "\": " + team + " has no staff in the roster"});
      return;
    }
    std::int64_t total_weight = 0;
    for (auto w : weights) total_weight += w;
    if (total_weight == 0 && a.amount.fen() != 0) {
      problems_.push_back(
          {errc::no_contribution, where,
           "award \"" + a.kind + "\": every member of " + team + " has contribution weight 0"});
      return;
    }
    const auto parts = largest_remainder(weights, a.amount.fen());
    for (std::size_t k = 0; k < members.size(); ++k) {
      const cny_money part = cny_money::from_fen(parts[k]);
      award_[members[k]] += part;
      a.split.emplace_back(members[k], part);
    }
    out_.awards.push_back(std::move(a));
  }

  const std::vector<staff_member>& staff_;
  const scorecard_summary& scorecard_;
  const pay_policy& policy_;
  pay_result& out_;
  std::vector<cny_money> award_;  // per person
  std::vector<problem> problems_;
  name_index card_;                                   // the scorecard's units by id
  name_index tf_members_index_;                       // task force -> its place in tf_members_
  std::vector<std::vector<std::size_t>> tf_members_;  // per task force: its people, roster order
};

// The people's lines, each written once, with the totals and the task forces' sums. (Σ base pay =
// pool, so base_paid cannot overflow.)
void write_people(const roster_pass& r, const clamped_allocation& core, const std::vector<cny_money>& award,
                  const pay_policy& policy, pay_result& out) {
  const std::size_t n = r.keys.size();
  out.people.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const roster_pass::person_keys& key = r.keys[i];
    person_pay p;
    p.person = i;
    p.task_force = key.task_force;
    p.baseline = key.baseline;
    p.task_force_coefficient = out.task_forces[key.task_force].coefficient;
    p.team_coefficient = r.teams[key.team].coefficient;
    p.individual_coefficient = policy.individual[key.band].coefficient;
    p.share = r.shares[i];
    p.floor = cny_money::from_fen(r.floors[i]);
    p.cap = cny_money::from_fen(r.caps[i]);
    p.clamp = core.clamp[i];
    p.raw_whole = cny_money::from_fen(core.whole[i]);
    p.raw_remainder = core.remainder[i];
    p.rounding_fen = core.pay[i] - core.whole[i];
    p.base_pay = cny_money::from_fen(core.pay[i]);
    p.award = award[i];
    p.total = p.base_pay + p.award;
    out.base_paid += p.base_pay;
    out.awards_paid += p.award;
    task_force_pay& tf = out.task_forces[p.task_force];
    ++tf.head_count;
    tf.baseline += p.baseline;
    tf.base_pay += p.base_pay;
    tf.award += p.award;
    tf.total += p.total;
    out.people.push_back(p);
  }
  out.total_paid = out.base_paid + out.awards_paid;
}
}  // namespace

pay_result allocate_pay(const std::vector<staff_member>& staff, const scorecard_summary& scorecard,
                        const pay_policy& policy, const std::vector<award_event>& events) {
  pay_result out;
  roster_pass roster = read_roster(staff, scorecard, policy, out);
  out.pool = multiply(out.baseline, policy.multiplier, rounding::half_away_from_zero);
  const clamped_allocation core = allocate_clamped(roster.shares, roster.floors, roster.caps, out.pool.fen());
  out.raw_denominator = core.denominator;
  set_lambda(core, out);
  const std::vector<cny_money> award =
      award_payer(staff, scorecard, policy, out).pay(events, roster.tf_index);
  write_people(roster, core, award, policy, out);
  return out;
}

}  // namespace zoneperf
