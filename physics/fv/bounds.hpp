#pragma once
// The bound-preserving (positivity) limiter of Zhang & Shu (2010): scales a
// cell's reconstructed face values towards its mean until they, and the
// interior value the mean decomposition implies, lie within [lower, upper].
//
// For one axis, a cell's mean splits as
//     q_c = w lo + w hi + (1 - 2w) q*,       q* = (q_c - w (lo + hi)) / (1 - 2w),
// with w the end weight of a Gauss–Lobatto rule that integrates the
// reconstruction exactly: w = 1/2 for a linear one (q* drops out), 1/12
// (four points) for the quartic of WENO5. The limiter replaces
//     lo, hi  by  q_c + theta (lo - q_c), q_c + theta (hi - q_c),
//     theta = min(1, (upper - q_c) / (max(lo, hi, q*) - q_c), (q_c - lower) / (q_c - min(lo, hi,
//     q*))),
// which leaves the mean unchanged and changes smooth data by O(h^{p+1}).
// With these face values, a flux-form update with the upwind (or HLL,
// Rusanov) flux and a discretely divergence-free face velocity is a convex
// combination of values in [lower, upper] when
//     dt sum_d max|u_d| / h_d <= w,
// and so is every SSP-RK stage: the cell means keep the bounds. With a
// lower bound only (positivity of a depth or a tracer), pass
// upper = +infinity (kNoBound).
#include <limits>

#include "mesh/mesh.hpp"
#include "physics/fv/reconstruction.hpp"

namespace boreas::fv {

constexpr double kNoBound = std::numeric_limits<double>::infinity();

struct BoundsLimit {
  int var = 0;               // the component whose values are bounded
  double lower = -kNoBound;  // bounds of that component
  double upper = kNoBound;
  double weight = 0.5;  // w above: bounds_weight(reconstruction)
  // Scale every variable of the cell by the same theta (a depth's limiter
  // applied to the momenta too, so velocities stay bounded at a dry front),
  // or `var` only.
  bool all_vars = false;
};

// w for a reconstruction: 1/2 up to second order, 1/12 for WENO5.
double bounds_weight(Reconstruction r);

// The largest sum over the axes of dt max|u_d| / h_d for which the
// reconstruction with the upwind flux and an SSP-RK integrator keeps the
// cell means within bounds: w = bounds_weight(r) with the limiter, 1/2
// (PLM's TVD limit, also used for WENO5's linear stability) without.
double courant_limit(Reconstruction r, bool bounded);

// Applies the limiter to the face values `lo`, `hi` of q (reconstruct's
// output, same cells) along `axis`.
void limit_to_bounds(const Mesh& mesh, const FieldView& q, int axis, const BoundsLimit& limit,
                     const FieldView& lo, const FieldView& hi);

// The scaling factor theta of one cell (for kernels and tests).
KOKKOS_INLINE_FUNCTION double bounds_theta(double mean, double lo, double hi, double w,
                                           double lower, double upper) {
  double mn = lo < hi ? lo : hi;
  double mx = lo < hi ? hi : lo;
  if (w < 0.5) {
    const double mid = (mean - w * (lo + hi)) / (1.0 - 2.0 * w);
    if (mid < mn) mn = mid;
    if (mid > mx) mx = mid;
  }
  double theta = 1.0;
  if (mx > upper) {
    const double t = (upper - mean) / (mx - mean);
    if (t < theta) theta = t;
  }
  if (mn < lower) {
    const double t = (mean - lower) / (mean - mn);
    if (t < theta) theta = t;
  }
  return theta > 0.0 ? theta : 0.0;  // a mean outside the bounds (rounding): first order
}

}  // namespace boreas::fv
