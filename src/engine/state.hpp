#pragma once
// The validated inputs of one assessment and its batch statistics, shared by the scalar paths
// (explanations, error reports) and the vectorised kernels.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "../detail/huge_pages.hpp"
#include "../detail/tree_impl.hpp"
#include "zoneperf/assess.hpp"
#include "zoneperf/detail/rules.hpp"
#include "zoneperf/text/number.hpp"

namespace zoneperf::detail {

inline constexpr std::ptrdiff_t chunk = 8192;
inline constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// Throws error 306 naming the first unit id given twice (as the CSV reader does); O(n).
void check_distinct_units(const std::vector<std::string>& ids);

// Everything assess and explain need beyond the tree: validated inputs and batch statistics.
struct engine_state {
  const tree_impl& t;
  matrix_view values;
  matrix_view targets;
  std::vector<int> target_col;             // per node: column in `targets`, or -1
  std::vector<double> stat_min, stat_max;  // per node (minmax, leader)
  std::vector<const double*> stat_rank;    // per node (rank step mode): rank per unit, else null
  std::vector<int> reweight_parents;       // nodes with a reweight leaf child
  std::vector<int> scale_col;              // per node: column in scale, or -1
  const std::vector<std::string>* unit_ids;
  rank_buffers own_scratch;  // the rank rule's sort and ranks when the caller lends none

  std::string unit_name(std::ptrdiff_t u) const {
    if (unit_ids) return "unit \"" + (*unit_ids)[u] + "\"";
    return "unit #" + std::to_string(u + 1);
  }
  std::string where(std::ptrdiff_t u, const node& n) const {
    return unit_name(u) + ", indicator \"" + n.id + "\"";
  }
  double value(std::ptrdiff_t u, const node& n) const { return values(u, n.column); }

  // The target of a target-using leaf for one unit (checked).
  double target(std::ptrdiff_t u, int idx, leaf_explanation::target_source* src = nullptr) const {
    const node& n = t.nodes[idx];
    if (target_col[idx] >= 0) {
      const double v = targets(u, target_col[idx]);
      if (!std::isnan(v)) {
        if (!(v > 0) || !std::isfinite(v))
          throw error(errc::bad_target, where(u, n), "target must be positive, not " + shortest(v));
        if (src) *src = leaf_explanation::target_source::unit;
        return v;
      }
    }
    if (n.target) {
      if (src) *src = leaf_explanation::target_source::default_value;
      return *n.target;
    }
    throw error(errc::no_target, where(u, n),
                "no target: give one in the targets table or a default \"target\" in the tree");
  }

