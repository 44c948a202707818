#pragma once
// The shallow-water system seen at one face, for physics/fv's Riemann
// solvers (the "system" concept of physics/fv/riemann.hpp): conserved
// variables q = (h, hu[, hv], h c_1, ..., h c_m) on a 1D or 2D mesh with m
// passive tracers, flux normal to `axis`
//     f = (h u_n, hu u_n + g h^2 / 2 (normal), hv u_n (tangential), h c u_n),
// wave speeds from the depths and velocities of both sides, and HLLC's
// contact (the tangential velocity and the tracers ride on it).
#include "core/exec.hpp"
#include "core/math.hpp"

namespace boreas::shallow_water {

// The velocity of momentum m at depth h, desingularised below the dry
// depth eps: m / h for h >= eps, 2 h m / (h^2 + eps^2) below (continuous
// at eps, 0 at h = 0; Kurganov and Petrova's regularisation).
KOKKOS_INLINE_FUNCTION double velocity(double h, double m, double eps) {
  if (h >= eps) return m / h;
  return 2.0 * h * m / (h * h + eps * eps);
}

// Passive tracers a run may carry (physics.tracers).
constexpr int kMaxTracers = 4;

struct ShallowWaterSystem {
  static constexpr int kMaxVars = 3 + kMaxTracers;
  int n = 2;          // 1 + dim + tracers
  double g = 9.81;    // gravity
  double dry = 1e-8;  // dry depth (physics.dry_depth)

  KOKKOS_INLINE_FUNCTION int nvar() const { return n; }

  KOKKOS_INLINE_FUNCTION void flux(int axis, const double* q, double* f) const {
    const double h = q[0];
    const double un = velocity(h, q[1 + axis], dry);
    f[0] = q[1 + axis];
    for (int v = 1; v < n; ++v) f[v] = q[v] * un;
    f[1 + axis] += 0.5 * g * h * h;
  }

  // Davis' and Einfeldt's (Roe-averaged) bounds together: the slowest and
  // fastest of u -/+ c over both sides and their Roe average; a dry side
  // (h < dry) adds no speed of its own. Every speed is then bounded by
  // max(|u| + sqrt(g h)) over the two cells, the rate of the time step.
  KOKKOS_INLINE_FUNCTION void wave_speeds(int axis, const double* qL, const double* qR, double& sL,
                                          double& sR) const {
    const double hL = qL[0], hR = qR[0];
    const double uL = velocity(hL, qL[1 + axis], dry), uR = velocity(hR, qR[1 + axis], dry);
    const double cL = math::sqrt(g * hL), cR = math::sqrt(g * hR);
    const bool wetL = hL >= dry, wetR = hR >= dry;
    if (!wetL && !wetR) {
      sL = 0.0;
      sR = 0.0;
      return;
    }
    sL = wetL ? uL - cL : uR - cR;
    sR = wetL ? uL + cL : uR + cR;
    if (wetR) {
      if (uR - cR < sL) sL = uR - cR;
      if (uR + cR > sR) sR = uR + cR;
    }
    if (wetL && wetR) {
      const double rl = math::sqrt(hL), rr = math::sqrt(hR);
      const double ur = (rl * uL + rr * uR) / (rl + rr);
      const double cr = math::sqrt(0.5 * g * (hL + hR));
      if (ur - cr < sL) sL = ur - cr;
      if (ur + cr > sR) sR = ur + cr;
    }
  }

  // HLLC (Toro): the speed of the middle wave.
  KOKKOS_INLINE_FUNCTION double contact_speed(int axis, const double* qL, const double* qR,
                                              double sL, double sR) const {
    const double hL = qL[0], hR = qR[0];
    const double uL = velocity(hL, qL[1 + axis], dry), uR = velocity(hR, qR[1 + axis], dry);
    const double den = hR * (uR - sR) - hL * (uL - sL);
    if (den == 0.0) return 0.5 * (sL + sR);
    return (sL * hR * (uR - sR) - sR * hL * (uL - sL)) / den;
  }

  KOKKOS_INLINE_FUNCTION void star_state(int axis, const double* q, double s, double s_star,
                                         double* star) const {
    const double h = q[0];
    const double un = velocity(h, q[1 + axis], dry);
    const double hs = s == s_star ? h : h * (s - un) / (s - s_star);
    star[0] = hs;
    for (int v = 1; v < n; ++v) star[v] = hs * velocity(h, q[v], dry);
    star[1 + axis] = hs * s_star;
  }
};

}  // namespace boreas::shallow_water
