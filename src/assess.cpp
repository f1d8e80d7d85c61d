// The aggregation core: validates the inputs (engine/state.hpp), splits the units over threads in
// whole chunks for the kernel (engine/kernel.inc), then ranks. Per-unit arithmetic never depends on
// other units (batch statistics for minmax and rank are computed first), so any thread count gives
// the same bits.
#include "zoneperf/assess.hpp"

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <new>
#include <numeric>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>

#include "detail/huge_pages.hpp"
#include "detail/progress_meter.hpp"
#include "detail/series_scratch.hpp"
#include "engine/state.hpp"
#include "zoneperf/detail/rules.hpp"

namespace zoneperf {

namespace detail {
// An open-addressing table of (hash tag, row + 1) in 8 bytes a slot, at most half full. The hashes
// of a block of ids are computed first and their slots fetched ahead, so that the table's cache
// misses overlap; an id is compared with another only when their hashes agree in 64 bits.
void check_distinct_units(const std::vector<std::string>& ids) {
  const std::size_t n = ids.size();
  if (n < 2) return;
  if (n >= 0xffffffffu) throw error(errc::shape_mismatch, "unit_ids", "more than 2^32 - 2 units");
  std::size_t cap = 16;
  while (cap < 2 * n) cap *= 2;
  const std::size_t mask = cap - 1;
  struct slot_t {
    std::uint32_t tag;  // the hash's high half
    std::uint32_t row;  // + 1; 0: empty
  };
  // calloc: a large table comes zeroed from the system, without a pass to clear it.
  const std::unique_ptr<slot_t, void (*)(void*)> owner(static_cast<slot_t*>(std::calloc(cap, sizeof(slot_t))),
                                                       &std::free);
  if (!owner) throw std::bad_alloc();
  slot_t* const table = owner.get();
  const std::hash<std::string_view> hasher;
  constexpr std::size_t block = 16;
  std::size_t hashes[block];
  for (std::size_t b = 0; b < n; b += block) {
    const std::size_t m = std::min(block, n - b);
    for (std::size_t j = 0; j < m; ++j) {
      hashes[j] = hasher(ids[b + j]);
      __builtin_prefetch(&table[hashes[j] & mask]);
    }
    for (std::size_t j = 0; j < m; ++j) {
      const std::size_t i = b + j, h = hashes[j];
      const auto tag = static_cast<std::uint32_t>(static_cast<std::uint64_t>(h) >> 32);
      for (std::size_t k = h & mask;; k = (k + 1) & mask) {
        slot_t& e = table[k];
        if (e.row == 0) {
          e = {tag, static_cast<std::uint32_t>(i + 1)};
          break;
        }
        if (e.tag == tag && ids[e.row - 1] == ids[i])
          throw error(errc::duplicate_unit, "row " + std::to_string(i + 1),
                      "duplicate unit \"" + ids[i] + "\" (first on row " + std::to_string(e.row) + ")");
      }
    }
  }
}
}  // namespace detail

using detail::engine_state;
using detail::nan;

namespace {
using detail::prefer_huge_pages;

detail::kernel_fn pick_kernel() {
#if defined(ZONEPERF_X86_KERNELS)
  const char* forced = std::getenv("ZONEPERF_KERNEL");
  const std::string want = forced ? forced : "";
  __builtin_cpu_init();
  if (want.empty() || want == "x86-64-v4")
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
        __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq"))
      return &detail::run_x86_64_v4;
  if (want.empty() || want == "x86-64-v3" || want == "x86-64-v4")
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi2"))
      return &detail::run_x86_64_v3;
#endif
  return &detail::run_generic;
}

// Scores units [0, n) as detail_engine::run does without progress (the same ranges per thread), but
// in pieces of whole chunks so that the calling thread reports between its pieces; it scores the
// first range itself, then reports while the other threads finish theirs. A callback that throws
// stops every thread at its next piece; its exception is rethrown before any data error.
void score_reporting(detail::kernel_fn kernel, const engine_state& s, const detail::engine_output& o,
                     std::ptrdiff_t n, int threads, detail::progress_meter& meter) {
  constexpr std::ptrdiff_t piece = 128 * detail::chunk;  // ~10^6 units: milliseconds of work
  const std::ptrdiff_t chunks = (n + detail::chunk - 1) / detail::chunk;
  const std::ptrdiff_t per = (chunks + threads - 1) / threads * detail::chunk;  // units per thread
  auto score = [&](std::ptrdiff_t b, std::ptrdiff_t e, bool calling) {
    for (std::ptrdiff_t p = b; p < e && !meter.stopped(); p += piece) {
      const std::ptrdiff_t q = std::min(e, p + piece);
      kernel(s, o, p, q);
      meter.add(static_cast<std::uint64_t>(q - p));
      if (calling) meter.poll();
    }
  };
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(threads));
  std::mutex m;
  std::condition_variable finished;
  int running = threads - 1;
  std::vector<std::thread> pool;
  for (int k = 1; k < threads; ++k) {
    const std::ptrdiff_t b = std::min(n, k * per), e = std::min(n, (k + 1) * per);
    pool.emplace_back([&, k, b, e] {
      try {
        score(b, e, false);
      } catch (...) {
        errors[static_cast<std::size_t>(k)] = std::current_exception();
      }
      const std::lock_guard<std::mutex> lock(m);
      --running;
      finished.notify_one();
    });
  }
  try {
    score(0, std::min(n, per), true);
  } catch (...) {
    errors[0] = std::current_exception();
  }
  std::unique_lock<std::mutex> lock(m);
  while (running > 0) {
    finished.wait_for(lock, progress_interval, [&] { return running == 0; });
    lock.unlock();
    meter.poll();
    lock.lock();
  }
  lock.unlock();
  for (auto& th : pool) th.join();
  meter.rethrow_if_stopped();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);  // the lowest range's first problem
}
}  // namespace

