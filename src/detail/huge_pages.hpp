#pragma once
// Large scratch and result buffers: ask for 2 MB pages before their first touch.
#include <cstddef>
#include <cstdint>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace zoneperf::detail {

// Asks for 2 MB pages under a freshly allocated buffer, as NumPy does for its large arrays
// (Linux's default transparent huge page mode serves them on request only). Only the whole huge
// pages inside the buffer are asked for, so no memory is added. At 10^6 units of the task-force
// tree the results then cost ~5 % less to write (fewer page walks for the streamed stores).
// madvise over the whole `align`-sized pages inside [p, p + bytes); advice only, errors ignored.
inline void advise_pages(void* p, std::size_t bytes, std::uintptr_t align, int advice) {
#if defined(__linux__)
  const auto from = (reinterpret_cast<std::uintptr_t>(p) + align - 1) & ~(align - 1);
  const auto to = (reinterpret_cast<std::uintptr_t>(p) + bytes) & ~(align - 1);
  if (to > from) (void)madvise(reinterpret_cast<void*>(from), to - from, advice);
#else
  (void)p, (void)bytes, (void)align, (void)advice;
#endif
}

inline void prefer_huge_pages(void* p, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  advise_pages(p, bytes, std::uintptr_t{1} << 21, MADV_HUGEPAGE);
#else
  (void)p, (void)bytes;
#endif
}

// Gives the whole 4 KB pages inside [p, p + bytes) back to the system: memory already read and no
// longer needed, in a buffer that stays allocated (it reads as zeros if touched again).
inline void release_pages(void* p, std::size_t bytes) {
#if defined(__linux__)
  advise_pages(p, bytes, 4096, MADV_DONTNEED);
#else
  (void)p, (void)bytes;
#endif
}

// v.resize(n); storage that has to grow is allocated first and advised before resize touches it
// (each fresh 4 KB page costs a fault, which on a virtual machine dominated a first sort).
template <class T>
void resize_advised(std::vector<T>& v, std::size_t n) {
  if (n > v.capacity()) {
    std::vector<T> fresh;
    fresh.reserve(n);
    prefer_huge_pages(fresh.data(), n * sizeof(T));
    fresh.assign(v.begin(), v.end());
    v.swap(fresh);
  }
  v.resize(n);
}

}  // namespace zoneperf::detail
