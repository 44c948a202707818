#include "physics/ns/ns_output.hpp"

#include "core/math.hpp"

namespace boreas::ns {
namespace {

// Component a averaged over the two a-faces of cell (k, j, i).
KOKKOS_INLINE_FUNCTION double centred(const FieldView& vel, int a, int k, int j, int i) {
  const int di = a == 0, dj = a == 1, dk = a == 2;
  return 0.5 * (vel(a, k, j, i) + vel(a, k + dk, j + dj, i + di));
}

// d u_a / d x_b at the centre of cell (k, j, i), a != b.
KOKKOS_INLINE_FUNCTION double derivative(const FieldView& vel, int a, int b, double inv_2h, int k,
                                         int j, int i) {
  const int di = b == 0, dj = b == 1, dk = b == 2;
  return (centred(vel, a, k + dk, j + dj, i + di) - centred(vel, a, k - dk, j - dj, i - di)) *
         inv_2h;
}

}  // namespace

void cell_velocity(const Mesh& mesh, const FieldView& vel, const FieldView& out) {
  const int dim = mesh.dim();
  par_for(
      "ns_cell_velocity", mesh.interior(), KOKKOS_LAMBDA(const int k, const int j, const int i) {
        for (int c = 0; c < dim; ++c) out(c, k, j, i) = centred(vel, c, k, j, i);
      });
}

void cell_speed(const Mesh& mesh, const FieldView& vel, const FieldView& out) {
  const int dim = mesh.dim();
  par_for(
      "ns_cell_speed", mesh.interior(), KOKKOS_LAMBDA(const int k, const int j, const int i) {
        double s = 0.0;
        for (int c = 0; c < dim; ++c) {
          const double u = centred(vel, c, k, j, i);
          s += u * u;
        }
        out(0, k, j, i) = math::sqrt(s);
      });
}

void cell_vorticity(const Mesh& mesh, const FieldView& vel, const FieldView& out) {
  const double r[3] = {0.5 / mesh.dx(0), 0.5 / mesh.dx(1), mesh.dim() > 2 ? 0.5 / mesh.dx(2) : 0.0};
  const double rx = r[0], ry = r[1], rz = r[2];
  if (mesh.dim() == 2) {
    par_for(
        "ns_vorticity_2d", mesh.interior(), KOKKOS_LAMBDA(const int k, const int j, const int i) {
          out(0, k, j, i) = derivative(vel, 1, 0, rx, k, j, i) - derivative(vel, 0, 1, ry, k, j, i);
        });
    return;
  }
  par_for(
      "ns_vorticity_3d", mesh.interior(), KOKKOS_LAMBDA(const int k, const int j, const int i) {
        out(0, k, j, i) = derivative(vel, 2, 1, ry, k, j, i) - derivative(vel, 1, 2, rz, k, j, i);
        out(1, k, j, i) = derivative(vel, 0, 2, rz, k, j, i) - derivative(vel, 2, 0, rx, k, j, i);
        out(2, k, j, i) = derivative(vel, 1, 0, rx, k, j, i) - derivative(vel, 0, 1, ry, k, j, i);
      });
}

}  // namespace boreas::ns
