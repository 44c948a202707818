#pragma once
// The prescribed velocities of the advection app and the trajectories they
// move the initial state along (the exact solution where it is known).
//
//   uniform        u = physics.u
//   solid_body     u = omega (-(y - yc), x - xc, 0): rotation about the
//                  domain centre in the x-y plane (2D, 3D)
//   deformational  LeVeque's swirling flow, in coordinates xi = (x - lower)/L
//                  of the domain: stream function
//                  psi = (Lx Ly / pi) sin^2(pi xi) sin^2(pi eta) cos(pi t / T),
//                  u = dpsi/dy = Lx sin^2(pi xi) sin(2 pi eta) cos(pi t / T),
//                  v = -dpsi/dx = -Ly sin^2(pi eta) sin(2 pi xi) cos(pi t / T);
//                  it reverses at T/2, so q(T) = q(0) (2D, 3D: no z motion)
//
// The velocity a face carries is its normal component at the face centre
// (uniform, solid_body: exact averages over the face, whose normal
// component does not vary along it), or the difference of the stream
// function between the face's two ends over its length (deformational):
// either way the discrete divergence of every cell is zero (up to rounding
// for the stream function), which keeps a constant constant and, with
// bounded face values, the tracer within its initial bounds.
#include <cmath>

#include "core/exec.hpp"
#include "core/math.hpp"

namespace boreas::advection {

enum class FlowKind { uniform, solid_body, deformational };

struct Flow {
  FlowKind kind = FlowKind::uniform;
  int dim = 1;
  double u[3] = {0.0, 0.0, 0.0};  // uniform
  double omega = 0.0;             // solid_body, rad/s
  double period = 1.0;            // deformational, s
  double lower[3] = {0.0, 0.0, 0.0}, length[3] = {1.0, 1.0, 1.0};
  double centre[3] = {0.5, 0.5, 0.5};
  bool periodic[3] = {false, false, false};

  // The time factor of the face velocities (cos(pi t / T) for the
  // deformational flow, 1 otherwise).
  double time_factor(double t) const {
    if (kind != FlowKind::deformational) return 1.0;
    return std::cos(M_PI * t / period);
  }

  KOKKOS_INLINE_FUNCTION double stream(double x, double y) const {
    const double sx = math::sin(M_PI * (x - lower[0]) / length[0]);
    const double sy = math::sin(M_PI * (y - lower[1]) / length[1]);
    return length[0] * length[1] / M_PI * sx * sx * sy * sy;
  }

  // The normal velocity (at time factor 1) of the face centred at xf with
  // normal `axis`; h = the cell sizes.
  KOKKOS_INLINE_FUNCTION double face_velocity(int axis, const double xf[3],
                                              const double h[3]) const {
    switch (kind) {
      case FlowKind::uniform:
        return u[axis];
      case FlowKind::solid_body:
        if (axis == 0) return -omega * (xf[1] - centre[1]);
        if (axis == 1) return omega * (xf[0] - centre[0]);
        return 0.0;
      case FlowKind::deformational:
        if (axis == 0) {
          return (stream(xf[0], xf[1] + 0.5 * h[1]) - stream(xf[0], xf[1] - 0.5 * h[1])) / h[1];
        }
        if (axis == 1) {
          return -(stream(xf[0] + 0.5 * h[0], xf[1]) - stream(xf[0] - 0.5 * h[0], xf[1])) / h[0];
        }
        return 0.0;
    }
    return 0.0;
  }
};

// Where the flow, from t = 0 to t, has carried the point that is now at x
// (the exact solution is q0 at that point): the back trajectory.
struct Trace {
  FlowKind kind = FlowKind::uniform;
  double shift[3] = {0.0, 0.0, 0.0};  // uniform: u t
  double c = 1.0, s = 0.0;            // solid_body: cos, sin of omega t
  double centre[3] = {0.5, 0.5, 0.5};
  double lower[3] = {0.0, 0.0, 0.0}, length[3] = {1.0, 1.0, 1.0};
  bool periodic[3] = {false, false, false};

  KOKKOS_INLINE_FUNCTION void origin(double x[3]) const {
    if (kind == FlowKind::uniform) {
      for (int d = 0; d < 3; ++d) {
        x[d] -= shift[d];
        if (periodic[d]) {
          const double r = (x[d] - lower[d]) / length[d];
          x[d] -= length[d] * math::floor(r);
        }
      }
    } else if (kind == FlowKind::solid_body) {
      const double dx = x[0] - centre[0], dy = x[1] - centre[1];
      x[0] = centre[0] + c * dx + s * dy;
      x[1] = centre[1] - s * dx + c * dy;
    }
    // deformational: the identity (used at t = k T only)
  }
};

// The identity trace (the initial state).
inline Trace identity_trace() {
  Trace t;
  t.kind = FlowKind::deformational;
  return t;
}

// The back trajectory of `flow` over [0, t].
inline Trace trace_of(const Flow& flow, double t) {
  Trace tr;
  tr.kind = flow.kind;
  for (int d = 0; d < 3; ++d) {
    tr.shift[d] = flow.u[d] * t;
    tr.centre[d] = flow.centre[d];
    tr.lower[d] = flow.lower[d];
    tr.length[d] = flow.length[d];
    tr.periodic[d] = flow.periodic[d];
  }
  tr.c = std::cos(flow.omega * t);
  tr.s = std::sin(flow.omega * t);
  return tr;
}

}  // namespace boreas::advection
