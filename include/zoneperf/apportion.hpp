#pragma once
/// Largest-remainder (Hamilton) apportionment, exact: seats, or fen, in proportion to weights.
/// Shared by the pay module (pool remainders, awards) and the monthly check (三个十 over the task
/// forces).
///
/// Synopsis
///   std::vector<std::int64_t> largest_remainder(const std::vector<std::int64_t>& weights,
///                                               std::int64_t seats);
///
/// Each part gets ⌊seats·w_i/Σw⌋ and the seats left over go one each to the largest remainders,
/// ties to the earlier entry, so the parts always add up to `seats` exactly (for money the seats
/// are fen). Arithmetic is exact in 128 bits; O(n) expected time.
/// Errors (zoneperf/errc.hpp, beside money's codes): a negative weight (505,
/// errc::apportion_negative_weight, naming its 0-based index), negative seats or seats over weights
/// that are all zero (506, errc::apportion_bad_seats).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "zoneperf/units/money.hpp"

namespace zoneperf {

std::vector<std::int64_t> largest_remainder(const std::vector<std::int64_t>& weights, std::int64_t seats);

namespace detail {
/// Adds one to parts[i] for the `k` candidates with the largest remainders[i] (all over one common
/// denominator), ties to the smaller index. `candidates` is reordered; k <= candidates.size().
void give_to_largest_remainders(std::vector<std::uint32_t>& candidates,
                                const std::vector<uint128>& remainders, std::size_t k,
                                std::vector<std::int64_t>& parts);
}  // namespace detail

}  // namespace zoneperf
