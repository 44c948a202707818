#pragma once
// The manufactured solution of the Poisson app, callable inside kernels:
//
//   u(x) = prod_d sin(a_d (x_d - lower_d) + phase),   a_d = 2 pi m_d / L_d
//   k(x) = 1 + 0.25 sum_d cos(2 pi (x_d - lower_d) / L_d)   (variable case; else 1)
//   f    = -div(k grad u) = k sum_d a_d^2 u - grad k . grad u
//
// Periodic in every direction (so any mix of periodic, dirichlet and neumann
// faces is consistent), with non-zero values and slopes on the faces, so
// inhomogeneous boundary data is exercised too.
#include "core/math.hpp"

namespace boreas::poisson {

struct Manufactured {
  int dim = 3;
  double a[3] = {0, 0, 0};
  double lower[3] = {0, 0, 0};
  double length[3] = {1, 1, 1};
  double phase = 0.3;
  bool variable_k = false;

  KOKKOS_INLINE_FUNCTION double theta(int d, const double* x) const {
    return a[d] * (x[d] - lower[d]) + phase;
  }
  KOKKOS_INLINE_FUNCTION double u(const double* x) const {
    double v = 1.0;
    for (int d = 0; d < dim; ++d) v *= math::sin(theta(d, x));
    return v;
  }
  // du/dx_d
  KOKKOS_INLINE_FUNCTION double du(int d, const double* x) const {
    double v = a[d] * math::cos(theta(d, x));
    for (int e = 0; e < dim; ++e) {
      if (e != d) v *= math::sin(theta(e, x));
    }
    return v;
  }
  KOKKOS_INLINE_FUNCTION double k(const double* x) const {
    if (!variable_k) return 1.0;
    double v = 1.0;
    for (int d = 0; d < dim; ++d) v += 0.25 * math::cos(kTwoPi * (x[d] - lower[d]) / length[d]);
    return v;
  }
  KOKKOS_INLINE_FUNCTION double dk(int d, const double* x) const {
    if (!variable_k) return 0.0;
    return -0.25 * kTwoPi / length[d] * math::sin(kTwoPi * (x[d] - lower[d]) / length[d]);
  }
  KOKKOS_INLINE_FUNCTION double f(const double* x) const {
    double a2 = 0.0, grad = 0.0;
    for (int d = 0; d < dim; ++d) {
      a2 += a[d] * a[d];
      grad += dk(d, x) * du(d, x);
    }
    return k(x) * a2 * u(x) - grad;
  }

  static constexpr double kTwoPi = 6.28318530717958647692;
};

}  // namespace boreas::poisson
