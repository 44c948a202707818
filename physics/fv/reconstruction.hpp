#pragma once
// Finite-volume building blocks: reconstruction of face values from cell
// means, along one axis of a multi-variable field (docs/advection.md,
// "Discretisation"). Used by every conservation-law app.
//
// A cell c along an axis has a lower face (c - 1/2) and an upper face
// (c + 1/2). reconstruct() writes, for every variable, the value of the
// cell's reconstruction at its lower face into `lo` and at its upper face
// into `hi`; the face between cells c - 1 and c then sees hi(c - 1) from
// the left and lo(c) from the right (riemann.hpp).
//
//   first_order   lo = hi = q_c
//   plm_*         lo/hi = q_c -/+ s/2,  s = limiter(q_c - q_{c-1}, q_{c+1} - q_c)
//                 minmod(a, b)   = sign(a) min(|a|, |b|)                 if ab > 0
//                 mc(a, b)       = sign(a) min(2|a|, 2|b|, |a + b| / 2)  if ab > 0
//                 van_leer(a, b) = 2ab / (a + b)                         if ab > 0
//                 and 0 otherwise: the face values stay between the neighbours' means
//   weno5         Jiang & Shu (1996): three 3-cell candidate parabolas blended by
//                 smoothness indicators, fifth order on smooth data
//
// The cells reconstructed are the interior plus one layer on each side
// along the axis (the faces of the interior need both neighbours' values),
// so a scheme reads ghost_cells(scheme) ghost layers: 1, 2 or 3.
#include <string>
#include <utility>
#include <vector>

#include "core/exec.hpp"
#include "core/math.hpp"
#include "mesh/mesh.hpp"

namespace boreas::fv {

enum class Reconstruction { first_order, plm_minmod, plm_mc, plm_van_leer, weno5 };

// Deck names ("upwind", "plm_minmod", "plm_mc", "plm_van_leer", "weno5") for
// io::Keys::choice, so that every app spells the schemes alike.
std::vector<std::pair<std::string, Reconstruction>> reconstruction_choices();
std::string reconstruction_name(Reconstruction r);
// Ghost layers the reconstruction reads beyond the interior: 1, 2 or 3.
int ghost_cells(Reconstruction r);
// Formal order on smooth data (1, 2 or 5).
int formal_order(Reconstruction r);

// --- the limiters and reconstructions, for kernels ---------------------------

KOKKOS_INLINE_FUNCTION double minmod(double a, double b) {
  if (a * b <= 0.0) return 0.0;
  const double m = math::fabs(a) < math::fabs(b) ? math::fabs(a) : math::fabs(b);
  return a > 0.0 ? m : -m;
}

KOKKOS_INLINE_FUNCTION double monotonized_central(double a, double b) {
  if (a * b <= 0.0) return 0.0;
  double m = 2.0 * math::fabs(a);
  if (2.0 * math::fabs(b) < m) m = 2.0 * math::fabs(b);
  const double c = 0.5 * math::fabs(a + b);
  if (c < m) m = c;
  return a > 0.0 ? m : -m;
}

KOKKOS_INLINE_FUNCTION double van_leer(double a, double b) {
  if (a * b <= 0.0) return 0.0;
  return 2.0 * a * b / (a + b);
}

// The limited slope (per cell) of PLM from the two one-sided differences.
KOKKOS_INLINE_FUNCTION double limited_slope(Reconstruction r, double minus, double plus) {
  switch (r) {
    case Reconstruction::plm_minmod:
      return minmod(minus, plus);
    case Reconstruction::plm_mc:
      return monotonized_central(minus, plus);
    case Reconstruction::plm_van_leer:
      return van_leer(minus, plus);
    default:
      return 0.0;
  }
}

// WENO5-JS value at the face between v2 (= q_c) and v3 (= q_{c+1}), seen from
// q_c's side, from the five means q_{c-2} .. q_{c+2} (v0 .. v4). The value at
// q_c's lower face is the same function of the means in reverse order.
KOKKOS_INLINE_FUNCTION double weno5_face(double v0, double v1, double v2, double v3, double v4) {
  constexpr double eps = 1e-6;  // keeps the weights finite where beta = 0 (Jiang & Shu)
  const double p0 = (2.0 * v0 - 7.0 * v1 + 11.0 * v2) / 6.0;
  const double p1 = (-v1 + 5.0 * v2 + 2.0 * v3) / 6.0;
  const double p2 = (2.0 * v2 + 5.0 * v3 - v4) / 6.0;
  const double a0 = v0 - 2.0 * v1 + v2, b0 = v0 - 4.0 * v1 + 3.0 * v2;
  const double a1 = v1 - 2.0 * v2 + v3, b1 = v1 - v3;
  const double a2 = v2 - 2.0 * v3 + v4, b2 = 3.0 * v2 - 4.0 * v3 + v4;
  const double beta0 = 13.0 / 12.0 * a0 * a0 + 0.25 * b0 * b0;
  const double beta1 = 13.0 / 12.0 * a1 * a1 + 0.25 * b1 * b1;
  const double beta2 = 13.0 / 12.0 * a2 * a2 + 0.25 * b2 * b2;
  const double w0 = 0.1 / ((eps + beta0) * (eps + beta0));
  const double w1 = 0.6 / ((eps + beta1) * (eps + beta1));
  const double w2 = 0.3 / ((eps + beta2) * (eps + beta2));
  return (w0 * p0 + w1 * p1 + w2 * p2) / (w0 + w1 + w2);
}

// Index steps (di, dj, dk) of one cell along `axis` (0 = x = i, 1 = y = j, 2 = z = k).
struct AxisStep {
  int di = 0, dj = 0, dk = 0;
  explicit AxisStep(int axis) : di(axis == 0), dj(axis == 1), dk(axis == 2) {}
};

// The interior of `mesh` grown by `layers` cells on both sides along `axis`.
Box grown_along(const Mesh& mesh, int axis, int layers);

// lo(v), hi(v) = the reconstruction of q(v) at the lower and upper faces
// along `axis` of every interior cell and of one more layer on each side,
// for the first `nvar` variables (all of q's when nvar < 0). q's ghosts
// along the axis must be filled (ghost_cells(r) layers); lo and hi have
// q's shape.
void reconstruct(const Mesh& mesh, const FieldView& q, int axis, Reconstruction r,
                 const FieldView& lo, const FieldView& hi, int nvar = -1);

}  // namespace boreas::fv
