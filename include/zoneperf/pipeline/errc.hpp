#pragma once
/// Error codes of the pipeline module (category "project", 710..799: the project registry, counts,
/// admission and the monthly check), in namespace zoneperf::errc like every code (zoneperf/errc.hpp;
/// periods take 701..709 there). A code's number and meaning never change once released.

namespace zoneperf::errc {

// the project registry (registry.hpp, projects CSV)
/// a task force the registry does not know
inline constexpr int unregistered_task_force = 710;
/// a project id given twice
inline constexpr int duplicate_project = 711;
/// a change to a project the registry does not hold
inline constexpr int unknown_project = 712;
/// a stage reached without the one before it
inline constexpr int skipped_stage = 713;
/// a move backwards, sideways or past producing
inline constexpr int stage_out_of_order = 714;
/// dated before the previous stage's date
inline constexpr int date_before_previous = 715;
/// dated after the registry's as-of date
inline constexpr int date_after_as_of = 716;
/// a change to a cleared project
inline constexpr int project_cleared = 717;
/// a project without a contacted date
inline constexpr int not_contacted = 718;
/// an amount, flag, area or id that is not valid
inline constexpr int bad_project_field = 719;
/// an unknown stage name
inline constexpr int bad_stage = 720;
// counts (counts.hpp)
/// a leaf value given by the registry and by the other table
inline constexpr int value_given_twice = 730;
/// a landed project with no land area (per-mu figures)
inline constexpr int no_land_area = 731;
// admission (admission.hpp)
/// a candidate cell that is not valid
inline constexpr int bad_candidate_field = 740;
/// a candidate id given twice
inline constexpr int duplicate_candidate = 741;
/// a gate or pass mark that is not a finite number >= 0
inline constexpr int bad_gate = 742;
// the monthly check (monthly_check.hpp)
/// negative weights or targets, no weight to split by, fixed targets over the zone's
inline constexpr int bad_split = 750;
/// the check's period is not a month
inline constexpr int not_a_month = 751;
/// the face rule needs a month score the caller did not give
inline constexpr int missing_score = 752;

}  // namespace zoneperf::errc
