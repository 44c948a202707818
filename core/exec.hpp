#pragma once
// The one kernel idiom of Boreas: par_for over a half-open index box.
//
// On host backends the box is flattened over (k, j) with a contiguous inner
// i loop the compiler vectorizes; on device backends it becomes an
// MDRangePolicy iterated like the LayoutRight fields are stored: i, the
// fastest index in memory, is the innermost one and goes to threadIdx.x
// (Kokkos' default order on CUDA is Iterate::Left, which would make
// neighbouring threads stride by nj * ni doubles). Kernels are plain
// lambdas taking (k, j, i) or (v, k, j, i).
//
// Device rules (nvcc; docs/developer-guide.md): a KOKKOS_LAMBDA may not sit
// in a private or protected member function or a constructor, and may not
// capture a variable for the first time inside `if constexpr`; kernels
// therefore live in free functions or public members, and these templates
// keep their device launches out of `if constexpr` branches.
//
// For testing backends against each other, BOREAS_EXEC_SPACE=serial makes
// every kernel run on Kokkos::Serial when the default space is a host space.
#include <Kokkos_Core.hpp>
#include <string>

#if defined(__GNUC__) || defined(__clang__)
#define BOREAS_RESTRICT __restrict__
#else
#define BOREAS_RESTRICT
#endif
#if defined(_OPENMP)
#define BOREAS_SIMD _Pragma("omp simd")
#else
#define BOREAS_SIMD
#endif

