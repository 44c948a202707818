#include "physics/fv/riemann.hpp"

namespace boreas::fv {

void flux_divergence(const Mesh& mesh, int axis, const FieldView& flux, const FieldView& dudt,
                     bool accumulate, int nvar) {
  const int n = nvar < 0 ? static_cast<int>(dudt.extent(0)) : nvar;
  const AxisStep s(axis);
  const int di = s.di, dj = s.dj, dk = s.dk;
  const double inv_h = 1.0 / mesh.dx(axis);
  if (accumulate) {
    par_for(
        "fv_flux_divergence_add", n, mesh.interior(), KOKKOS_LAMBDA(int v, int k, int j, int i) {
          dudt(v, k, j, i) -= (flux(v, k + dk, j + dj, i + di) - flux(v, k, j, i)) * inv_h;
        });
  } else {
    par_for(
        "fv_flux_divergence", n, mesh.interior(), KOKKOS_LAMBDA(int v, int k, int j, int i) {
          dudt(v, k, j, i) = -(flux(v, k + dk, j + dj, i + di) - flux(v, k, j, i)) * inv_h;
        });
  }
}

}  // namespace boreas::fv
