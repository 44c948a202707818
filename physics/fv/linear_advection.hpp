#pragma once
// The system of the advection equation dq/dt + div(q u) = 0 for up to M
// tracers carried by a prescribed velocity, seen at one face: its flux
// normal to the face is un q, with un the face-normal velocity, and its
// one wave moves at un. With it, riemann.hpp's Hll is the exact upwind flux
// and Rusanov the same up to rounding. (No contact: no Hllc.)
#include "core/exec.hpp"

namespace boreas::fv {

template <int M>
struct LinearAdvection {
  static constexpr int kMaxVars = M;
  double un = 0.0;  // face-normal velocity
  int n = M;        // tracers used, <= M

  KOKKOS_INLINE_FUNCTION int nvar() const { return n; }
  KOKKOS_INLINE_FUNCTION void flux(int, const double* q, double* f) const {
    for (int v = 0; v < n; ++v) f[v] = un * q[v];
  }
  KOKKOS_INLINE_FUNCTION void wave_speeds(int, const double*, const double*, double& sL,
                                          double& sR) const {
    sL = un;
    sR = un;
  }
};

}  // namespace boreas::fv
