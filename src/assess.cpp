// The aggregation core. Units are scored in chunks of `chunk` rows: each leaf's rule runs over its
// column into a per-node buffer, each group sums its children's buffers in file order, then the
// totals, grades and veto flags are written. Per-unit arithmetic never depends on other units
// (batch statistics for minmax and rank are computed first), so any thread count gives the same bits.
#include "zoneperf/assess.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <limits>
#include <numeric>
#include <thread>

#include "zoneperf/detail/rules.hpp"
#include "zoneperf/detail/tree_impl.hpp"
#include "zoneperf/io/report.hpp"

namespace zoneperf {

namespace {
constexpr std::ptrdiff_t chunk = 256;
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

}  // namespace

// Everything assess and explain need beyond the tree: validated inputs and batch statistics.
struct assessment::state {
  const indicator_tree::impl& t;
  matrix_view values;
  matrix_view targets;
  std::vector<int> target_col;       // per node: column in `targets`, or -1
  std::vector<double> stat_min, stat_max;         // per node (minmax, leader)
  std::vector<std::vector<double>> stat_rank;     // per node (rank step mode): rank per unit
  std::vector<int> reweight_parents;              // nodes with a reweight leaf child
  std::vector<int> scale_col;                     // per node: column in scale, or -1
  const std::vector<std::string>* unit_ids;

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

  state(const indicator_tree& tree, matrix_view v, const target_table* tt, const assess_options& o)
      : t(tree.internals()), values(v), unit_ids(o.unit_ids) {
    const auto ncols = static_cast<std::ptrdiff_t>(t.columns.size());
    if (v.cols != ncols)
      throw error(errc::shape_mismatch, "values",
                  "the values have " + std::to_string(v.cols) + " columns; tree \"" + t.nodes[0].id + "\" needs " +
                      std::to_string(ncols) + " (its leaves, bonus, penalty and veto items in file order)");
    if (v.rows < 0 || (v.rows > 0 && !v.data)) throw error(errc::shape_mismatch, "values", "no data");
    if (unit_ids && static_cast<std::ptrdiff_t>(unit_ids->size()) != v.rows)
      throw error(errc::shape_mismatch, "unit_ids",
                  std::to_string(unit_ids->size()) + " unit ids for " + std::to_string(v.rows) + " rows of values");
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
    stat_rank.resize(t.nodes.size());
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
        // Competition ranks (1, 2, 2, 4) over the units with a value; ascending when lower is better.
        std::vector<std::ptrdiff_t> order;
        order.reserve(static_cast<std::size_t>(v.rows));
        for (std::ptrdiff_t u = 0; u < v.rows; ++u)
          if (!std::isnan(v(u, n.column))) order.push_back(u);
        const bool lower = n.dir == direction::lower_is_better;
        std::stable_sort(order.begin(), order.end(), [&](std::ptrdiff_t a, std::ptrdiff_t b) {
          const double x = v(a, n.column), y = v(b, n.column);
          return lower ? x < y : x > y;
        });
        auto& ranks = stat_rank[i];
        ranks.assign(static_cast<std::size_t>(v.rows), nan);
        for (std::size_t k = 0; k < order.size(); ++k) {
          const bool tie = k > 0 && v(order[k], n.column) == v(order[k - 1], n.column);
          ranks[order[k]] = tie ? ranks[order[k - 1]] : static_cast<double>(k + 1);
        }
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
    if (e.missing && n.missing == missing_policy::error)
      throw error(errc::missing_value, where(u, n), "missing value (the indicator's missing policy is error)");
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
    const bool lower = n.dir == direction::lower_is_better;
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
        e.ratio = detail::target_ratio(r, e.target, lower);
        const double cap = ru.cap.value_or(1.0);
        e.fraction = detail::completion_fraction(e.ratio, cap);
        e.capped = e.ratio > cap;
        break;
      }
      case rule_kind::banded:
        e.ratio = detail::target_ratio(r, e.target, lower);
        e.fraction = detail::banded_fraction(e.ratio, ru.bands.data(), ru.bands.size(), ru.interpolate);
        break;
      case rule_kind::threshold:
        e.ratio = detail::target_ratio(r, e.target, lower);
        e.fraction = detail::threshold_fraction(e.ratio);
        break;
      case rule_kind::benchmark: {
        e.ratio = r / e.target;
        const double cap = ru.cap.value_or(std::numeric_limits<double>::infinity());
        e.fraction = detail::benchmark_fraction(r, e.target, lower, cap);
        e.capped = (lower ? 2.0 - e.ratio : e.ratio) > cap;
        break;
      }
      case rule_kind::goalposts:
        e.fraction = detail::goalposts_fraction(r, ru.lo, ru.hi, lower);
        break;
      case rule_kind::minmax:
        e.fraction = detail::minmax_fraction(r, stat_min[idx], stat_max[idx], ru.floor, lower);
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
    return e;
  }

