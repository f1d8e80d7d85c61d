#pragma once
// One stage's reports to a progress_callback (zoneperf/progress.hpp): the first (done = 0) when the
// meter is made, then at most one per progress_interval, then the last (done == total).
//
//   progress_meter m(options.progress, "assessing", n);   // no callback: every call returns at once
//   m.add(k);           // any thread: k more units done (an atomic add)
//   m.update();         // the calling thread, no workers running: reports the count if it is time
//   m.poll();           // the calling thread while workers run: the same, but an exception from the
//                       // callback is kept and stopped() turns true for every thread
//   m.rethrow_if_stopped();  // the calling thread, once its workers are joined
//   m.finish();         // the last report: done = total
#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <string>

#include "zoneperf/progress.hpp"

namespace zoneperf::detail {

class progress_meter {
 public:
  /// Reports (stage, 0, total) at once when `callback` is not empty. The callback must outlive the meter.
  progress_meter(const progress_callback& callback, std::string stage, std::uint64_t total);
  progress_meter(const progress_meter&) = delete;
  progress_meter& operator=(const progress_meter&) = delete;

  /// Whether there is a callback (false: every call below does nothing).
  bool active() const noexcept { return callback_ != nullptr; }
  /// `n` more units done; safe from any thread.
  void add(std::uint64_t n) noexcept {
    if (callback_) done_.fetch_add(n, std::memory_order_relaxed);
  }
  /// The count so far as done (for a source that knows its position rather than adding to it).
  void set(std::uint64_t done) noexcept {
    if (callback_) done_.store(done, std::memory_order_relaxed);
  }
  std::uint64_t done() const noexcept { return done_.load(std::memory_order_relaxed); }

  /// Reports the count when progress_interval has passed since the last report. Calling thread only;
  /// an exception from the callback propagates.
  void update() {
    if (callback_ && std::chrono::steady_clock::now() >= next_) report(done());
  }
  /// update() for the calling thread while workers run: an exception from the callback is kept
  /// for rethrow_if_stopped() and makes stopped() true.
  void poll() noexcept;
  /// True once the callback threw during poll(): workers should stop at their next check.
  bool stopped() const noexcept { return stopped_.load(std::memory_order_relaxed); }
  /// Rethrows what the callback threw during poll(), if anything. Call it once the workers are joined.
  void rethrow_if_stopped();
  /// The last report, done == total (the count itself when the total was unknown). Calling thread only.
  void finish();

 private:
  void report(std::uint64_t done);

  const progress_callback* callback_ = nullptr;  // null: no reports
  std::string stage_;
  std::uint64_t total_ = 0;
  std::uint64_t reported_ = 0;  // the last count reported: counts never go back
  std::atomic<std::uint64_t> done_{0};
  std::atomic<bool> stopped_{false};
  std::exception_ptr failure_;
  std::chrono::steady_clock::time_point next_{};
};

}  // namespace zoneperf::detail
