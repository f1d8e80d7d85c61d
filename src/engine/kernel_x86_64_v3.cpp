// The scoring kernel for x86-64-v3 (AVX2), see kernel.inc.
#define ZONEPERF_KERNEL_ENTRY run_x86_64_v3
#define ZONEPERF_KERNEL_TARGET "arch=x86-64-v3"
#define ZONEPERF_KERNEL_LANES 4
#include "kernel.inc"