  // Throws the first problem of units [b, e) in (unit, column) order; returns if there is none.
  void throw_first_problem(std::ptrdiff_t b, std::ptrdiff_t e) const {
    for (std::ptrdiff_t u = b; u < e; ++u)
      for (int idx : t.columns) explain_item(u, idx);
  }
};

// Access to assessment's storage for the engine.
struct detail_engine {
  using state = assessment::state;

  struct worker {
    const state& s;
    const assess_options& opt;
    assessment& out;
    std::vector<double> buf;         // nodes x chunk
    std::vector<std::uint8_t> veto;  // chunk
    std::vector<double> tbuf;        // chunk (resolved per-unit targets)
    std::vector<double> cbuf;        // columns x chunk (row-major values gathered)
    bool bad = false;

    worker(const state& st, const assess_options& o, assessment& a)
        : s(st), opt(o), out(a), buf(st.t.nodes.size() * chunk), veto(chunk), tbuf(chunk) {
      if (s.values.order == storage_order::row_major) cbuf.resize(st.t.columns.size() * chunk);
    }

    double* node_buf(int idx) { return buf.data() + static_cast<std::ptrdiff_t>(idx) * chunk; }

    const double* column(const node& n, std::ptrdiff_t b) {
      const matrix_view& v = s.values;
      if (v.order == storage_order::column_major) return v.data + n.column * v.outer_stride() + b;
      return cbuf.data() + static_cast<std::ptrdiff_t>(n.column) * chunk;
    }

    void gather(std::ptrdiff_t b, std::ptrdiff_t m) {
      const matrix_view& v = s.values;
      const std::ptrdiff_t stride = v.outer_stride();
      const std::ptrdiff_t ncols = v.cols;
      for (std::ptrdiff_t i = 0; i < m; ++i) {
        const double* row = v.data + (b + i) * stride;
        for (std::ptrdiff_t c = 0; c < ncols; ++c) cbuf[c * chunk + i] = row[c];
      }
    }

    // Targets for the chunk: per unit where the table has a value, else the default.
    const double* targets(int idx, std::ptrdiff_t b, std::ptrdiff_t m) {
      const node& n = s.t.nodes[idx];
      const double def = n.target ? *n.target : nan;
      double* t = tbuf.data();
      if (s.target_col[idx] < 0) {
        std::fill(t, t + m, def);
        return t;
      }
      const int c = s.target_col[idx];
      bool ok = true;
      for (std::ptrdiff_t i = 0; i < m; ++i) {
        const double x = s.targets(b + i, c);
        t[i] = std::isnan(x) ? def : x;
        ok &= t[i] > 0 && t[i] < std::numeric_limits<double>::infinity();
      }
      if (!ok) bad = true;
      return t;
    }

    template <class F>
    static void fill(double* out, std::ptrdiff_t m, F f) {
      for (std::ptrdiff_t i = 0; i < m; ++i) out[i] = f(i);
    }