const char* kernel_name() noexcept {
  static const detail::kernel_fn k = pick_kernel();
#if defined(ZONEPERF_X86_KERNELS)
  if (k == &detail::run_x86_64_v4) return "x86-64-v4";
  if (k == &detail::run_x86_64_v3) return "x86-64-v3";
#endif
  return "generic";
}

// Access to assessment's storage for the engine.
struct detail_engine {
  static void pass_scratch(assessment& from, assessment& to) { to.rank_buf_ = std::move(from.rank_buf_); }

  static void prepare(const engine_state& s, const assess_options& opt, assessment& out) {
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
                         : nd.kind == node_kind::veto                                 ? 1.0
                                                                                      : nd.points;
    }
    out.scale_column_ = s.scale_col;
    out.parent_.resize(t.nodes.size());
    for (std::size_t i = 0; i < t.nodes.size(); ++i) out.parent_[i] = t.nodes[i].parent;
    if (out.scores_.rows() != n || out.scores_.cols() != static_cast<std::ptrdiff_t>(out.kept_.size())) {
      out.scores_.resize(n, static_cast<std::ptrdiff_t>(out.kept_.size()));
      detail::prefer_huge_pages(out.scores_.data(),
                                sizeof(double) * static_cast<std::size_t>(out.scores_.size()));
    }
    if (out.totals_.size() != n) {
      out.totals_.resize(n);
      detail::prefer_huge_pages(out.totals_.data(), sizeof(double) * static_cast<std::size_t>(n));
    }
    detail::resize_advised(out.grades_, static_cast<std::size_t>(n));
    detail::resize_advised(out.veto_, static_cast<std::size_t>(n));
    if (out.scale_.rows() != n || out.scale_.cols() != static_cast<std::ptrdiff_t>(s.reweight_parents.size()))
      out.scale_.resize(n, static_cast<std::ptrdiff_t>(s.reweight_parents.size()));
    if (opt.ranks == ranking::off) out.ranks_.clear();
    out.read_max_.resize(0, 0);
    out.read_all_missing_.clear();
  }

  // Competition ranks of the totals (1, 2, 2, 4): best first, ties in unit order.
  static void rank(assessment& out) {
    const auto n = static_cast<std::size_t>(out.units());
    detail::rank_order(out.totals_.data(), n, direction::higher_is_better, out.rank_buf_);
    const auto& order = out.rank_buf_.idx;
    const auto& key = out.rank_buf_.key;
    if (order.size() != n) throw std::logic_error("zoneperf: a total is NaN");
    detail::resize_advised(out.ranks_, n);
    for (std::size_t k = 0; k < n; ++k) {
      const bool tie = k > 0 && key[k] == key[k - 1];
      out.ranks_[order[k]] = tie ? out.ranks_[order[k - 1]] : static_cast<std::int32_t>(k + 1);
    }
  }

  static void run(const indicator_tree& tree, matrix_view values, const target_table* targets,
                  assessment& out, const assess_options& opt) {
    const engine_state s(tree, values, targets, opt, &out.rank_buf_, opt.check_unit_ids);
    prepare(s, opt, out);
    static const detail::kernel_fn kernel = pick_kernel();
    detail::engine_output o;
    o.scores = out.scores_.data();
    o.rows = out.scores_.rows();
    o.kept = out.kept_.data();
    o.nkept = out.kept_.size();
    o.totals = out.totals_.data();
    o.grades = out.grades_.data();
    o.veto = out.veto_.data();
    o.scale = out.scale_.data();
    const std::ptrdiff_t n = values.rows;
    constexpr std::ptrdiff_t chunk = detail::chunk;
    const std::ptrdiff_t chunks = (n + chunk - 1) / chunk;
    const int threads =
        static_cast<int>(std::max<std::ptrdiff_t>(1, std::min<std::ptrdiff_t>(opt.threads, chunks)));
    detail::progress_meter meter(opt.progress, "assessing", static_cast<std::uint64_t>(n));
    if (meter.active()) {
      score_reporting(kernel, s, o, n, threads, meter);
    } else if (threads <= 1) {
      kernel(s, o, 0, n);
    } else {
      std::vector<std::exception_ptr> errors(static_cast<std::size_t>(threads));
      std::vector<std::thread> pool;
      const std::ptrdiff_t per = (chunks + threads - 1) / threads;
      for (int k = 0; k < threads; ++k) {
        const std::ptrdiff_t b = std::min(n, k * per * chunk), e = std::min(n, (k + 1) * per * chunk);
        pool.emplace_back([&, k, b, e] {
          try {
            kernel(s, o, b, e);
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
    meter.finish();
  }
};

void detail::pass_rank_scratch(assessment& from, assessment& to) { detail_engine::pass_scratch(from, to); }

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
  if (read_max_.size() != 0 && has_scores(node)) return read_max_(unit, column_of_[node]);
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

bool assessment::fixed_max(std::size_t node) const {
  if (read_max_.size() != 0 || !read_all_missing_.empty()) return false;
  const int p = node < parent_.size() ? parent_[node] : -1;
  const bool scaled_leaf = p >= 0 && scale_column_[static_cast<std::size_t>(p)] >= 0;
  const bool reweighted = node < scale_column_.size() && scale_column_[node] >= 0;
  return !scaled_leaf && !reweighted;
}

bool assessment::all_missing(std::ptrdiff_t unit, std::size_t node) const {
  if (!read_all_missing_.empty())
    return has_scores(node) && read_all_missing_[static_cast<std::size_t>(unit) +
                                                 static_cast<std::size_t>(column_of_[node] * units())] != 0;
  if (node >= scale_column_.size() || scale_column_[node] < 0) return false;
  return std::isnan(scale_(unit, scale_column_[node]));
}

std::vector<std::vector<leaf_explanation>> explain(const indicator_tree& tree, matrix_view values,
                                                   const target_table* targets,
                                                   const std::vector<std::size_t>& units,
                                                   const assess_options& options) {
  const engine_state s(tree, values, targets, options);
  const auto& t = s.t;
  std::vector<std::vector<leaf_explanation>> all;
  all.reserve(units.size());
  static const progress_callback none;  // nothing to explain: no stage to report
  detail::progress_meter meter(units.empty() ? none : options.progress, "explaining", units.size());
  for (std::size_t unit : units) {
    if (meter.active() && all.size() % 1024 == 0) {
      meter.set(all.size());
      meter.update();
    }
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
          if (!std::isfinite(e.points))
            throw error(errc::not_finite, s.where(u, t.nodes[e.node]),
                        "the score is not finite: " + shortest(e.points) +
                            " after reweighting the missing leaves of its group");
        }
      }
    }
    all.push_back(std::move(out));
  }
  meter.finish();
  return all;
}

std::vector<leaf_explanation> explain(const indicator_tree& tree, matrix_view values,
                                      const target_table* targets, std::size_t unit,
                                      const assess_options& options) {
  return explain(tree, values, targets, std::vector<std::size_t>{unit}, options).front();
}

}  // namespace zoneperf
