#pragma once
/// Error codes of the land-efficiency module (9xx), shared by its headers.
#include "zoneperf/error.hpp"

namespace zoneperf {

/// Land-efficiency error codes (9xx).
namespace land_errc {
inline constexpr int missing_area = 901;       ///< a record without land area
inline constexpr int non_positive_area = 902;  ///< zero or negative land area
inline constexpr int negative_input = 903;     ///< negative energy, emissions, employees, revenue, spending
inline constexpr int duplicate_entity = 904;   ///< the same id twice in one table
inline constexpr int no_peer_value = 905;      ///< a peer average over no values
inline constexpr int no_prior_average = 906;   ///< a prior-year benchmark without its average
inline constexpr int config_mismatch = 907;    ///< a land config that does not fit its tree
inline constexpr int bad_class_scheme = 908;   ///< shares over 100, no catch-all class, ...
inline constexpr int ambiguous_land_column = 909;  ///< land_mu and land_m2 in the same table
inline constexpr int bad_gate_input = 910;         ///< a proposal a gate cannot be checked on
inline constexpr int unknown_land_preset = 911;    ///< no presets/land/<name>.json
}  // namespace land_errc

}  // namespace zoneperf
