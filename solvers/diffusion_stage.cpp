#include "solvers/diffusion_stage.hpp"

namespace boreas {
namespace {

// One template per (reads u0?, has source?) so the common cases stream the
// minimum number of arrays: a forward-Euler step without source reads u and
// writes out, 16 bytes per cell.
template <bool ReadU0, bool WithSource>
void stage_kernel(const Box& box, int dim, const FieldView& out, const FieldView& u0,
                  const FieldView& u, const FieldView& profile,
                  const DiffusionStageCoefficients& c) {
  // Neighbour offsets of absent directions are 0: their term is exactly 0.
  const int oy = dim >= 2 ? 1 : 0;
  const int oz = dim >= 3 ? 1 : 0;
  // euler = u + dt (kappa lap u + g s) written as a weighted sum of the
  // centre and the neighbour pairs: 10 flops per cell instead of 17, and a
  // convex combination (w0 >= 0) under the forward-Euler stability limit.
  const double a = c.a, b = c.b;
  const double dcx = c.dt * c.cx, dcy = c.dt * c.cy, dcz = c.dt * c.cz;
  const double w0 = 1.0 - 2.0 * (dcx + dcy + dcz);
  const double dg = c.dt * c.source;
  par_for_rows(
      "diffusion_stage", box, KOKKOS_LAMBDA(const int k, const int j, const int i0, const int i1) {
        const double* BOREAS_RESTRICT uc = &u(0, k, j, 0);
        const double* BOREAS_RESTRICT us = &u(0, k, j - oy, 0);
        const double* BOREAS_RESTRICT un = &u(0, k, j + oy, 0);
        const double* BOREAS_RESTRICT ub = &u(0, k - oz, j, 0);
        const double* BOREAS_RESTRICT ut = &u(0, k + oz, j, 0);
        double* BOREAS_RESTRICT o = &out(0, k, j, 0);
        const double* BOREAS_RESTRICT o0 = ReadU0 ? &u0(0, k, j, 0) : nullptr;
        const double* BOREAS_RESTRICT src = WithSource ? &profile(0, k, j, 0) : nullptr;
        // Captured here, not first inside `if constexpr` (nvcc refuses that).
        const double wa = a, wb = b, wg = dg;
        BOREAS_SIMD
        for (int i = i0; i < i1; ++i) {
          double euler = w0 * uc[i] + dcx * (uc[i - 1] + uc[i + 1]) + dcy * (us[i] + un[i]) +
                         dcz * (ub[i] + ut[i]);
          if constexpr (WithSource) euler += wg * src[i];
          if constexpr (ReadU0) {
            o[i] = wa * o0[i] + wb * euler;
          } else {
            o[i] = euler;  // a == 0 and b == 1 (checked by the caller)
          }
        }
      });
}

}  // namespace

void diffusion_stage(const Box& box, int dim, const FieldView& out, const FieldView& u0,
                     const FieldView& u, const FieldView& profile, bool with_source,
                     const DiffusionStageCoefficients& c) {
  // The lean variant covers the first stage of every scheme (a = 0, b = 1).
  const bool read_u0 = !(c.a == 0.0 && c.b == 1.0);
  if (read_u0 && with_source) return stage_kernel<true, true>(box, dim, out, u0, u, profile, c);
  if (read_u0) return stage_kernel<true, false>(box, dim, out, u0, u, profile, c);
  if (with_source) return stage_kernel<false, true>(box, dim, out, u0, u, profile, c);
  stage_kernel<false, false>(box, dim, out, u0, u, profile, c);
}

}  // namespace boreas
