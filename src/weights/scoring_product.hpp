#pragma once
// Internals of the uncertainty analysis: the blocked scoring product, ranking of every weight set
// and the per-unit summaries of the ranks.
#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <vector>

#include "zoneperf/weights/uncertainty.hpp"

namespace zoneperf::detail {
class progress_meter;

struct rank_job {
  Eigen::Index units = 0;
  Eigen::Index sets = 0;                         ///< nominal + K samples
  const Eigen::MatrixXd* fractions = nullptr;    ///< units x (leaves + 1), last column the offsets
  const Eigen::MatrixXd* leaf_points = nullptr;  ///< (leaves + 1) x sets, last row ones
  double key_scale = 1;                          ///< score -> integer key factor (2^32 / root points)
  const std::uint8_t* vetoed = nullptr;
  int threads = 1;
  const std::vector<Eigen::Index>* slow_units = nullptr;
  std::function<double(std::size_t, Eigen::Index)> slow_score;  ///< (index into slow_units, set) -> total
  Eigen::Index block = 64;                                      ///< weight sets per product
  Eigen::Index row_block = 512;                                 ///< units per product
  /// Weight sets ranked before their ranks are added to the counts: 0 picks as many as 128 MB of
  /// ranks hold (4 bytes a unit and set), 256 to 1024 sets.
  Eigen::Index round = 0;
  /// Counts the sets ranked, reported from the calling thread between blocks; null: no reports.
  progress_meter* progress = nullptr;
};

/// A unit's sparse rank counts, compressed: for each distinct rank reached, ascending, a varint of
/// ((rank - previous rank) << 1 | (count != 1)), then a varint of the count when it is not 1. Ranks
/// reached are dense enough that most entries take one byte (8 with plain (rank, count) pairs).
using packed_counts = std::vector<std::uint8_t>;

/// Reads packed_counts entry by entry.
struct counts_reader {
  const std::uint8_t* p;
  const std::uint8_t* end;
  std::int32_t rank = 0;
  explicit counts_reader(const packed_counts& c) : p(c.data()), end(c.data() + c.size()) {}
  bool next(rank_count& e) {
    if (p == end) return false;
    const std::uint64_t head = varint();
    rank += static_cast<std::int32_t>(head >> 1);
    e.rank = rank;
    e.count = (head & 1) ? static_cast<std::int32_t>(varint()) : 1;
    return true;
  }
  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0;; shift += 7) {
      const std::uint8_t b = *p++;
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
  }
};

struct rank_output {
  Eigen::VectorXd nominal_total;
  std::vector<std::int32_t> nominal_rank;
  /// Per unit, the ranks reached in the K samples and how often (exactly sized: memory is about a
  /// byte per distinct (unit, rank), never units x samples).
  std::vector<packed_counts> counts;
};

/// Scores and ranks every set, block by block of `round` sets, and adds each block's ranks to the
/// units' counts (the sample ranks of one round are all that is held: 4 x units x round bytes).
rank_output rank_all_sets(const rank_job& job);

/// Median, 5-95 % quantiles, P(1) and P(top k) of units [u0, u1) from their counts (K samples).
void summarise_counts(const std::vector<packed_counts>& counts, std::size_t u0, std::size_t u1,
                      Eigen::Index samples, int top_k, uncertainty_result& r);

/// Competition ranks (1 = largest key) of n keys; `scratch` buffers are reused between calls.
struct key_ranker {
  std::vector<std::uint64_t> a, b;
  std::vector<std::uint32_t> counts;
  void rank(const std::uint64_t* keys, std::size_t n, std::int32_t* out);
};

}  // namespace zoneperf::detail
