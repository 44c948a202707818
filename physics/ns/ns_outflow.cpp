// The outflow faces' share of the ns state and diagnostics: an upper
// outflow face's normal velocity copied to and from a checkpointed field,
// and the volume fluxes through the inflow and outflow faces.
#include "physics/ns/ns_boundaries.hpp"

namespace boreas::ns {
namespace {

void copy_upper_outflow(const Mesh& mesh, const FieldView& vel, const FieldView& store,
                        const VelocityBoundaries& faces, bool save) {
  for (int d = 0; d < mesh.dim(); ++d) {
    const Face face = static_cast<Face>(2 * d + 1);
    if (faces[2 * d + 1].type != BoundaryType::outflow || !mesh.is_physical_boundary(face))
      continue;
    const int last = mesh.ghost(d) + mesh.local_cells(d) - 1;
    Box layer = mesh.interior();
    int* lo[3] = {&layer.i0, &layer.j0, &layer.k0};
    int* hi[3] = {&layer.i1, &layer.j1, &layer.k1};
    *lo[d] = last;
    *hi[d] = last + 1;
    const int di = d == 0, dj = d == 1, dk = d == 2;
    par_for(
        "ns_upper_outflow_copy", layer, KOKKOS_LAMBDA(const int k, const int j, const int i) {
          if (save) {
            store(d, k, j, i) = vel(d, k + dk, j + dj, i + di);
          } else {
            vel(d, k + dk, j + dj, i + di) = store(d, k, j, i);
          }
        });
  }
}
}  // namespace

bool has_upper_outflow(const VelocityBoundaries& faces, int dim) {
  for (int d = 0; d < dim; ++d) {
    if (faces[2 * d + 1].type == BoundaryType::outflow) return true;
  }
  return false;
}

void save_upper_outflow(const Mesh& mesh, const FieldView& vel, const FieldView& store,
                        const VelocityBoundaries& faces) {
  copy_upper_outflow(mesh, vel, store, faces, true);
}

void load_upper_outflow(const Mesh& mesh, const FieldView& vel, const FieldView& store,
                        const VelocityBoundaries& faces) {
  copy_upper_outflow(mesh, vel, store, faces, false);
}

BoundaryFluxes boundary_fluxes(const Mesh& mesh, const FieldView& vel,
                               const VelocityBoundaries& faces) {
  double in = 0.0, out = 0.0;
  for (int f = 0; f < 2 * mesh.dim(); ++f) {
    const Face face = static_cast<Face>(f);
    const BoundaryType t = faces[f].type;
    if ((t != BoundaryType::inflow && t != BoundaryType::outflow) ||
        !mesh.is_physical_boundary(face)) {
      continue;
    }
    const int d = face_dir(face), g = mesh.ghost(d), n = mesh.local_cells(d);
    const bool upper = face_is_upper(face);
    Box s = mesh.interior();
    int* lo[3] = {&s.i0, &s.j0, &s.k0};
    int* hi[3] = {&s.i1, &s.j1, &s.k1};
    *lo[d] = upper ? g + n : g;
    *hi[d] = *lo[d] + 1;
    double sum = 0.0;
    par_reduce(
        "ns_face_flux", s,
        KOKKOS_LAMBDA(const int k, const int j, const int i, double& acc) {
          acc += vel(d, k, j, i);
        },
        Kokkos::Sum<double>(sum));
    const double area = mesh.cell_volume() / mesh.dx(d);
    const double outward = (upper ? sum : -sum) * area;
    if (t == BoundaryType::inflow)
      in -= outward;
    else
      out += outward;
  }
  const Context& ctx = mesh.context();
  return {ctx.sum(in), ctx.sum(out)};
}

}  // namespace boreas::ns
