// The blocked scoring product (all weight sets against all units), ranks by radix sort, summaries.
#include "scoring_product.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <thread>

#include "../detail/progress_meter.hpp"

namespace zoneperf {
namespace detail {

#if defined(ZONEPERF_AVX2_KERNEL)
void scoring_product_avx2(const double* f, std::ptrdiff_t f_stride, std::ptrdiff_t rows, std::ptrdiff_t depth,
                          const double* e, std::ptrdiff_t e_stride, std::ptrdiff_t cols, double* out);

namespace {
bool have_avx2_fma() {
  static const bool yes = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return yes;
}
}  // namespace
#endif

void scoring_product(const Eigen::Ref<const Eigen::MatrixXd>& fractions,
                     const Eigen::Ref<const Eigen::MatrixXd>& leaf_points, Eigen::MatrixXd& scores,
                     product_kernel kernel) {
  scores.resize(fractions.rows(), leaf_points.cols());
#if defined(ZONEPERF_AVX2_KERNEL)
  if (kernel == product_kernel::automatic && have_avx2_fma()) {
    scoring_product_avx2(fractions.data(), fractions.outerStride(), fractions.rows(), fractions.cols(),
                         leaf_points.data(), leaf_points.outerStride(), leaf_points.cols(), scores.data());
    return;
  }
#endif
  (void)kernel;
  scores.noalias() = fractions * leaf_points;
}

namespace {

int bit_width(std::uint64_t x) {
  int w = 0;
  while (x != 0) {
    ++w;
    x >>= 1;
  }
  return w;
}

}  // namespace

void key_ranker::rank(const std::uint64_t* keys, std::size_t n, std::int32_t* out) {
  if (n == 0) return;
  const int index_bits = std::max(1, bit_width(static_cast<std::uint64_t>(n - 1)));
  std::uint64_t max_key = 0;
  for (std::size_t i = 0; i < n; ++i) max_key = std::max(max_key, keys[i]);
  const int key_bits = bit_width(max_key);
  if (key_bits + index_bits > 64) {
    // Too wide to pack: sort (key, index) pairs.
    std::vector<std::pair<std::uint64_t, std::uint32_t>> pairs(n);
    for (std::size_t i = 0; i < n; ++i) pairs[i] = {keys[i], static_cast<std::uint32_t>(i)};
    std::sort(pairs.begin(), pairs.end());
    for (std::size_t t = 0; t < n; ++t) {
      const auto& e = pairs[n - 1 - t];
      out[e.second] = (t > 0 && e.first == pairs[n - t].first) ? out[pairs[n - t].second]
                                                               : static_cast<std::int32_t>(t + 1);
    }
    return;
  }
  // LSD radix sort of (key << index_bits | index) on the key bits only, ascending.
  a.resize(n);
  b.resize(n);
  for (std::size_t i = 0; i < n; ++i) a[i] = (keys[i] << index_bits) | i;
  constexpr int digit_bits = 11;
  constexpr std::size_t buckets = std::size_t{1} << digit_bits;
  const int passes = (key_bits + digit_bits - 1) / digit_bits;
  counts.assign(buckets * static_cast<std::size_t>(passes), 0);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t k = a[i] >> index_bits;
    for (int p = 0; p < passes; ++p)
      ++counts[static_cast<std::size_t>(p) * buckets + ((k >> (p * digit_bits)) & (buckets - 1))];
  }
  for (int p = 0; p < passes; ++p) {
    std::uint32_t* c = counts.data() + static_cast<std::size_t>(p) * buckets;
    const int shift = index_bits + p * digit_bits;
    if (c[(a[0] >> shift) & (buckets - 1)] == n) continue;  // every key has the same digit here
    std::uint32_t sum = 0;
    for (std::size_t d = 0; d < buckets; ++d) {
      const std::uint32_t x = c[d];
      c[d] = sum;
      sum += x;
    }
    for (std::size_t i = 0; i < n; ++i) b[c[(a[i] >> shift) & (buckets - 1)]++] = a[i];
    a.swap(b);
  }
  const std::uint64_t mask = (std::uint64_t{1} << index_bits) - 1;
  std::uint64_t previous = 0;
  std::int32_t previous_rank = 0;
  for (std::size_t t = 0; t < n; ++t) {
    const std::uint64_t e = a[n - 1 - t];
    const std::uint64_t key = e >> index_bits;
    const std::int32_t r = (t > 0 && key == previous) ? previous_rank : static_cast<std::int32_t>(t + 1);
    out[e & mask] = r;
    previous = key;
    previous_rank = r;
  }
}

namespace {

// An uninitialised buffer of n T's that asks for 2 MB pages before it is first touched (Linux serves
// transparent huge pages on request only): the round's ranks and the keys are large and written
// once per round, so 4 KB pages would cost one page fault per 4 KB on first touch.
template <class T>
std::unique_ptr<T[]> huge_buffer(std::size_t n) {
  std::unique_ptr<T[]> p(new T[n]);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t huge = std::uintptr_t{1} << 21;
  const auto at = reinterpret_cast<std::uintptr_t>(p.get());
  const auto from = (at + huge - 1) & ~(huge - 1);
  const auto to = (at + n * sizeof(T)) & ~(huge - 1);
  if (to > from) (void)madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);  // advice only
#endif
  return p;
}

// Runs fn(0) ... fn(threads - 1), on this thread when there is one.
template <class F>
void run_parallel(int threads, F&& fn) {
  if (threads <= 1) {
    fn(0);
    return;
  }
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(fn, t);
  fn(0);
  for (auto& th : pool) th.join();
}

std::uint8_t* put_varint(std::uint8_t* p, std::uint64_t v) {
  while (v >= 0x80) {
    *p++ = static_cast<std::uint8_t>(v | 0x80);
    v >>= 7;
  }
  *p++ = static_cast<std::uint8_t>(v);
  return p;
}

std::uint8_t* put_entry(std::uint8_t* p, std::int32_t& previous, std::int32_t rank, std::int32_t count) {
  const auto delta = static_cast<std::uint64_t>(rank - previous);
  previous = rank;
  p = put_varint(p, (delta << 1) | (count != 1 ? 1u : 0u));
  return count != 1 ? put_varint(p, static_cast<std::uint64_t>(count)) : p;
}

// Adds `fresh` (ranks, sorted ascending) to the packed counts `have`; `merged` is scratch.
void add_ranks(packed_counts& have, const std::uint32_t* fresh, std::size_t n,
               std::vector<std::uint8_t>& merged) {
  merged.resize(have.size() + 15 * n + 16);  // an entry takes at most 5 + 5 bytes (and a new one 10)
  std::uint8_t* out = merged.data();
  std::int32_t previous = 0;
  counts_reader old(have);
  rank_count e{};
  bool more = old.next(e);
  std::size_t k = 0;
  while (k < n) {
    const auto v = static_cast<std::int32_t>(fresh[k]);
    std::int32_t c = 0;
    while (k < n && static_cast<std::int32_t>(fresh[k]) == v) ++c, ++k;
    while (more && e.rank < v) {
      out = put_entry(out, previous, e.rank, e.count);
      more = old.next(e);
    }
    if (more && e.rank == v) {
      c += e.count;
      more = old.next(e);
    }
    out = put_entry(out, previous, v, c);
  }
  while (more) {
    out = put_entry(out, previous, e.rank, e.count);
    more = old.next(e);
  }
  const auto size = static_cast<std::size_t>(out - merged.data());
  // Room for the rounds to come (a quarter more), so that a unit's counts are not reallocated
  // every round; at most a quarter of the counts' memory is spare.
  if (size > have.capacity()) have.reserve(size + size / 4);
  have.assign(merged.data(), out);
}

// Sorts x[0, n) ascending: LSD radix by bytes of x - min when the spread is below 2^16 (the usual
// case: a unit's ranks in one round lie close together), else std::sort.
void sort_ranks(std::uint32_t* x, std::size_t n, std::vector<std::uint32_t>& spare) {
  if (n < 2) return;
  std::uint32_t lo = x[0], hi = x[0];
  for (std::size_t i = 1; i < n; ++i) {
    lo = std::min(lo, x[i]);
    hi = std::max(hi, x[i]);
  }
  if (hi - lo >= 65536) {
    std::sort(x, x + n);
    return;
  }
  spare.resize(n);
  std::uint32_t* a = x;
  std::uint32_t* b = spare.data();
  for (int shift = 0; shift < 16 && ((hi - lo) >> shift) != 0; shift += 8) {
    std::uint32_t c[256] = {};
    for (std::size_t i = 0; i < n; ++i) ++c[((a[i] - lo) >> shift) & 255u];
    std::uint32_t sum = 0;
    for (auto& d : c) {
      const std::uint32_t t = d;
      d = sum;
      sum += t;
    }
    for (std::size_t i = 0; i < n; ++i) b[c[((a[i] - lo) >> shift) & 255u]++] = a[i];
    std::swap(a, b);
  }
  if (a != x) std::copy(a, a + n, x);
}

}  // namespace

