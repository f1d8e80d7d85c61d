// The blocked scoring product (all weight sets against all units), ranks by radix sort, summaries.
#include "scoring_product.hpp"

#include <algorithm>
#include <cmath>
#include <thread>

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

rank_output rank_all_sets(const rank_job& job) {
  const Eigen::Index N = job.units, sets = job.sets, K = sets - 1;
  rank_output out;
  out.nominal_total.resize(N);
  out.nominal_rank.resize(static_cast<std::size_t>(N));
  out.sample_ranks.resize(static_cast<std::size_t>(N) * static_cast<std::size_t>(K));
  const Eigen::Index block = std::max<Eigen::Index>(1, job.block);
  const Eigen::Index blocks = (sets + block - 1) / block;
  const int threads =
      static_cast<int>(std::max<Eigen::Index>(1, std::min<Eigen::Index>(job.threads, blocks)));

  // A total -> its integer key: max(0, .), 0 when vetoed, then rounded to 2^-32 of the root's points.
  auto keep = [&](Eigen::Index u, Eigen::Index set, double score, std::uint64_t* key) {
    double total = score > 0 ? score : 0.0;
    if (job.vetoed[u]) total = 0;
    *key = static_cast<std::uint64_t>(total * job.key_scale + 0.5);
    if (set == 0) out.nominal_total[u] = total;
  };
  auto work = [&](int t) {
    Eigen::MatrixXd scores;
    std::vector<std::uint64_t> keys(static_cast<std::size_t>(N) * static_cast<std::size_t>(block));
    std::vector<std::int32_t> ranks(static_cast<std::size_t>(N) * static_cast<std::size_t>(block));
    key_ranker ranker;
    for (Eigen::Index bi = t; bi < blocks; bi += threads) {
      const Eigen::Index k0 = bi * block;
      const Eigen::Index width = std::min(block, sets - k0);
      // The product by blocks of units, so that each block of scores is still in cache when it is
      // turned into keys.
      for (Eigen::Index r0 = 0; r0 < N; r0 += job.row_block) {
        const Eigen::Index rows = std::min(job.row_block, N - r0);
        scoring_product(job.fractions->middleRows(r0, rows), job.leaf_points->middleCols(k0, width), scores);
        for (Eigen::Index j = 0; j < width; ++j) {
          const double* col = scores.data() + j * rows;
          std::uint64_t* kc = keys.data() + j * N + r0;
          for (Eigen::Index u = 0; u < rows; ++u) keep(r0 + u, k0 + j, col[u], kc + u);
        }
      }
      if (job.slow_units) {
        for (std::size_t s = 0; s < job.slow_units->size(); ++s) {
          const Eigen::Index u = (*job.slow_units)[s];
          for (Eigen::Index j = 0; j < width; ++j)
            keep(u, k0 + j, job.slow_score(s, k0 + j), keys.data() + j * N + u);
        }
      }
      for (Eigen::Index j = 0; j < width; ++j) {
        std::int32_t* r = ranks.data() + j * N;
        ranker.rank(keys.data() + j * N, static_cast<std::size_t>(N), r);
        if (k0 + j == 0) std::copy(r, r + N, out.nominal_rank.begin());
      }
      // Transpose the block's ranks into the unit-major table (the nominal set has its own).
      const Eigen::Index j0 = k0 == 0 ? 1 : 0;
      for (Eigen::Index u = 0; u < N; ++u) {
        std::int32_t* dst = out.sample_ranks.data() + u * K + (k0 + j0 - 1);
        for (Eigen::Index j = j0; j < width; ++j) dst[j - j0] = ranks[static_cast<std::size_t>(j * N + u)];
      }
    }
  };
  if (threads == 1) {
    work(0);
  } else {
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(work, t);
    for (auto& th : pool) th.join();
  }
  return out;
}

