// The scoring kernel for generic (see kernel.inc).
#define ZONEPERF_KERNEL_ENTRY run_generic
#include "kernel.inc"
