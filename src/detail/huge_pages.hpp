#pragma once
// Private to the library: asking Linux for 2 MB pages under a large fresh buffer.
#include <cstddef>
#include <cstdint>
#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace zoneperf::detail {

/// Asks for 2 MB pages under a freshly allocated buffer, as NumPy does for its large arrays
/// (Linux's default transparent huge page mode serves them on request only): one page fault per
/// 2 MB instead of 512 when the buffer is first written. Only the whole huge pages inside the
/// buffer are asked for, so no memory is added; elsewhere this does nothing.
inline void prefer_huge_pages(void* p, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t huge = std::uintptr_t{1} << 21;
  const auto from = (reinterpret_cast<std::uintptr_t>(p) + huge - 1) & ~(huge - 1);
  const auto to = (reinterpret_cast<std::uintptr_t>(p) + bytes) & ~(huge - 1);
  if (to > from) (void)madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);  // advice only
#else
  (void)p, (void)bytes;
#endif
}

}  // namespace zoneperf::detail