  // `scratch`: where the rank rule sorts and keeps its ranks (an assessment's, reused from call to
  // call); null for storage of its own. `check_ids`: find a unit id given twice (assess does, unless
  // the caller vouches for them; explain does not).
  engine_state(const indicator_tree& tree, matrix_view v, const target_table* tt, const assess_options& o,
               rank_buffers* scratch = nullptr, bool check_ids = false)
      : t(tree_access::internals(tree)), values(v), unit_ids(o.unit_ids) {
    const auto ncols = static_cast<std::ptrdiff_t>(t.columns.size());
    if (v.cols != ncols)
      throw error(errc::shape_mismatch, "values",
                  "the values have " + std::to_string(v.cols) + " columns; tree \"" + t.nodes[0].id +
                      "\" needs " + std::to_string(ncols) +
                      " (its leaves, bonus, penalty and veto items in file order)");
    if (v.rows < 0 || (v.rows > 0 && !v.data)) throw error(errc::shape_mismatch, "values", "no data");
    if (unit_ids && static_cast<std::ptrdiff_t>(unit_ids->size()) != v.rows)
      throw error(
          errc::shape_mismatch, "unit_ids",
          std::to_string(unit_ids->size()) + " unit ids for " + std::to_string(v.rows) + " rows of values");
    if (unit_ids && check_ids) check_distinct_units(*unit_ids);
    target_col.assign(t.nodes.size(), -1);
    if (tt) {
      targets = tt->values;
      if (targets.rows != v.rows || targets.cols != static_cast<std::ptrdiff_t>(tt->leaf_ids.size()))
        throw error(errc::shape_mismatch, "targets",
                    "the targets are " + std::to_string(targets.rows) + " x " + std::to_string(targets.cols) +
                        "; expected " + std::to_string(v.rows) + " rows and one column per leaf id (" +
                        std::to_string(tt->leaf_ids.size()) + ")");
      for (std::size_t k = 0; k < tt->leaf_ids.size(); ++k) {
        const auto& id = tt->leaf_ids[k];
        auto it = t.by_id.find(id);
        if (it == t.by_id.end())
          throw error(errc::unknown_column, "targets", "unknown indicator \"" + id + "\"");
        const node& n = t.nodes[it->second];
        if (n.kind != node_kind::leaf || !uses_target(n.rule.kind))
          throw error(errc::column_takes_no_target, "targets",
                      "indicator \"" + id + "\" takes no target (rule " +
                          (n.kind == node_kind::leaf ? to_string(n.rule.kind) : to_string(n.kind)) + ")");
        if (target_col[it->second] >= 0)
          throw error(errc::duplicate_column, "targets", "indicator \"" + id + "\" has two target columns");
        target_col[it->second] = static_cast<int>(k);
      }
    }
    stat_min.assign(t.nodes.size(), nan);
    stat_max.assign(t.nodes.size(), nan);
    stat_rank.assign(t.nodes.size(), nullptr);
    rank_buffers& rb = scratch ? *scratch : own_scratch;
    std::size_t rank_columns = 0;
    for (const node& n : t.nodes)
      rank_columns +=
          n.kind == node_kind::leaf && n.rule.kind == rule_kind::rank && n.rule.mode == rank_mode::step;
    resize_advised(rb.ranks, rank_columns * static_cast<std::size_t>(v.rows));  // same size: no allocation
    double* next_ranks = rb.ranks.data();
    scale_col.assign(t.nodes.size(), -1);
    for (std::size_t i = 0; i < t.nodes.size(); ++i) {
      const node& n = t.nodes[i];
      if (n.kind != node_kind::leaf) continue;
      if (n.missing == missing_policy::reweight && scale_col[n.parent] < 0) {
        scale_col[n.parent] = static_cast<int>(reweight_parents.size());
        reweight_parents.push_back(n.parent);
      }
      if (uses_target(n.rule.kind) && !n.target && target_col[i] < 0 && v.rows > 0)
        throw error(errc::no_target, where(0, n),
                    "no target: give one in the targets table or a default \"target\" in the tree");
      const bool need_range = n.rule.kind == rule_kind::minmax ||
                              (n.rule.kind == rule_kind::rank && n.rule.mode == rank_mode::leader);
      if (need_range) {
        double lo = std::numeric_limits<double>::infinity(), hi = -lo;
        bool any = false;
        for (std::ptrdiff_t u = 0; u < v.rows; ++u) {
          const double x = v(u, n.column);
          if (std::isnan(x)) continue;
          lo = std::min(lo, x), hi = std::max(hi, x), any = true;
        }
        if (any) stat_min[i] = lo, stat_max[i] = hi;
      }
      if (n.rule.kind == rule_kind::rank && n.rule.mode == rank_mode::step) {
        // Competition ranks (1, 2, 2, 4) over the units with a value, read in place from the
        // column (or row-major matrix) and radix-sorted in rb: once per batch, whatever the threads.
        const bool col_major = v.order == storage_order::column_major;
        const double* x =
            v.rows > 0 ? v.data + (col_major ? n.column * v.outer_stride() : n.column) : nullptr;
        competition_ranks(x, static_cast<std::size_t>(v.rows), col_major ? 1 : v.outer_stride(), next_ranks,
                          n.dir, rb);
        stat_rank[i] = next_ranks;
        next_ranks += v.rows;
      }
    }
  }

  // ---- per-unit scalar scoring, used by explain and to name the first bad input ----