rank_output rank_all_sets(const rank_job& job) {
  const Eigen::Index N = job.units, sets = job.sets;
  const auto n = static_cast<std::size_t>(N);
  rank_output out;
  out.nominal_total.resize(N);
  out.nominal_rank.resize(n);
  out.counts.resize(n);
  const Eigen::Index block = std::max<Eigen::Index>(1, job.block);
  const Eigen::Index blocks = (sets + block - 1) / block;
  const int threads =
      static_cast<int>(std::max<Eigen::Index>(1, std::min<Eigen::Index>(job.threads, blocks)));
  // A round: the blocks ranked before their ranks go into the counts (at least one per thread).
  // Fewer, larger rounds re-encode the counts fewer times.
  const Eigen::Index round =
      job.round > 0
          ? job.round
          : std::clamp<Eigen::Index>((Eigen::Index{1} << 25) / std::max<Eigen::Index>(1, N), 256, 1024);
  const Eigen::Index per_round =
      std::min(blocks, std::max<Eigen::Index>(threads, (round + block - 1) / block));
  const auto round_ranks = huge_buffer<std::int32_t>(static_cast<std::size_t>(per_round * block) * n);

  // A total -> its integer key: max(0, .), 0 when vetoed, then rounded to 2^-32 of the root's points.
  auto keep = [&](Eigen::Index u, Eigen::Index set, double score, std::uint64_t* key) {
    double total = score > 0 ? score : 0.0;
    if (job.vetoed[u]) total = 0;
    *key = static_cast<std::uint64_t>(total * job.key_scale + 0.5);
    if (set == 0) out.nominal_total[u] = total;
  };
  struct scratch {
    Eigen::MatrixXd scores;
    std::unique_ptr<std::uint64_t[]> keys;
    key_ranker ranker;
    std::vector<std::uint32_t> fresh, spare;
    std::vector<std::uint8_t> merged;
  };
  std::vector<scratch> scratches(static_cast<std::size_t>(threads));

  // Ranks block bi into `ranks` (set-major: set j of the block at j * N).
  auto rank_block = [&](scratch& s, Eigen::Index bi, std::int32_t* ranks) {
    const Eigen::Index k0 = bi * block;
    const Eigen::Index width = std::min(block, sets - k0);
    if (!s.keys) s.keys = huge_buffer<std::uint64_t>(static_cast<std::size_t>(block) * n);
    std::uint64_t* keys = s.keys.get();
    // The product by blocks of units, so that each block of scores is still in cache when it is
    // turned into keys.
    for (Eigen::Index r0 = 0; r0 < N; r0 += job.row_block) {
      const Eigen::Index rows = std::min(job.row_block, N - r0);
      scoring_product(job.fractions->middleRows(r0, rows), job.leaf_points->middleCols(k0, width), s.scores);
      for (Eigen::Index j = 0; j < width; ++j) {
        const double* col = s.scores.data() + j * rows;
        std::uint64_t* kc = keys + j * N + r0;
        for (Eigen::Index u = 0; u < rows; ++u) keep(r0 + u, k0 + j, col[u], kc + u);
      }
    }
    if (job.slow_units) {
      for (std::size_t i = 0; i < job.slow_units->size(); ++i) {
        const Eigen::Index u = (*job.slow_units)[i];
        for (Eigen::Index j = 0; j < width; ++j) keep(u, k0 + j, job.slow_score(i, k0 + j), keys + j * N + u);
      }
    }
    for (Eigen::Index j = 0; j < width; ++j) {
      std::int32_t* r = ranks + j * N;
      s.ranker.rank(keys + j * N, n, r);
      if (k0 + j == 0) std::copy(r, r + N, out.nominal_rank.begin());
    }
  };

  for (Eigen::Index first = 0; first < blocks; first += per_round) {
    const Eigen::Index count = std::min(per_round, blocks - first);
    const Eigen::Index set0 = first * block;                          // the round's first set
    const Eigen::Index width = std::min(count * block, sets - set0);  // its sets
    run_parallel(threads, [&](int t) {
      for (Eigen::Index b = t; b < count && !(job.progress && job.progress->stopped()); b += threads) {
        rank_block(scratches[static_cast<std::size_t>(t)], first + b, round_ranks.get() + b * block * N);
        if (!job.progress) continue;
        job.progress->add(static_cast<std::uint64_t>(std::min(block, sets - (first + b) * block)));
        if (t == 0) job.progress->poll();  // only the calling thread reports (run_parallel's fn(0))
      }
    });
    if (job.progress) job.progress->rethrow_if_stopped();
    // Each thread adds the round's ranks of its own units to their counts (the nominal set excluded).
    const Eigen::Index j0 = set0 == 0 ? 1 : 0;
    run_parallel(threads, [&](int t) {
      scratch& s = scratches[static_cast<std::size_t>(t)];
      const std::size_t u0 = n * static_cast<std::size_t>(t) / static_cast<std::size_t>(threads);
      const std::size_t u1 = n * static_cast<std::size_t>(t + 1) / static_cast<std::size_t>(threads);
      // Transposed a tile of 16 units at a time: one cache line of each set's ranks per tile.
      constexpr std::size_t tile = 16;
      const auto m = static_cast<std::size_t>(width - j0);
      s.fresh.resize(tile * m);
      for (std::size_t t0 = u0; t0 < u1; t0 += tile) {
        const std::size_t w = std::min(tile, u1 - t0);
        for (Eigen::Index j = j0; j < width; ++j) {
          const std::int32_t* row = round_ranks.get() + static_cast<std::size_t>(j) * n + t0;
          std::uint32_t* col = s.fresh.data() + static_cast<std::size_t>(j - j0);
          for (std::size_t i = 0; i < w; ++i) col[i * m] = static_cast<std::uint32_t>(row[i]);
        }
        for (std::size_t i = 0; i < w; ++i) {
          std::uint32_t* x = s.fresh.data() + i * m;
          sort_ranks(x, m, s.spare);
          add_ranks(out.counts[t0 + i], x, m, s.merged);
        }
      }
    });
  }
  return out;
}

