#include "physics/shallow_water/exact_riemann.hpp"

#include <cmath>

#include "core/error.hpp"
#include "physics/shallow_water/shallow_water.hpp"

namespace boreas::shallow_water {

double ExactRiemann::side_function(double g, double h, double hK, double* derivative) {
  if (h <= hK) {  // rarefaction
    if (derivative) *derivative = std::sqrt(g / h);
    return 2.0 * (std::sqrt(g * h) - std::sqrt(g * hK));
  }
  const double gk = std::sqrt(0.5 * g * (h + hK) / (h * hK));  // shock
  if (derivative) *derivative = gk - 0.25 * g * (h - hK) / (h * h * gk);
  return (h - hK) * gk;
}

void ExactRiemann::solve() {
  h_star = 0.0;
  u_star = 0.0;
  const double cL = std::sqrt(g * hL), cR = std::sqrt(g * hR);
  if (hL <= 0.0 && hR <= 0.0) {
    structure = all_dry;
    return;
  }
  if (hR <= 0.0) {
    structure = dry_right;
    return;
  }
  if (hL <= 0.0) {
    structure = dry_left;
    return;
  }
  if (uR - uL >= 2.0 * (cL + cR)) {
    structure = dry_middle;
    return;
  }
  structure = wet;
  auto f = [&](double h, double* df) {
    double dl = 0.0, dr = 0.0;
    const double v = side_function(g, h, hL, &dl) + side_function(g, h, hR, &dr) + uR - uL;
    *df = dl + dr;
    return v;
  };
  // f increases with h; f(0+) < 0 here (no dry middle). Bracket the root.
  double lo = 0.0, hi = hL > hR ? hL : hR;
  double d = 0.0;
  while (f(hi, &d) < 0.0) {
    lo = hi;
    hi *= 2.0;
    if (hi > 1e300) throw RuntimeError("exact Riemann solver: no middle depth found");
  }
  // The two-rarefaction estimate, inside the bracket.
  const double c0 = 0.5 * (cL + cR) - 0.25 * (uR - uL);
  double h = c0 * c0 / g;
  if (!(h > lo && h < hi)) h = 0.5 * (lo + hi);
  for (int it = 0; it < 200; ++it) {
    const double v = f(h, &d);
    if (v == 0.0) break;
    if (v < 0.0) {
      lo = h;
    } else {
      hi = h;
    }
    double next = h - v / d;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);  // bisection
    const bool done = std::fabs(next - h) <= 1e-15 * h;
    h = next;
    if (done || hi - lo <= 1e-15 * hi) break;
  }
  h_star = h;
  double dummy = 0.0;
  u_star =
      0.5 * (uL + uR) + 0.5 * (side_function(g, h, hR, &dummy) - side_function(g, h, hL, &dummy));
}

void exact_riemann_state(double g, double hL, double uL, double hR, double uR, double xi, double& h,
                         double& u) {
  ExactRiemann r;
  r.g = g;
  r.hL = hL;
  r.uL = uL;
  r.hR = hR;
  r.uR = uR;
  r.solve();
  r.sample(xi, h, u);
}

}  // namespace boreas::shallow_water