namespace boreas {

using ExecSpace = Kokkos::DefaultExecutionSpace;
using MemSpace = ExecSpace::memory_space;
// (var, k, j, i) with i fastest on every backend (docs/architecture.md, data layout).
using FieldView = Kokkos::View<double****, Kokkos::LayoutRight, MemSpace>;
using HostFieldView = FieldView::HostMirror;

// Half-open index box [k0,k1) x [j0,j1) x [i0,i1).
struct Box {
  int k0 = 0, k1 = 1, j0 = 0, j1 = 1, i0 = 0, i1 = 1;
  long long size() const { return static_cast<long long>(k1 - k0) * (j1 - j0) * (i1 - i0); }
  bool empty() const { return k1 <= k0 || j1 <= j0 || i1 <= i0; }
};

namespace exec {

// True when kernels run on the host (Serial, OpenMP, Threads): keyed on the
// execution space, not on the memory space (CUDA's UVM memory is
// host-accessible, yet its kernels run on the device).
constexpr bool kHostBackend = Kokkos::SpaceAccessibility<ExecSpace, Kokkos::HostSpace>::accessible;

// LayoutRight order on every backend: the last index innermost.
template <int N>
using RightPolicy =
    Kokkos::MDRangePolicy<ExecSpace,
                          Kokkos::Rank<N, Kokkos::Iterate::Right, Kokkos::Iterate::Right>>;

// Reads BOREAS_EXEC_SPACE (default|serial). Called by Context.
void configure_from_environment();
bool serial_forced();
// Tests switch backends within one process; returns the previous setting.
bool force_serial(bool on);
// "OpenMP", "Serial", "Cuda", ... and "Serial (forced)" when overridden.
std::string backend_name();

template <class Space, class F>
void host_for(const char* name, const Box& b, const F& f) {
  const int nj = b.j1 - b.j0;
  const int nkj = (b.k1 - b.k0) * nj;
  Kokkos::parallel_for(
      name, Kokkos::RangePolicy<Space>(0, nkj), KOKKOS_LAMBDA(const int kj) {
        const int k = b.k0 + kj / nj;
        const int j = b.j0 + kj % nj;
        BOREAS_SIMD
        for (int i = b.i0; i < b.i1; ++i) f(k, j, i);
      });
}

template <class Space, class F>
void host_for_vars(const char* name, int nvar, const Box& b, const F& f) {
  const int nj = b.j1 - b.j0;
  const int nk = b.k1 - b.k0;
  const int n = nvar * nk * nj;
  Kokkos::parallel_for(
      name, Kokkos::RangePolicy<Space>(0, n), KOKKOS_LAMBDA(const int vkj) {
        const int v = vkj / (nk * nj);
        const int kj = vkj % (nk * nj);
        const int k = b.k0 + kj / nj;
        const int j = b.j0 + kj % nj;
        BOREAS_SIMD
        for (int i = b.i0; i < b.i1; ++i) f(v, k, j, i);
      });
}

template <class Space, class F>
void host_rows(const char* name, const Box& b, const F& f) {
  const int nk = b.k1 - b.k0;
  const int nj = b.j1 - b.j0;
  if (nk >= 4 * Space().concurrency()) {
    // Enough planes to share out: whole planes per iteration, no index division.
    Kokkos::parallel_for(
        name, Kokkos::RangePolicy<Space>(b.k0, b.k1), KOKKOS_LAMBDA(const int k) {
          for (int j = b.j0; j < b.j1; ++j) f(k, j, b.i0, b.i1);
        });
    return;
  }
  Kokkos::parallel_for(
      name, Kokkos::RangePolicy<Space>(0, nk * nj),
      KOKKOS_LAMBDA(const int kj) { f(b.k0 + kj / nj, b.j0 + kj % nj, b.i0, b.i1); });
}

template <class Space, class F, class Reducer>
void host_reduce(const char* name, const Box& b, const F& f, const Reducer& r) {
  const int nj = b.j1 - b.j0;
  const int nkj = (b.k1 - b.k0) * nj;
  Kokkos::parallel_reduce(
      name, Kokkos::RangePolicy<Space>(0, nkj),
      KOKKOS_LAMBDA(const int kj, typename Reducer::value_type& acc) {
        const int k = b.k0 + kj / nj;
        const int j = b.j0 + kj % nj;
        for (int i = b.i0; i < b.i1; ++i) f(k, j, i, acc);
      },
      r);
}

template <class F>
void device_for(const char* name, const Box& b, const F& f) {
  Kokkos::parallel_for(name, RightPolicy<3>({b.k0, b.j0, b.i0}, {b.k1, b.j1, b.i1}), f);
}

template <class F>
void device_for_vars(const char* name, int nvar, const Box& b, const F& f) {
  Kokkos::parallel_for(name, RightPolicy<4>({0, b.k0, b.j0, b.i0}, {nvar, b.k1, b.j1, b.i1}), f);
}

template <class F>
void device_rows(const char* name, const Box& b, const F& f) {
  Kokkos::parallel_for(
      name, RightPolicy<3>({b.k0, b.j0, b.i0}, {b.k1, b.j1, b.i1}),
      KOKKOS_LAMBDA(const int k, const int j, const int i) { f(k, j, i, i + 1); });
}

template <class F, class Reducer>
void device_reduce(const char* name, const Box& b, const F& f, const Reducer& r) {
  Kokkos::parallel_reduce(name, RightPolicy<3>({b.k0, b.j0, b.i0}, {b.k1, b.j1, b.i1}), f, r);
}

}  // namespace exec

// f(k, j, i) for every cell of the box.
template <class F>
void par_for(const char* name, const Box& b, const F& f) {
  if (b.empty()) return;
  if constexpr (exec::kHostBackend) {
#ifdef KOKKOS_ENABLE_SERIAL
    if (exec::serial_forced()) return exec::host_for<Kokkos::Serial>(name, b, f);
#endif
    exec::host_for<ExecSpace>(name, b, f);
  } else {
    exec::device_for(name, b, f);
  }
}

// f(v, k, j, i) for every variable v < nvar and cell of the box.
template <class F>
void par_for(const char* name, int nvar, const Box& b, const F& f) {
  if (b.empty() || nvar <= 0) return;
  if constexpr (exec::kHostBackend) {
#ifdef KOKKOS_ENABLE_SERIAL
    if (exec::serial_forced()) return exec::host_for_vars<Kokkos::Serial>(name, nvar, b, f);
#endif
    exec::host_for_vars<ExecSpace>(name, nvar, b, f);
  } else {
    exec::device_for_vars(name, nvar, b, f);
  }
}

// Row form for bandwidth-critical stencils: f(k, j, i0, i1) loops over
// i in [i0, i1) itself, through raw row pointers (BOREAS_RESTRICT) under
// BOREAS_SIMD. Host backends hand each call a whole contiguous row, which
// the compiler vectorizes (it does not vectorize View indexing in the
// per-cell form); device backends hand each thread one cell (i1 = i0 + 1).
template <class F>
void par_for_rows(const char* name, const Box& b, const F& f) {
  if (b.empty()) return;
  if constexpr (exec::kHostBackend) {
#ifdef KOKKOS_ENABLE_SERIAL
    if (exec::serial_forced()) return exec::host_rows<Kokkos::Serial>(name, b, f);
#endif
    exec::host_rows<ExecSpace>(name, b, f);
  } else {
    exec::device_rows(name, b, f);
  }
}

// Reduction over the box with a Kokkos reducer built on `result`:
//   double s; par_reduce("sum", box, KOKKOS_LAMBDA(k,j,i,double& a){ a += ...; },
//                        Kokkos::Sum<double>(s));
template <class F, class Reducer>
void par_reduce(const char* name, const Box& b, const F& f, const Reducer& r) {
  if constexpr (exec::kHostBackend) {
#ifdef KOKKOS_ENABLE_SERIAL
    if (exec::serial_forced()) return exec::host_reduce<Kokkos::Serial>(name, b, f, r);
#endif
    exec::host_reduce<ExecSpace>(name, b, f, r);
  } else {
    exec::device_reduce(name, b, f, r);
  }
}

inline void fence() {
  Kokkos::fence();
}

}  // namespace boreas
