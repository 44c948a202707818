#pragma once
// The exact solution of the Riemann problem of the 1D shallow-water
// equations (h, hu) with a flat bottom, for any left and right states with
// h >= 0: the dam break of docs/shallow_water.md (Stoker's wet bed,
// Ritter's dry bed) and every other case, after the method of Toro's
// "Shock-capturing methods for free-surface shallow flows" (2001), written
// here from the formulas of that method:
//
//   wet bed (both h > 0, no dry region): the middle depth h* solves
//     f(h*) = f_L(h*) + f_R(h*) + u_R - u_L = 0,
//     f_K(h) = 2 (sqrt(g h) - sqrt(g h_K))                       h <= h_K (rarefaction)
//            = (h - h_K) sqrt(g (h + h_K) / (2 h h_K))            h >  h_K (shock)
//   (Newton's method from the two-rarefaction estimate, safeguarded by
//   bisection on a bracket), u* = (u_L + u_R + f_R(h*) - f_L(h*)) / 2;
//   a shock of side K moves at u_K -/+ c_K sqrt((h* + h_K) h* / (2 h_K^2)),
//   a rarefaction spans u_K -/+ c_K .. u* -/+ c* with, inside the fan,
//   c = (u_L + 2 c_L - xi) / 3, u = (u_L + 2 c_L + 2 xi) / 3 (left) and
//   c = (-u_R + 2 c_R + xi) / 3, u = (u_R - 2 c_R + 2 xi) / 3 (right);
//   c = sqrt(g h), xi = (x - x0) / t;
//   dry bed on the right (h_R = 0): one left rarefaction from u_L - c_L to
//     the front u_L + 2 c_L, dry beyond (Ritter when u_L = 0); on the left
//     likewise, from u_R - 2 c_R to u_R + c_R;
//   dry region generated (u_R - u_L >= 2 (c_L + c_R)): two rarefactions
//     with a dry middle between u_L + 2 c_L and u_R - 2 c_R.
//
// solve() runs on the host; sample() is a kernel function (h_exact, the
// error diagnostics).
#include "core/exec.hpp"
#include "core/math.hpp"

namespace boreas::shallow_water {

struct ExactRiemann {
  enum Structure : int { all_dry, wet, dry_right, dry_left, dry_middle };

  double g = 9.81;
  double hL = 0.0, uL = 0.0, hR = 0.0, uR = 0.0;
  // Filled by solve():
  int structure = all_dry;
  double h_star = 0.0, u_star = 0.0;

  // Finds the structure and the middle state; throws RuntimeError if the
  // iteration fails (it does not for h >= 0 and g > 0).
  void solve();

  // f_K(h) and its derivative, for one side's depth hK (h, hK > 0).
  static double side_function(double g, double h, double hK, double* derivative);

  // The depth and velocity at xi = (x - x0) / t (t > 0).
  KOKKOS_INLINE_FUNCTION void sample(double xi, double& h, double& u) const {
    const double cL = math::sqrt(g * hL), cR = math::sqrt(g * hR);
    h = 0.0;
    u = 0.0;
    if (structure == all_dry) return;
    if (structure == dry_right || (structure == dry_middle && xi <= uL + 2.0 * cL)) {
      if (xi <= uL - cL) {
        h = hL;
        u = uL;
      } else if (xi < uL + 2.0 * cL) {
        const double c = (uL + 2.0 * cL - xi) / 3.0;
        h = c * c / g;
        u = (uL + 2.0 * cL + 2.0 * xi) / 3.0;
      }
      return;
    }
    if (structure == dry_left || structure == dry_middle) {
      if (xi >= uR + cR) {
        h = hR;
        u = uR;
      } else if (xi > uR - 2.0 * cR) {
        const double c = (-uR + 2.0 * cR + xi) / 3.0;
        h = c * c / g;
        u = (uR - 2.0 * cR + 2.0 * xi) / 3.0;
      }
      return;
    }
    // Wet bed: left wave, middle state, right wave.
    const double cs = math::sqrt(g * h_star);
    if (xi <= u_star) {
      if (h_star > hL) {  // left shock
        const double s = uL - cL * math::sqrt(0.5 * (h_star + hL) * h_star / (hL * hL));
        h = xi <= s ? hL : h_star;
        u = xi <= s ? uL : u_star;
      } else if (xi <= uL - cL) {  // ahead of the left rarefaction
        h = hL;
        u = uL;
      } else if (xi >= u_star - cs) {  // behind it
        h = h_star;
        u = u_star;
      } else {
        const double c = (uL + 2.0 * cL - xi) / 3.0;
        h = c * c / g;
        u = (uL + 2.0 * cL + 2.0 * xi) / 3.0;
      }
    } else {
      if (h_star > hR) {  // right shock
        const double s = uR + cR * math::sqrt(0.5 * (h_star + hR) * h_star / (hR * hR));
        h = xi >= s ? hR : h_star;
        u = xi >= s ? uR : u_star;
      } else if (xi >= uR + cR) {
        h = hR;
        u = uR;
      } else if (xi <= u_star + cs) {
        h = h_star;
        u = u_star;
      } else {
        const double c = (-uR + 2.0 * cR + xi) / 3.0;
        h = c * c / g;
        u = (uR - 2.0 * cR + 2.0 * xi) / 3.0;
      }
    }
  }

  // The mean depth over [xa, xb] (x measured from the initial
  // discontinuity) at time t: the initial step for t = 0, else a composite
  // 3-point Gauss-Legendre rule on 8 panels (exact inside the fans, where
  // h is quadratic in x, up to the one panel a shock crosses).
  KOKKOS_INLINE_FUNCTION double mean_depth(double xa, double xb, double t) const {
    if (!(t > 0.0)) {
      if (xb <= 0.0) return hL;
      if (xa >= 0.0) return hR;
      return (hL * (0.0 - xa) + hR * xb) / (xb - xa);
    }
    constexpr int kPanels = 8;
    const double node[3] = {-0.7745966692414834, 0.0, 0.7745966692414834};
    const double weight[3] = {5.0 / 18.0, 8.0 / 18.0, 5.0 / 18.0};
    const double w = (xb - xa) / kPanels;
    double sum = 0.0;
    for (int p = 0; p < kPanels; ++p) {
      const double mid = xa + (p + 0.5) * w;
      for (int q = 0; q < 3; ++q) {
        double h = 0.0, u = 0.0;
        sample((mid + 0.5 * w * node[q]) / t, h, u);
        sum += weight[q] * h;
      }
    }
    return sum / kPanels;
  }
};

}  // namespace boreas::shallow_water
