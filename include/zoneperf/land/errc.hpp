#pragma once
/// Error codes of the land-efficiency module (category "land", 9xx), in namespace zoneperf::errc like
/// every code (zoneperf/errc.hpp). A code's number and meaning never change once released.

namespace zoneperf::errc {

/// a record without land area
inline constexpr int missing_area = 901;
/// zero or negative land area
inline constexpr int non_positive_area = 902;
/// negative energy, emissions, employees, revenue, spending
inline constexpr int negative_land_input = 903;
/// the same id twice in one table
inline constexpr int duplicate_entity = 904;
/// a peer average over no values
inline constexpr int no_peer_value = 905;
/// a prior-year benchmark without its average
inline constexpr int no_prior_average = 906;
/// a land config that does not fit its tree
inline constexpr int land_config_mismatch = 907;
/// shares over 100, no catch-all class, ...
inline constexpr int bad_class_scheme = 908;
/// land_mu and land_m2 in the same table
inline constexpr int ambiguous_land_column = 909;
/// a proposal a gate cannot be checked on
inline constexpr int bad_gate_input = 910;
/// no presets/land/<name>.json
inline constexpr int unknown_land_preset = 911;
/// a previous year's class that the current scheme does not have, or a published class that is not one
inline constexpr int unknown_class = 912;
/// the previous year both classed by a preset and given its published classes
inline constexpr int conflicting_previous = 913;

}  // namespace zoneperf::errc
