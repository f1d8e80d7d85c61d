// The scoring kernel for x86-64-v4 (AVX-512), see kernel.inc.
#define ZONEPERF_KERNEL_ENTRY run_x86_64_v4
#if defined(__clang__)
#define ZONEPERF_KERNEL_TARGET "arch=x86-64-v4"  // clang takes no vector width in a target attribute
#else
#define ZONEPERF_KERNEL_TARGET "arch=x86-64-v4,prefer-vector-width=512"
#endif
#define ZONEPERF_KERNEL_LANES 8
#include "kernel.inc"