    void leaf(int idx, std::ptrdiff_t b, std::ptrdiff_t m) {
      const node& n = s.t.nodes[idx];
      const double* v = column(n, b);
      double* o = node_buf(idx);
      const double pts = n.points;
      const bool lower = n.dir == direction::lower_is_better;
      const rule& ru = n.rule;
      switch (ru.kind) {
        case rule_kind::completion: {
          const double cap = ru.cap.value_or(1.0);
          if (s.target_col[idx] < 0 && !lower) {
            const double t = *n.target;  // checked in state()
            fill(o, m, [&](std::ptrdiff_t i) { return detail::completion_fraction(v[i] / t, cap) * pts; });
          } else {
            const double* t = targets(idx, b, m);
            fill(o, m, [&](std::ptrdiff_t i) {
              return detail::completion_fraction(detail::target_ratio(v[i], t[i], lower), cap) * pts;
            });
          }
          break;
        }
        case rule_kind::banded: {
          const double* t = targets(idx, b, m);
          fill(o, m, [&](std::ptrdiff_t i) {
            return detail::banded_fraction(detail::target_ratio(v[i], t[i], lower), ru.bands.data(),
                                           ru.bands.size(), ru.interpolate) * pts;
          });
          break;
        }
        case rule_kind::threshold: {
          const double* t = targets(idx, b, m);
          fill(o, m, [&](std::ptrdiff_t i) {
            return detail::threshold_fraction(detail::target_ratio(v[i], t[i], lower)) * pts;
          });
          break;
        }
        case rule_kind::benchmark: {
          const double* t = targets(idx, b, m);
          const double cap = ru.cap.value_or(std::numeric_limits<double>::infinity());
          fill(o, m, [&](std::ptrdiff_t i) { return detail::benchmark_fraction(v[i], t[i], lower, cap) * pts; });
          break;
        }
        case rule_kind::goalposts:
          fill(o, m, [&](std::ptrdiff_t i) { return detail::goalposts_fraction(v[i], ru.lo, ru.hi, lower) * pts; });
          break;
        case rule_kind::minmax: {
          const double lo = s.stat_min[idx], hi = s.stat_max[idx];
          fill(o, m, [&](std::ptrdiff_t i) { return detail::minmax_fraction(v[i], lo, hi, ru.floor, lower) * pts; });
          break;
        }
        case rule_kind::rank:
          if (ru.mode == rank_mode::leader) {
            const double hi = s.stat_max[idx];
            fill(o, m, [&](std::ptrdiff_t i) { return detail::leader_fraction(v[i], hi) * pts; });
          } else {
            const double* rk = s.stat_rank[idx].data() + b;
            fill(o, m, [&](std::ptrdiff_t i) { return detail::rank_fraction(rk[i], ru.step) * pts; });
          }
          break;
        case rule_kind::lookup: {
          const std::size_t ntable = ru.table.size();
          const std::size_t ncodes = ntable + ru.veto_codes.size();
          for (std::ptrdiff_t i = 0; i < m; ++i) {
            const double r = v[i];
            if (std::isnan(r)) {
              o[i] = 0;
              continue;
            }
            const auto k = static_cast<std::size_t>(r);
            if (!(r >= 0) || r >= static_cast<double>(ncodes) || static_cast<double>(k) != r) {
              bad = true;
              o[i] = 0;
            } else if (k < ntable) {
              o[i] = ru.table[k].value * pts;
            } else {
              o[i] = 0;
              veto[i] = 1;
            }
          }
          break;
        }
      }
      // Missing values: clamps map NaN to 0 for most rules; make it explicit for every policy.
      bool any_missing = false;
      for (std::ptrdiff_t i = 0; i < m; ++i) any_missing |= std::isnan(v[i]);
      if (any_missing) {
        if (n.missing == missing_policy::error) bad = true;
        const double fill_value = n.missing == missing_policy::reweight ? nan : 0.0;
        for (std::ptrdiff_t i = 0; i < m; ++i)
          if (std::isnan(v[i])) o[i] = fill_value;
      }
    }

