#include "zoneperf/text/reading.hpp"

namespace zoneperf {
namespace {
const reading_options defaults;
thread_local const reading_options* innermost = &defaults;
}  // namespace

reading_scope::reading_scope(const reading_options& options) : outer_(innermost) { innermost = &options; }
reading_scope::~reading_scope() { innermost = outer_; }

namespace detail {
const reading_options& current_reading() { return *innermost; }

void leave_note(const std::string& where, const std::string& what) {
  if (innermost->notes) innermost->notes(where, what);
}
}  // namespace detail
}  // namespace zoneperf
