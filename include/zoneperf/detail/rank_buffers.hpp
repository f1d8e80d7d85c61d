#pragma once
// What detail::rank_order works in (see rules.hpp). A caller that ranks again and again keeps one,
// so that ranking allocates nothing once the buffers have grown.
#include <cstdint>
#include <vector>

namespace zoneperf::detail {

struct rank_buffers {
  // Scratch: a copy starts empty (copying a result does not copy its sort).
  rank_buffers() = default;
  rank_buffers(const rank_buffers&) {}
  rank_buffers& operator=(const rank_buffers&) { return *this; }
  rank_buffers(rank_buffers&&) = default;
  rank_buffers& operator=(rank_buffers&&) = default;

  std::vector<std::uint64_t> key;   // after rank_order: the sort keys, in ranking order
  std::vector<std::uint32_t> idx;   // after rank_order: the order (indices of the values)
  std::vector<std::uint64_t> key2;  // scratch
  std::vector<std::uint32_t> idx2;  // scratch
  std::vector<double> ranks;        // the engine's rank-rule columns: their competition ranks
};

}  // namespace zoneperf::detail
