#pragma once
// Row form of par_reduce for the fused solver kernels (apply + dot, update +
// norm): f(k, j, i0, i1, acc) loops over the row itself, so host backends
// vectorize it (BOREAS_SIMD_SUM on a local partial sum) the way
// par_for_rows does for plain stencils. Device backends hand each thread
// one cell (i1 = i0 + 1).
#include <Kokkos_Core.hpp>

#include "core/exec.hpp"

// omp simd with a sum reduction over local partial sums: BOREAS_SIMD_SUM(a, b)
#if defined(_OPENMP)
#define BOREAS_LINEAR_PRAGMA(x) _Pragma(#x)
#define BOREAS_SIMD_SUM(...) BOREAS_LINEAR_PRAGMA(omp simd reduction(+ : __VA_ARGS__))
#else
#define BOREAS_SIMD_SUM(...)
#endif

namespace boreas::linear {

// Two sums reduced in one pass (and one global reduction).
struct Sum2 {
  double a = 0.0;
  double b = 0.0;
  KOKKOS_INLINE_FUNCTION Sum2& operator+=(const Sum2& o) {
    a += o.a;
    b += o.b;
    return *this;
  }
  // Kokkos 3.x joins through volatile references.
  KOKKOS_INLINE_FUNCTION void operator+=(const volatile Sum2& o) volatile {
    a += o.a;
    b += o.b;
  }
};

namespace detail {
template <class Space, class F, class Reducer>
void host_reduce_rows(const char* name, const Box& b, const F& f, const Reducer& r) {
  const int nj = b.j1 - b.j0;
  const int i0 = b.i0, i1 = b.i1, k0 = b.k0, j0 = b.j0;
  Kokkos::parallel_reduce(
      name, Kokkos::RangePolicy<Space>(0, (b.k1 - b.k0) * nj),
      KOKKOS_LAMBDA(const int kj, typename Reducer::value_type& acc) {
        f(k0 + kj / nj, j0 + kj % nj, i0, i1, acc);
      },
      r);
}
template <class F, class Reducer>
void device_reduce_rows(const char* name, const Box& b, const F& f, const Reducer& r) {
  Kokkos::parallel_reduce(
      name, exec::RightPolicy<3>({b.k0, b.j0, b.i0}, {b.k1, b.j1, b.i1}),
      KOKKOS_LAMBDA(const int k, const int j, const int i, typename Reducer::value_type& acc) {
        f(k, j, i, i + 1, acc);
      },
      r);
}
}  // namespace detail

template <class F, class Reducer>
void par_reduce_rows(const char* name, const Box& b, const F& f, const Reducer& r) {
  if constexpr (exec::kHostBackend) {
#ifdef KOKKOS_ENABLE_SERIAL
    if (exec::serial_forced()) return detail::host_reduce_rows<Kokkos::Serial>(name, b, f, r);
#endif
    detail::host_reduce_rows<ExecSpace>(name, b, f, r);
  } else {
    detail::device_reduce_rows(name, b, f, r);
  }
}

}  // namespace boreas::linear

namespace Kokkos {
template <>
struct reduction_identity<boreas::linear::Sum2> {
  KOKKOS_FORCEINLINE_FUNCTION static boreas::linear::Sum2 sum() { return {}; }
};
}  // namespace Kokkos