    void group(int idx, std::ptrdiff_t b, std::ptrdiff_t m) {
      const node& n = s.t.nodes[idx];
      double* o = node_buf(idx);
      const int sc = s.scale_col[idx];
      if (sc >= 0) {
        // Reweight: scale the present children so the parent keeps its maximum.
        double full = 0;
        for (int c : n.children) full += s.t.nodes[c].points;
        for (std::ptrdiff_t i = 0; i < m; ++i) {
          double present = 0;
          for (int c : n.children)
            if (!std::isnan(node_buf(c)[i])) present += s.t.nodes[c].points;
          const double scale = present > 0 ? full / present : nan;
          out.scale_(b + i, sc) = scale;
          if (present > 0)
            for (int c : n.children) node_buf(c)[i] *= scale;
        }
      }
      if (n.aggregate == aggregation::geometric) {
        for (std::ptrdiff_t i = 0; i < m; ++i) {
          double wsum = 0, lsum = 0;
          for (int c : n.children) {
            const double sc_v = node_buf(c)[i];
            if (std::isnan(sc_v)) continue;
            const node& ch = s.t.nodes[c];
            const double scale = sc >= 0 ? out.scale_(b + i, sc) : 1.0;
            const double cmax = ch.points * scale;
            double rate = cmax > 0 ? sc_v / cmax : 0.0;
            if (rate < n.geometric_floor) rate = n.geometric_floor;
            if (!(rate > 0)) {
              s.throw_first_problem(b, b + m);
              throw error(errc::zero_rate, s.unit_name(b + i) + ", node \"" + n.id + "\"",
                          "child \"" + ch.id + "\" has a zero rate; a geometric mean needs every rate > 0 "
                          "(set a positive \"floor\" on the group)");
            }
            wsum += ch.points;
            lsum += ch.points * std::log(rate);
          }
          o[i] = wsum > 0 ? n.points * std::exp(lsum / wsum) : 0.0;
        }
        return;
      }
      std::fill(o, o + m, 0.0);
      for (int c : n.children) {
        const double* cb = node_buf(c);
        if (sc >= 0) {
          for (std::ptrdiff_t i = 0; i < m; ++i) o[i] += std::isnan(cb[i]) ? 0.0 : cb[i];
        } else {
          for (std::ptrdiff_t i = 0; i < m; ++i) o[i] += cb[i];
        }
      }
    }

    void item(int idx, std::ptrdiff_t b, std::ptrdiff_t m) {
      const node& n = s.t.nodes[idx];
      const double* v = column(n, b);
      double* o = node_buf(idx);
      for (std::ptrdiff_t i = 0; i < m; ++i) {
        double r = v[i];
        if (std::isnan(r)) {
          if (n.missing == missing_policy::error) bad = true;
          r = 0;
        }
        if (r < 0) bad = true;
        if (n.kind == node_kind::veto) {
          o[i] = r >= 1 ? 1.0 : 0.0;
          if (r >= 1) veto[i] = 1;
        } else {
          const double x = n.per_unit * r;
          o[i] = x < n.max ? x : n.max;
        }
      }
    }

    void run_chunk(std::ptrdiff_t b, std::ptrdiff_t m) {
      bad = false;
      std::fill(veto.begin(), veto.begin() + m, std::uint8_t{0});
      if (s.values.order == storage_order::row_major) gather(b, m);
      for (int idx : s.t.post_order) {
        if (s.t.nodes[idx].kind == node_kind::leaf) leaf(idx, b, m);
        else group(idx, b, m);
      }
      for (int idx : s.t.bonuses) item(idx, b, m);
      for (int idx : s.t.penalties) item(idx, b, m);
      for (int idx : s.t.vetoes) item(idx, b, m);
      if (bad) {
        s.throw_first_problem(b, b + m);
        throw std::logic_error("zoneperf: a chunk was flagged but no problem was found");
      }
      // Totals: groups in file order, then bonuses, then penalties; floor at 0; then the veto.
      double* total = out.totals_.data() + b;
      std::fill(total, total + m, 0.0);
      for (int g : s.t.groups) {
        const double* gb = node_buf(g);
        for (std::ptrdiff_t i = 0; i < m; ++i) total[i] += gb[i];
      }
      for (int k : s.t.bonuses) {
        const double* kb = node_buf(k);
        for (std::ptrdiff_t i = 0; i < m; ++i) total[i] += kb[i];
      }
      for (int k : s.t.penalties) {
        const double* kb = node_buf(k);
        for (std::ptrdiff_t i = 0; i < m; ++i) total[i] -= kb[i];
      }
      const auto& grades = s.t.grades;
      const auto ngrades = static_cast<std::int32_t>(grades.size());
      std::int32_t* grade = out.grades_.data() + b;
      std::uint8_t* vflag = out.veto_.data() + b;
      for (std::ptrdiff_t i = 0; i < m; ++i) {
        double x = total[i] > 0 ? total[i] : 0.0;
        std::int32_t g = -1;
        if (veto[i]) {
          x = 0;
          g = ngrades - 1;
        } else {
          for (std::int32_t k = 0; k < ngrades; ++k)
            if (grades[k].min <= x) {
              g = k;
              break;
            }
        }
        total[i] = x;
        grade[i] = g;
        vflag[i] = veto[i];
      }
      // Kept node scores.
      const std::ptrdiff_t rows = out.scores_.rows();
      for (std::size_t c = 0; c < out.kept_.size(); ++c) {
        const double* nb = node_buf(out.kept_[c]);
        std::copy(nb, nb + m, out.scores_.data() + static_cast<std::ptrdiff_t>(c) * rows + b);
      }
    }

