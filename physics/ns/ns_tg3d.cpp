#include "physics/ns/ns_tg3d.hpp"

#include <cmath>

#include "core/math.hpp"
#include "core/exec.hpp"

namespace boreas::ns {
namespace {

constexpr double kTwoPi = 6.28318530717958647692;

struct TaylorGreen3D {
  double U = 1.0;
  double a[3] = {1, 1, 1};
  double lower[3] = {0, 0, 0};
  double h[3] = {1, 1, 1};
  int off[3] = {0, 0, 0};  // global index of local index 0

  // Component c at its (lower) face of local cell (k, j, i); c = 3: the
  // pressure at the cell centre.
  KOKKOS_INLINE_FUNCTION double value(int c, int k, int j, int i) const {
    const int idx[3] = {i, j, k};
    double x[3];
    for (int d = 0; d < 3; ++d) x[d] = lower[d] + (off[d] + idx[d] + (d == c ? 0.0 : 0.5)) * h[d];
    if (c == 0) return U * math::sin(a[0] * x[0]) * math::cos(a[1] * x[1]) * math::cos(a[2] * x[2]);
    if (c == 1) {
      return -U * (a[0] / a[1]) * math::cos(a[0] * x[0]) * math::sin(a[1] * x[1]) *
             math::cos(a[2] * x[2]);
    }
    if (c == 2) return 0.0;
    return U * U / 16.0 * (math::cos(2 * a[0] * x[0]) + math::cos(2 * a[1] * x[1])) *
           (math::cos(2 * a[2] * x[2]) + 2.0);
  }
};

}  // namespace

void set_taylor_green_3d(const Mesh& mesh, const FieldView& vel, const FieldView& p,
                         double amplitude) {
  TaylorGreen3D tg;
  tg.U = amplitude;
  for (int d = 0; d < 3; ++d) {
    tg.a[d] = kTwoPi / (mesh.upper(d) - mesh.lower(d));
    tg.lower[d] = mesh.lower(d);
    tg.h[d] = mesh.dx(d);
    tg.off[d] = mesh.offset(d) - mesh.ghost(d);
  }
  par_for(
      "ns_taylor_green_3d", mesh.interior(), KOKKOS_LAMBDA(const int k, const int j, const int i) {
        for (int c = 0; c < 3; ++c) vel(c, k, j, i) = tg.value(c, k, j, i);
        p(0, k, j, i) = tg.value(3, k, j, i);
      });
}

double mean_kinetic_energy(const Mesh& mesh, const FieldView& vel) {
  const int dim = mesh.dim();
  double s = 0.0;
  par_reduce(
      "ns_mean_ke", mesh.interior(),
      KOKKOS_LAMBDA(const int k, const int j, const int i, double& acc) {
        for (int c = 0; c < dim; ++c) acc += vel(c, k, j, i) * vel(c, k, j, i);
      },
      Kokkos::Sum<double>(s));
  return 0.5 * mesh.context().sum(s) / static_cast<double>(mesh.global_cell_count());
}

double mean_viscous_dissipation(const Mesh& mesh, const FieldView& vel, double nu) {
  const int dim = mesh.dim();
  double inv_h2[3] = {1, 1, 1};
  for (int d = 0; d < dim; ++d) inv_h2[d] = 1.0 / (mesh.dx(d) * mesh.dx(d));
  const double w0 = inv_h2[0], w1 = inv_h2[1], w2 = inv_h2[2];
  double s = 0.0;
  // Each forward difference of each component once: on a periodic mesh the
  // interior cells' upper neighbours (ghosts included) cover every pair.
  par_reduce(
      "ns_mean_dissipation", mesh.interior(),
      KOKKOS_LAMBDA(const int k, const int j, const int i, double& acc) {
        for (int c = 0; c < dim; ++c) {
          const double u = vel(c, k, j, i);
          const double dx = vel(c, k, j, i + 1) - u;
          const double dy = vel(c, k, j + 1, i) - u;
          acc += dx * dx * w0 + dy * dy * w1;
          if (dim == 3) {
            const double dz = vel(c, k + 1, j, i) - u;
            acc += dz * dz * w2;
          }
        }
      },
      Kokkos::Sum<double>(s));
  return nu * mesh.context().sum(s) / static_cast<double>(mesh.global_cell_count());
}

}  // namespace boreas::ns
