#include "progress_meter.hpp"

#include <algorithm>
#include <utility>

namespace zoneperf::detail {

progress_meter::progress_meter(const progress_callback& callback, std::string stage, std::uint64_t total)
    : callback_(callback ? &callback : nullptr), stage_(std::move(stage)), total_(total) {
  if (callback_) report(0);
}

void progress_meter::report(std::uint64_t done) {
  done = std::max(done, reported_);
  if (total_ > 0) done = std::min(done, total_);  // a file that grew while it was read
  reported_ = done;
  next_ = std::chrono::steady_clock::now() + progress_interval;
  (*callback_)(stage_, done, total_);
}

void progress_meter::poll() noexcept {
  if (!callback_ || stopped()) return;
  try {
    update();
  } catch (...) {
    failure_ = std::current_exception();
    stopped_.store(true, std::memory_order_relaxed);
  }
}

void progress_meter::rethrow_if_stopped() {
  if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
}

void progress_meter::finish() {
  if (!callback_) return;
  total_ = std::max(total_, done());  // an unknown total is the final count
  report(total_);
}

}  // namespace zoneperf::detail