    void run(std::ptrdiff_t begin, std::ptrdiff_t end) {
      for (std::ptrdiff_t b = begin; b < end; b += chunk) run_chunk(b, std::min(chunk, end - b));
    }
  };

  static void prepare(const state& s, const assess_options& opt, assessment& out) {
    const auto& t = s.t;
    const std::ptrdiff_t n = s.values.rows;
    out.kept_.clear();
    if (opt.keep == node_scores::groups) {
      out.kept_ = t.groups;
    } else {
      for (std::size_t i = 1; i < t.nodes.size(); ++i) out.kept_.push_back(static_cast<int>(i));
    }
    out.column_of_.assign(t.nodes.size(), -1);
    for (std::size_t c = 0; c < out.kept_.size(); ++c) out.column_of_[out.kept_[c]] = static_cast<int>(c);
    out.node_max_.assign(t.nodes.size(), 0.0);
    for (std::size_t i = 0; i < t.nodes.size(); ++i) {
      const node& nd = t.nodes[i];
      out.node_max_[i] = nd.kind == node_kind::bonus || nd.kind == node_kind::penalty ? nd.max
                         : nd.kind == node_kind::veto                                  ? 1.0
                                                                                       : nd.points;
    }
    out.scale_column_ = s.scale_col;
    out.parent_.resize(t.nodes.size());
    for (std::size_t i = 0; i < t.nodes.size(); ++i) out.parent_[i] = t.nodes[i].parent;
    if (out.scores_.rows() != n || out.scores_.cols() != static_cast<std::ptrdiff_t>(out.kept_.size()))
      out.scores_.resize(n, static_cast<std::ptrdiff_t>(out.kept_.size()));
    if (out.totals_.size() != n) out.totals_.resize(n);
    out.grades_.resize(static_cast<std::size_t>(n));
    out.veto_.resize(static_cast<std::size_t>(n));
    if (out.scale_.rows() != n || out.scale_.cols() != static_cast<std::ptrdiff_t>(s.reweight_parents.size()))
      out.scale_.resize(n, static_cast<std::ptrdiff_t>(s.reweight_parents.size()));
    if (opt.ranks == ranking::off) out.ranks_.clear();
  }

  static void rank(assessment& out) {
    const std::ptrdiff_t n = out.units();
    std::vector<std::int32_t> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    const double* t = out.totals_.data();
    std::sort(order.begin(), order.end(), [t](std::int32_t a, std::int32_t b) {
      return t[a] > t[b] || (t[a] == t[b] && a < b);
    });
    out.ranks_.resize(static_cast<std::size_t>(n));
    for (std::size_t k = 0; k < order.size(); ++k) {
      const bool tie = k > 0 && t[order[k]] == t[order[k - 1]];
      out.ranks_[order[k]] = tie ? out.ranks_[order[k - 1]] : static_cast<std::int32_t>(k + 1);
    }
  }

  static void run(const indicator_tree& tree, matrix_view values, const target_table* targets, assessment& out,
                  const assess_options& opt) {
    const state s(tree, values, targets, opt);
    prepare(s, opt, out);
    const std::ptrdiff_t n = values.rows;
    const std::ptrdiff_t chunks = (n + chunk - 1) / chunk;
    const int threads = static_cast<int>(std::max<std::ptrdiff_t>(1, std::min<std::ptrdiff_t>(opt.threads, chunks)));
    if (threads <= 1) {
      worker w(s, opt, out);
      w.run(0, n);
    } else {
      std::vector<std::exception_ptr> errors(static_cast<std::size_t>(threads));
      std::vector<std::thread> pool;
      const std::ptrdiff_t per = (chunks + threads - 1) / threads;
      for (int k = 0; k < threads; ++k) {
        const std::ptrdiff_t b = std::min(n, k * per * chunk), e = std::min(n, (k + 1) * per * chunk);
        pool.emplace_back([&, k, b, e] {
          try {
            worker w(s, opt, out);
            w.run(b, e);
          } catch (...) {
            errors[static_cast<std::size_t>(k)] = std::current_exception();
          }
        });
      }
      for (auto& th : pool) th.join();
      for (auto& e : errors)
        if (e) std::rethrow_exception(e);  // the lowest range's first problem
    }
    if (opt.ranks == ranking::on) rank(out);
  }
};