  leaf_explanation explain_item(std::ptrdiff_t u, int idx) const {
    const node& n = t.nodes[idx];
    leaf_explanation e;
    e.node = idx, e.id = n.id, e.kind = n.kind, e.rule = n.rule.kind;
    e.actual = value(u, n);
    e.missing = std::isnan(e.actual);
    e.target = nan, e.ratio = nan;
    if (std::isinf(e.actual))  // as the CSV reader says of an "inf" cell
      throw error(errc::not_finite, where(u, n), "not a finite number: " + shortest(e.actual));
    if (e.missing && n.missing == missing_policy::error)
      throw error(errc::missing_value, where(u, n),
                  "missing value (the indicator's missing policy is error)");
    if (n.kind == node_kind::bonus || n.kind == node_kind::penalty || n.kind == node_kind::veto) {
      const double r = e.missing ? 0.0 : e.actual;
      if (r < 0) throw error(errc::negative_count, where(u, n), "negative count " + shortest(r));
      if (n.kind == node_kind::veto) {
        e.vetoes = r >= 1;
        e.fraction = e.vetoes ? 1 : 0;
        e.points = 0, e.max = 0;
      } else {
        e.fraction = n.per_unit * r;
        e.capped = e.fraction > n.max;
        e.points = std::min(e.fraction, n.max);
        e.max = n.max;
      }
      return e;
    }
    const direction dir = n.dir;
    const bool lower = dir == direction::lower_is_better;
    const rule& ru = n.rule;
    if (!e.missing || n.missing != missing_policy::reweight) {
      if (uses_target(ru.kind)) e.target = target(u, idx, &e.source);
    }
    if (e.missing) {
      e.fraction = 0;
      e.points = n.missing == missing_policy::reweight ? nan : 0.0;
      e.max = n.points;
      return e;
    }
    const double r = e.actual;
    switch (ru.kind) {
      case rule_kind::completion: {
        e.ratio = detail::target_ratio(r, e.target, dir);
        const double cap = ru.cap.value_or(1.0);
        e.fraction = detail::completion_fraction(e.ratio, cap);
        e.capped = e.ratio > cap;
        break;
      }
      case rule_kind::banded:
        e.ratio = detail::target_ratio(r, e.target, dir);
        e.fraction =
            detail::banded_fraction(e.ratio, ru.bands.data(), ru.bands.size(), detail::interpolation_of(ru));
        break;
      case rule_kind::threshold:
        e.ratio = detail::target_ratio(r, e.target, dir);
        e.fraction = detail::threshold_fraction(e.ratio);
        break;
      case rule_kind::benchmark: {
        e.ratio = r / e.target;
        const double cap = ru.cap.value_or(std::numeric_limits<double>::infinity());
        e.fraction = detail::benchmark_fraction(r, e.target, dir, cap);
        e.capped = (lower ? 2.0 - e.ratio : e.ratio) > cap;
        break;
      }
      case rule_kind::goalposts:
        e.fraction = detail::goalposts_fraction(r, ru.lo, ru.hi, dir);
        break;
      case rule_kind::minmax:
        e.fraction = detail::minmax_fraction(r, stat_min[idx], stat_max[idx], ru.floor, dir);
        break;
      case rule_kind::rank:
        if (ru.mode == rank_mode::leader) {
          e.ratio = r / stat_max[idx];
          e.fraction = detail::leader_fraction(r, stat_max[idx]);
        } else {
          e.ratio = stat_rank[idx][u];
          e.fraction = detail::rank_fraction(e.ratio, ru.step);
        }
        break;
      case rule_kind::lookup: {
        const auto k = static_cast<std::size_t>(r);
        const std::size_t ncodes = ru.table.size() + ru.veto_codes.size();
        if (!(r >= 0) || static_cast<double>(k) != r || k >= ncodes)
          throw error(errc::unknown_code, where(u, n),
                      "value " + shortest(r) + " is not a code index of the lookup table (0 to " +
                          std::to_string(ncodes - 1) + ")");
        if (k < ru.table.size()) {
          e.fraction = ru.table[k].value;
        } else {
          e.fraction = 0;
          e.vetoes = true;
        }
        break;
      }
    }
    e.points = e.fraction * n.points;
    e.max = n.points;
    if (!std::isfinite(e.points)) throw_score_not_finite(u, n, e.fraction, e.points);
    return e;
  }

  // A leaf's score that is not finite: its fraction times its points overflows.
  [[noreturn]] void throw_score_not_finite(std::ptrdiff_t u, const node& n, double fraction,
                                           double points) const {
    throw error(errc::not_finite, where(u, n),
                "the score is not finite: fraction " + shortest(fraction) + " × points " +
                    shortest(n.points) + " = " + shortest(points));
  }

  // Throws the first problem of units [b, e) in (unit, column) order; returns if there is none.
  void throw_first_problem(std::ptrdiff_t b, std::ptrdiff_t e) const {
    for (std::ptrdiff_t u = b; u < e; ++u)
      for (int idx : t.columns) explain_item(u, idx);
  }
};

/// Where a kernel writes its results (all column-major, units in rows).
struct engine_output {
  double* scores = nullptr;  // units x kept nodes
  std::ptrdiff_t rows = 0;
  const int* kept = nullptr;
  std::size_t nkept = 0;
  double* totals = nullptr;
  std::int32_t* grades = nullptr;
  std::uint8_t* veto = nullptr;
  double* scale = nullptr;  // units x reweighted parents
};

/// Scores units [begin, end) into `out`. Throws the first bad input of the range.
using kernel_fn = void (*)(const engine_state& s, const engine_output& out, std::ptrdiff_t begin,
                           std::ptrdiff_t end);
void run_generic(const engine_state&, const engine_output&, std::ptrdiff_t, std::ptrdiff_t);
void run_x86_64_v3(const engine_state&, const engine_output&, std::ptrdiff_t, std::ptrdiff_t);
void run_x86_64_v4(const engine_state&, const engine_output&, std::ptrdiff_t, std::ptrdiff_t);

}  // namespace zoneperf::detail
