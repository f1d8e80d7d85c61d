#include "zoneperf/pipeline/monthly_check.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "zoneperf/apportion.hpp"
#include "zoneperf/pipeline/counts.hpp"

namespace zoneperf {
namespace {
monthly_targets actual_of(const unit_counts& c) {
  return {c.entered_count(stage::intent), c.entered_count(stage::signed_), c.entered_count(stage::landed)};
}
bool at_least(const monthly_targets& a, const monthly_targets& t) {
  return a.intent >= t.intent && a.signed_ >= t.signed_ && a.landed >= t.landed;
}
/// The split's own errors (750) before largest_remainder's (errc::apportion_*, 505-506):
/// a negative weight, or all weights 0 with something to split. The targets are not negative.
void check_split(const std::vector<std::int64_t>& weights, const monthly_targets& left) {
  for (std::size_t i = 0; i < weights.size(); ++i)
    if (weights[i] < 0)
      throw error(errc::bad_split, "weights/" + std::to_string(i),
                  "negative weight " + std::to_string(weights[i]));
  if (std::any_of(weights.begin(), weights.end(), [](std::int64_t w) { return w > 0; })) return;
  for (auto seats : {left.intent, left.signed_, left.landed})
    if (seats > 0)
      throw error(errc::bad_split, "weights",
                  "every weight is 0: nothing to split " + std::to_string(seats) + " by");
}
}  // namespace

const char* to_string(face f) noexcept {
  switch (f) {
    case face::smile:
      return "😊";
    case face::cry:
      return "😢";
    case face::none:
      return "";
  }
  return "";
}

std::int64_t expected_to_date(std::int64_t target, int elapsed_days, int days_in_month) {
  if (target <= 0 || elapsed_days <= 0) return 0;
  return (target * elapsed_days + days_in_month - 1) / days_in_month;
}

monthly_check check_month(const registry& r, const period& month, const check_options& options) {
  if (month.kind() != period_kind::month)
    throw error(errc::not_a_month, month.label(), "the monthly check needs a month, such as 2020-07");
  monthly_check out;
  out.month = month;
  out.as_of = options.as_of ? std::min(*options.as_of, month.last()) : month.last();
  if (out.as_of < month.first())
    throw error(errc::not_a_month, month.label(),
                "the as-of date " + to_string(out.as_of) + " is before the month");
  out.complete = out.as_of == month.last();
  out.zone_target = options.zone;
  for (auto v : {options.zone.intent, options.zone.signed_, options.zone.landed})
    if (v < 0) throw error(errc::bad_split, "zone", "negative monthly target " + std::to_string(v));

  count_options co;
  co.as_of = out.as_of;
  const period_counts c = count(r, month, co);
  out.zone_actual = actual_of(c.zone);

  const auto& tfs = r.task_forces();
  for (const auto& [tf, t] : options.fixed)
    if (!r.task_force_index(tf))
      throw error(errc::unregistered_task_force, tf, "fixed targets for an unknown task force");
  for (const auto& [tf, w] : options.weights)
    if (!r.task_force_index(tf))
      throw error(errc::unregistered_task_force, tf, "a split weight for an unknown task force");
  if (options.smile_min_score)
    for (const auto& tf : tfs)
      if (!options.month_scores.count(tf))
        throw error(errc::missing_score, tf, "the face rule needs the month's score of every task force");

  // Split what the fixed task forces leave over the others.
  std::vector<std::size_t> shared;
  std::vector<std::int64_t> weights;
  monthly_targets left = options.zone;
  out.task_forces.resize(tfs.size());
  for (std::size_t t = 0; t < tfs.size(); ++t) {
    task_force_check& k = out.task_forces[t];
    k.task_force = tfs[t];
    const auto w = options.weights.find(tfs[t]);
    k.weight = w != options.weights.end() ? w->second : c.task_forces[t].key_projects;
    if (const auto f = options.fixed.find(tfs[t]); f != options.fixed.end()) {
      k.target = f->second;
      left.intent -= f->second.intent;
      left.signed_ -= f->second.signed_;
      left.landed -= f->second.landed;
    } else {
      shared.push_back(t);
      weights.push_back(k.weight);
    }
  }
  for (auto v : {left.intent, left.signed_, left.landed})
    if (v < 0) throw error(errc::bad_split, "fixed", "fixed targets exceed the zone's monthly targets");
  if (!shared.empty()) {
    check_split(weights, left);
    const auto intent = largest_remainder(weights, left.intent);
    const auto signed_ = largest_remainder(weights, left.signed_);
    const auto landed = largest_remainder(weights, left.landed);
    for (std::size_t i = 0; i < shared.size(); ++i)
      out.task_forces[shared[i]].target = {intent[i], signed_[i], landed[i]};
  }

  // Weekly progress: each ISO week's Sunday in the month, up to the as-of date, and the as-of date.
  std::vector<date> points;
  for (date d = month.first(); d <= out.as_of; d += boost::gregorian::days(1))
    if (d.day_of_week() == boost::date_time::Sunday || d == out.as_of) points.push_back(d);
  std::vector<period_counts> at;
  for (date d : points) {
    count_options po;
    po.as_of = d;
    at.push_back(count(r, month, po));
  }
  for (std::size_t t = 0; t < tfs.size(); ++t) {
    task_force_check& k = out.task_forces[t];
    k.actual = actual_of(c.task_forces[t]);
    for (std::size_t i = 0; i < points.size(); ++i) {
      progress_point p;
      p.on = points[i];
      p.elapsed_days = static_cast<int>((points[i] - month.first()).days()) + 1;
      const int n = month.days();
      p.expected = {expected_to_date(k.target.intent, p.elapsed_days, n),
                    expected_to_date(k.target.signed_, p.elapsed_days, n),
                    expected_to_date(k.target.landed, p.elapsed_days, n)};
      p.actual = actual_of(at[i].task_forces[t]);
      p.on_track = at_least(p.actual, p.expected);
      k.weeks.push_back(p);
    }
    for (auto [name, a, tg] : {std::tuple{"intent", k.actual.intent, k.target.intent},
                               std::tuple{"signed", k.actual.signed_, k.target.signed_},
                               std::tuple{"landed", k.actual.landed, k.target.landed}})
      if (a < tg) k.missed.push_back(fmt::format("{} {} < {}", name, a, tg));
    if (const auto s = options.month_scores.find(tfs[t]); s != options.month_scores.end())
      k.score = s->second;
    const bool has_targets = k.target.intent + k.target.signed_ + k.target.landed > 0;
    if (!has_targets)
      k.verdict = face::none;
    else if (!k.missed.empty())
      k.verdict = face::cry;
    else if (options.smile_min_score && !(*k.score >= *options.smile_min_score))
      k.verdict = face::none;
    else
      k.verdict = face::smile;
  }
  return out;
}

}  // namespace zoneperf
