#include "zoneperf/apportion.hpp"

#include <algorithm>
#include <string>

#include "zoneperf/error.hpp"

namespace zoneperf {
namespace detail {
void give_to_largest_remainders(std::vector<std::uint32_t>& candidates,
                                const std::vector<uint128>& remainders, std::size_t k,
                                std::vector<std::int64_t>& parts) {
  if (k == 0) return;
  // A strict total order (remainder descending, index ascending) makes the top k unique.
  auto before = [&](std::uint32_t a, std::uint32_t b) {
    return remainders[a] != remainders[b] ? remainders[a] > remainders[b] : a < b;
  };
  if (k < candidates.size())
    std::nth_element(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(k - 1),
                     candidates.end(), before);
  for (std::size_t j = 0; j < k; ++j) ++parts[candidates[j]];
}
}  // namespace detail

std::vector<std::int64_t> largest_remainder(const std::vector<std::int64_t>& weights, std::int64_t seats) {
  if (seats < 0)
    throw error(errc::apportion_bad_seats, "",
                "cannot apportion a negative number of seats: " + std::to_string(seats));
  detail::uint128 total = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] < 0)
      throw error(errc::apportion_negative_weight, "weight " + std::to_string(i),
                  "negative weight " + std::to_string(weights[i]));
    total += static_cast<detail::uint128>(weights[i]);
  }
  std::vector<std::int64_t> parts(weights.size(), 0);
  if (seats == 0) return parts;
  if (total == 0)
    throw error(errc::apportion_bad_seats, "",
                "cannot apportion " + std::to_string(seats) + " seats over weights that are all zero");
  std::vector<detail::uint128> remainders(weights.size(), 0);
  std::vector<std::uint32_t> candidates;
  std::int64_t given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    // seats·w_i < 2^126: exact in 128 bits.
    const detail::uint128 n = static_cast<detail::uint128>(seats) * static_cast<detail::uint128>(weights[i]);
    parts[i] = static_cast<std::int64_t>(n / total);
    remainders[i] = n % total;
    given += parts[i];
    if (remainders[i] != 0) candidates.push_back(static_cast<std::uint32_t>(i));
  }
  detail::give_to_largest_remainders(candidates, remainders, static_cast<std::size_t>(seats - given), parts);
  return parts;
}

}  // namespace zoneperf
