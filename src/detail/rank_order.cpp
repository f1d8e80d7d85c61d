// The order behind every competition ranking (scores, totals, rank-rule columns): a stable LSD
// radix sort on the values' bits, O(n) with no comparisons.
#include <cstring>
#include <utility>

#include "huge_pages.hpp"
#include "zoneperf/detail/rules.hpp"

namespace zoneperf::detail {

void rank_order(const double* x, std::size_t n, std::ptrdiff_t stride, direction dir, rank_buffers& buf) {
  // Keys that sort ascending as the values rank: an order-preserving map of the double (negatives
  // reversed, positives above them), flipped when higher is better; -0 counts as +0.
  auto& key = buf.key;
  auto& key2 = buf.key2;
  auto& idx = buf.idx;
  auto& idx2 = buf.idx2;
  resize_advised(key, n);
  resize_advised(idx, n);
  // 8 digits of 8 bits; all histograms are counted as the keys are made, and a digit that every
  // key shares costs no scatter pass.
  constexpr int bits = 8, digits = 8;
  constexpr std::size_t buckets = std::size_t{1} << bits;
  std::uint32_t hist[digits][buckets] = {};
  const std::uint64_t flip = dir == direction::lower_is_better ? 0 : ~std::uint64_t{0};
  std::size_t m = 0;
  for (std::size_t i = 0; i < n; ++i) {
    double v = x[static_cast<std::ptrdiff_t>(i) * stride];
    if (!(v == v)) continue;
    if (v == 0) v = 0.0;
    std::uint64_t u;
    std::memcpy(&u, &v, sizeof u);
    u = ((u >> 63) ? ~u : (u | (std::uint64_t{1} << 63))) ^ flip;
    key[m] = u;
    idx[m++] = static_cast<std::uint32_t>(i);
    for (int d = 0; d < digits; ++d) ++hist[d][(u >> (d * bits)) & (buckets - 1)];
  }
  key.resize(m);  // shrinking keeps the storage for the next call
  idx.resize(m);
  resize_advised(key2, m);
  resize_advised(idx2, m);
  // With 256 buckets the scatter's write positions (a line per bucket, for
  // keys and for indices) stay in L1: at 10^6 totals a pass takes ~1.8 ms, where 11-bit digits'
  // 2048 buckets took ~5 ms, so 7 passes cost half of 5.
  for (int d = 0; d < digits; ++d) {
    std::uint32_t* count = hist[d];
    const int shift = d * bits;
    if (m == 0 || count[(key[0] >> shift) & (buckets - 1)] == m) continue;
    std::uint32_t sum = 0;
    for (std::size_t b = 0; b < buckets; ++b) {
      const std::uint32_t t = count[b];
      count[b] = sum;
      sum += t;
    }
    const std::uint64_t* kin = key.data();
    const std::uint32_t* iin = idx.data();
    std::uint64_t* kout = key2.data();
    std::uint32_t* iout = idx2.data();
    for (std::size_t k = 0; k < m; ++k) {
      const std::uint64_t kk = kin[k];
      const std::uint32_t at = count[(kk >> shift) & (buckets - 1)]++;
      kout[at] = kk;
      iout[at] = iin[k];
    }
    key.swap(key2);
    idx.swap(idx2);
  }
}

void rank_order(const double* x, std::size_t n, direction dir, rank_buffers& buf) {
  rank_order(x, n, 1, dir, buf);
}

std::vector<std::uint32_t> rank_order(const double* x, std::size_t n, direction dir,
                                      std::vector<std::uint64_t>* keys) {
  rank_buffers buf;
  rank_order(x, n, 1, dir, buf);
  if (keys) *keys = std::move(buf.key);
  return std::move(buf.idx);
}

void competition_ranks(const double* x, std::size_t n, std::ptrdiff_t stride, double* out, direction dir,
                       rank_buffers& buf) {
  rank_order(x, n, stride, dir, buf);
  const auto& order = buf.idx;
  const auto& key = buf.key;
  if (order.size() < n)
    for (std::size_t i = 0; i < n; ++i) out[i] = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t k = 0; k < order.size(); ++k) {
    const bool tie = k > 0 && key[k] == key[k - 1];
    out[order[k]] = tie ? out[order[k - 1]] : static_cast<double>(k + 1);
  }
}

void competition_ranks(const double* x, std::size_t n, double* out, direction dir) {
  rank_buffers buf;
  competition_ranks(x, n, 1, out, dir, buf);
}

}  // namespace zoneperf::detail
