#pragma once
/// Progress of long work (reading large tables, assessing, explaining, sampling), reported to a
/// callback the caller gives in the operation's options.
///
/// Synopsis
///   using progress_callback = std::function<void(std::string_view stage, std::uint64_t done,
///                                                std::uint64_t total)>;
///   assess_options::progress, uncertainty_options::progress, csv_source(path, progress),
///   read_values_file(tree, path, progress), read_targets_file(tree, units, path, progress), ...
///
/// An empty callback (the default) costs nothing: the operation runs exactly as without one.
/// A callback never changes a result; the same inputs give the same bits with or without it.
///
/// Stages and their units of work:
///   "reading <source>"   bytes of the source consumed (total: its size, 0 when unknown, e.g. a pipe)
///   "assessing"          units scored
///   "explaining"         units explained
///   "sampling"           weight sets scored and ranked (the nominal set included: samples + 1)
///
/// When it is called. Only from the thread that started the operation, never from a worker thread
/// (workers add their work to an atomic count that this thread reads), so a callback needs no lock
/// and may call into an interpreter that has a global lock. For each stage: once with done = 0 when
/// it starts, then at most once per progress_interval with `done` never decreasing, and once with
/// done == total when it completes (a stage whose total was unknown then gives its final count as
/// both). Reports come between chunks of work (tens of thousands of units, a block of weight sets,
/// a row of a table), never per unit, so the engine's speed does not change measurably.
///
/// A callback may throw: the operation stops at its next report, its worker threads are joined, and
/// the exception propagates to the caller; outputs are then as after a bad input (no valid result).
#include <chrono>
#include <cstdint>
#include <functional>
#include <string_view>

namespace zoneperf {

/// Receives (stage, done, total); total 0 = unknown. See the header's comment for the contract.
using progress_callback =
    std::function<void(std::string_view stage, std::uint64_t done, std::uint64_t total)>;

/// The least time between two reports of one stage (its first and last report excepted).
inline constexpr std::chrono::milliseconds progress_interval{100};

}  // namespace zoneperf
