// An AVX2 + FMA build of the scoring product, chosen at run time on processors that have both
// (see scoring_product.cpp). CMake compiles this file alone with -mavx2 -mfma.
//
// Eigen is a header library: instantiating its templates here with other instruction-set flags
// would give the same symbols two different bodies (an ODR violation: the linker could keep the
// AVX2 body for callers on any processor). Renaming Eigen's namespace for this file only gives
// these instantiations their own symbols. Only plain pointers cross the boundary.
#if defined(ZONEPERF_AVX2_KERNEL)
#define Eigen zoneperf_eigen_avx2
#include <Eigen/Core>

namespace zoneperf::detail {

void scoring_product_avx2(const double* f, std::ptrdiff_t f_stride, std::ptrdiff_t rows, std::ptrdiff_t depth,
                          const double* e, std::ptrdiff_t e_stride, std::ptrdiff_t cols, double* out) {
  using namespace zoneperf_eigen_avx2;
  const Map<const MatrixXd, 0, OuterStride<>> fractions(f, rows, depth, OuterStride<>(f_stride));
  const Map<const MatrixXd, 0, OuterStride<>> points(e, depth, cols, OuterStride<>(e_stride));
  Map<MatrixXd> scores(out, rows, cols);
  scores.noalias() = fractions * points;
}

}  // namespace zoneperf::detail
#endif