void summarise_counts(const std::vector<packed_counts>& counts, std::size_t u0, std::size_t u1,
                      Eigen::Index samples, int top_k, uncertainty_result& r) {
  const auto K = static_cast<std::size_t>(samples);
  // Nearest-rank quantiles: the ceil(q K)-th smallest rank (at least the first).
  auto need = [K](std::size_t percent) { return std::max<std::size_t>(1, (percent * K + 99) / 100); };
  const std::size_t n05 = need(5), n50 = need(50), n95 = need(95);
  for (std::size_t u = u0; u < u1; ++u) {
    std::size_t cumulative = 0, first = 0, top = 0;
    bool got05 = false, got50 = false, got95 = false;
    counts_reader reader(counts[u]);
    rank_count e{};
    while (reader.next(e)) {
      const std::int32_t v = e.rank;
      cumulative += static_cast<std::size_t>(e.count);
      if (v == 1) first = static_cast<std::size_t>(e.count);
      if (v <= top_k) top += static_cast<std::size_t>(e.count);
      if (!got05 && cumulative >= n05) r.rank_p05[u] = v, got05 = true;
      if (!got50 && cumulative >= n50) r.median_rank[u] = v, got50 = true;
      if (!got95 && cumulative >= n95) r.rank_p95[u] = v, got95 = true;
    }
    r.p_first[static_cast<Eigen::Index>(u)] = static_cast<double>(first) / static_cast<double>(K);
    r.p_top_k[static_cast<Eigen::Index>(u)] = static_cast<double>(top) / static_cast<double>(K);
  }
}

}  // namespace detail
}  // namespace zoneperf