void summarise_ranks(const std::int32_t* ranks, Eigen::Index units, Eigen::Index samples, int top_k,
                     int threads, uncertainty_result& r) {
  const auto N = static_cast<std::size_t>(units);
  const auto K = static_cast<std::size_t>(samples);
  r.median_rank.resize(N);
  r.rank_p05.resize(N);
  r.rank_p95.resize(N);
  r.p_first.resize(units);
  r.p_top_k.resize(units);
  // Nearest-rank quantiles: the ceil(q K)-th smallest rank (at least the first).
  auto need = [K](std::size_t percent) { return std::max<std::size_t>(1, (percent * K + 99) / 100); };
  const std::size_t n05 = need(5), n50 = need(50), n95 = need(95);

  struct part {
    std::vector<std::int32_t> rank, count;
    std::vector<std::int64_t> sizes;
  };
  const int T =
      static_cast<int>(std::max<std::size_t>(1, std::min<std::size_t>(static_cast<std::size_t>(threads), N)));
  std::vector<part> parts(static_cast<std::size_t>(T));
  auto work = [&](int t) {
    const std::size_t u0 = N * static_cast<std::size_t>(t) / static_cast<std::size_t>(T);
    const std::size_t u1 = N * static_cast<std::size_t>(t + 1) / static_cast<std::size_t>(T);
    part& p = parts[static_cast<std::size_t>(t)];
    std::vector<std::int32_t> tally(N + 2, 0), sorted, spare;
    for (std::size_t u = u0; u < u1; ++u) {
      const std::int32_t* x = ranks + u * K;
      const auto [lo_it, hi_it] = std::minmax_element(x, x + K);
      const std::int32_t lo = *lo_it, hi = *hi_it;
      const std::size_t before = p.rank.size();
      if (static_cast<std::size_t>(hi - lo) <= 4 * K + 64) {
        for (std::size_t k = 0; k < K; ++k) ++tally[static_cast<std::size_t>(x[k])];
        for (std::int32_t v = lo; v <= hi; ++v) {
          auto& c = tally[static_cast<std::size_t>(v)];
          if (c != 0) {
            p.rank.push_back(v);
            p.count.push_back(c);
            c = 0;
          }
        }
      } else {
        // Wide spread: LSD radix sort of rank - lo, 8 bits a pass.
        sorted.assign(x, x + K);
        spare.resize(K);
        const auto span = static_cast<std::uint32_t>(hi - lo);
        for (int shift = 0; shift < 32 && (span >> shift) != 0; shift += 8) {
          std::uint32_t c[257] = {};
          for (std::size_t k = 0; k < K; ++k)
            ++c[((static_cast<std::uint32_t>(sorted[k] - lo) >> shift) & 255u) + 1];
          for (int d = 0; d < 256; ++d) c[d + 1] += c[d];
          for (std::size_t k = 0; k < K; ++k)
            spare[c[(static_cast<std::uint32_t>(sorted[k] - lo) >> shift) & 255u]++] = sorted[k];
          sorted.swap(spare);
        }
        for (std::size_t k = 0; k < K; ++k) {
          if (k > 0 && sorted[k] == sorted[k - 1]) {
            ++p.count.back();
          } else {
            p.rank.push_back(sorted[k]);
            p.count.push_back(1);
          }
        }
      }
      std::size_t cumulative = 0, first = 0, top = 0;
      bool got05 = false, got50 = false, got95 = false;
      for (std::size_t e = before; e < p.rank.size(); ++e) {
        const std::int32_t v = p.rank[e];
        cumulative += static_cast<std::size_t>(p.count[e]);
        if (v == 1) first = static_cast<std::size_t>(p.count[e]);
        if (v <= top_k) top += static_cast<std::size_t>(p.count[e]);
        if (!got05 && cumulative >= n05) r.rank_p05[u] = v, got05 = true;
        if (!got50 && cumulative >= n50) r.median_rank[u] = v, got50 = true;
        if (!got95 && cumulative >= n95) r.rank_p95[u] = v, got95 = true;
      }
      r.p_first[static_cast<Eigen::Index>(u)] = static_cast<double>(first) / static_cast<double>(K);
      r.p_top_k[static_cast<Eigen::Index>(u)] = static_cast<double>(top) / static_cast<double>(K);
      p.sizes.push_back(static_cast<std::int64_t>(p.rank.size() - before));
    }
  };
  if (T == 1) {
    work(0);
  } else {
    std::vector<std::thread> pool;
    for (int t = 0; t < T; ++t) pool.emplace_back(work, t);
    for (auto& th : pool) th.join();
  }
  r.histogram_offsets.assign(1, 0);
  r.histogram_offsets.reserve(N + 1);
  std::size_t total = 0;
  for (const auto& p : parts) total += p.rank.size();
  r.histogram_rank.clear();
  r.histogram_count.clear();
  r.histogram_rank.reserve(total);
  r.histogram_count.reserve(total);
  for (auto& p : parts) {
    for (auto s : p.sizes) r.histogram_offsets.push_back(r.histogram_offsets.back() + s);
    r.histogram_rank.insert(r.histogram_rank.end(), p.rank.begin(), p.rank.end());
    r.histogram_count.insert(r.histogram_count.end(), p.count.begin(), p.count.end());
    p = part{};
  }
}

}  // namespace detail
}  // namespace zoneperf