void assess(const indicator_tree& tree, matrix_view values, const target_table* targets, assessment& out,
            const assess_options& options) {
  detail_engine::run(tree, values, targets, out, options);
}

assessment assess(const indicator_tree& tree, matrix_view values, const target_table* targets,
                  const assess_options& options) {
  assessment out;
  detail_engine::run(tree, values, targets, out, options);
  return out;
}

bool assessment::has_scores(std::size_t node) const {
  return node < column_of_.size() && column_of_[node] >= 0;
}

double assessment::score(std::ptrdiff_t unit, std::size_t node) const {
  if (!has_scores(node)) throw error(errc::unknown_column, std::to_string(node), "node scores were not kept");
  return scores_(unit, column_of_[node]);
}

double assessment::max(std::ptrdiff_t unit, std::size_t node) const {
  if (node >= node_max_.size()) throw error(errc::unknown_column, std::to_string(node), "no such node");
  // A leaf of a reweighted parent: its points times the unit's scale (0 when missing).
  const int p = parent_[node];
  if (p >= 0 && scale_column_[p] >= 0) {
    const double scale = scale_(unit, scale_column_[p]);
    if (has_scores(node) && std::isnan(score(unit, node))) return 0.0;
    if (!std::isnan(scale)) return node_max_[node] * scale;
  }
  return node_max_[node];
}

double assessment::rate(std::ptrdiff_t unit, std::size_t node) const {
  const double m = max(unit, node);
  return m > 0 ? score(unit, node) / m : nan;
}

bool assessment::all_missing(std::ptrdiff_t unit, std::size_t node) const {
  if (node >= scale_column_.size() || scale_column_[node] < 0) return false;
  return std::isnan(scale_(unit, scale_column_[node]));
}

std::vector<std::vector<leaf_explanation>> explain(const indicator_tree& tree, matrix_view values,
                                                   const target_table* targets,
                                                   const std::vector<std::size_t>& units,
                                                   const assess_options& options) {
  const assessment::state s(tree, values, targets, options);
  const auto& t = s.t;
  std::vector<std::vector<leaf_explanation>> all;
  all.reserve(units.size());
  for (std::size_t unit : units) {
    if (static_cast<std::ptrdiff_t>(unit) >= values.rows)
      throw error(errc::unknown_unit, "#" + std::to_string(unit + 1), "no such unit");
    const auto u = static_cast<std::ptrdiff_t>(unit);
    std::vector<leaf_explanation> out;
    for (int idx : t.columns) out.push_back(s.explain_item(u, idx));
    // Reweighting: scale the present leaves of each reweighted parent, as the engine does.
    for (int p : s.reweight_parents) {
      double full = 0, present = 0;
      for (int c : t.nodes[p].children) {
        full += t.nodes[c].points;
        const bool missing_leaf = t.nodes[c].kind == node_kind::leaf &&
                                  t.nodes[c].missing == missing_policy::reweight &&
                                  std::isnan(s.value(u, t.nodes[c]));
        if (!missing_leaf) present += t.nodes[c].points;
      }
      const double scale = present > 0 ? full / present : nan;
      for (auto& e : out) {
        if (t.nodes[e.node].parent != p) continue;
        if (e.missing && t.nodes[e.node].missing == missing_policy::reweight) {
          e.max = 0;
        } else if (present > 0) {
          e.points = e.points * scale;
          e.max = e.max * scale;
        }
      }
    }
    all.push_back(std::move(out));
  }
  return all;
}

std::vector<leaf_explanation> explain(const indicator_tree& tree, matrix_view values, const target_table* targets,
                                      std::size_t unit, const assess_options& options) {
  return explain(tree, values, targets, std::vector<std::size_t>{unit}, options).front();
}

}  // namespace zoneperf
