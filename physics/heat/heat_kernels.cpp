#include "physics/heat/heat_kernels.hpp"

namespace boreas::heat {
namespace {

// One template per (reads u0?, has source?) so the common cases stream the
// minimum number of arrays: a forward-Euler step without source reads u and
// writes out, 16 bytes per cell.
template <bool ReadU0, bool WithSource>
void stage_kernel(const Box& box, int dim, const FieldView& out, const FieldView& u0,
                  const FieldView& u, const FieldView& profile, const StageCoefficients& c) {
  // Neighbour offsets of absent directions are 0: their term is exactly 0.
  const int oy = dim >= 2 ? 1 : 0;
  const int oz = dim >= 3 ? 1 : 0;
  const double a = c.a, b = c.b, dt = c.dt, cx = c.cx, cy = c.cy, cz = c.cz, g = c.source;
  par_for(
      "heat_stage", box, KOKKOS_LAMBDA(const int k, const int j, const int i) {
        const double uc = u(0, k, j, i);
        double rhs = cx * (u(0, k, j, i - 1) - 2.0 * uc + u(0, k, j, i + 1)) +
                     cy * (u(0, k, j - oy, i) - 2.0 * uc + u(0, k, j + oy, i)) +
                     cz * (u(0, k - oz, j, i) - 2.0 * uc + u(0, k + oz, j, i));
        if constexpr (WithSource) rhs += g * profile(0, k, j, i);
        const double euler = uc + dt * rhs;
        if constexpr (ReadU0) {
          out(0, k, j, i) = a * u0(0, k, j, i) + b * euler;
        } else {
          out(0, k, j, i) = b * euler;
        }
      });
}

}  // namespace

void heat_stage(const Box& box, int dim, const FieldView& out, const FieldView& u0,
                const FieldView& u, const FieldView& profile, bool with_source,
                const StageCoefficients& c) {
  const bool read_u0 = c.a != 0.0;
  if (read_u0 && with_source) return stage_kernel<true, true>(box, dim, out, u0, u, profile, c);
  if (read_u0) return stage_kernel<true, false>(box, dim, out, u0, u, profile, c);
  if (with_source) return stage_kernel<false, true>(box, dim, out, u0, u, profile, c);
  stage_kernel<false, false>(box, dim, out, u0, u, profile, c);
}

}  // namespace boreas::heat
