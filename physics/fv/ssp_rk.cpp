#include "physics/fv/ssp_rk.hpp"

namespace boreas::fv {

void rk_combine(const Mesh& mesh, const FieldView& out, double a, const FieldView& u0, double b,
                const FieldView& u, double dt, const FieldView& k) {
  const int nvar = static_cast<int>(out.extent(0));
  if (a == 0.0) {
    par_for(
        "fv_rk_stage", nvar, mesh.interior(), KOKKOS_LAMBDA(int v, int kk, int j, int i) {
          out(v, kk, j, i) = b * (u(v, kk, j, i) + dt * k(v, kk, j, i));
        });
  } else {
    par_for(
        "fv_rk_stage", nvar, mesh.interior(), KOKKOS_LAMBDA(int v, int kk, int j, int i) {
          out(v, kk, j, i) = a * u0(v, kk, j, i) + b * (u(v, kk, j, i) + dt * k(v, kk, j, i));
        });
  }
}

SspRk::SspRk(TimeScheme scheme, const Mesh& mesh, int nvar)
    : mesh_(&mesh), integrator_(scheme, mesh, nvar), dudt_(mesh.make_field("fv_dudt", nvar)) {}

int SspRk::work_fields(TimeScheme scheme) {
  return (scheme == TimeScheme::ssp_rk3 ? 2 : 1) + 1;
}

}  // namespace boreas::fv
