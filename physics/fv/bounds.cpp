#include "physics/fv/bounds.hpp"

namespace boreas::fv {

double bounds_weight(Reconstruction r) {
  return r == Reconstruction::weno5 ? 1.0 / 12.0 : 0.5;
}

double courant_limit(Reconstruction r, bool bounded) {
  return bounded ? bounds_weight(r) : 0.5;
}

void limit_to_bounds(const Mesh& mesh, const FieldView& q, int axis, const BoundsLimit& limit,
                     const FieldView& lo, const FieldView& hi) {
  const Box box = grown_along(mesh, axis, 1);
  const int var = limit.var;
  const double w = limit.weight, lower = limit.lower, upper = limit.upper;
  const int v0 = limit.all_vars ? 0 : var;
  const int v1 = limit.all_vars ? static_cast<int>(q.extent(0)) : var + 1;
  par_for(
      "fv_limit_to_bounds", box, KOKKOS_LAMBDA(int k, int j, int i) {
        const double theta =
            bounds_theta(q(var, k, j, i), lo(var, k, j, i), hi(var, k, j, i), w, lower, upper);
        if (theta >= 1.0) return;
        for (int v = v0; v < v1; ++v) {
          const double mean = q(v, k, j, i);
          lo(v, k, j, i) = mean + theta * (lo(v, k, j, i) - mean);
          hi(v, k, j, i) = mean + theta * (hi(v, k, j, i) - mean);
        }
      });
}

}  // namespace boreas::fv
