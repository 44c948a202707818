#include "physics/heat/problems/sine_profile.hpp"

#include "core/math.hpp"

namespace boreas::heat {
namespace {
constexpr double kPi = 3.14159265358979323846;
}

void fill_sine(const Mesh& mesh, const std::vector<long long>& mode, double background,
               double amplitude, const FieldView& f, const Box& box) {
  const int dim = mesh.dim();
  double k[3] = {0, 0, 0}, dx[3] = {1, 1, 1};
  int off[3] = {0, 0, 0};
  for (int d = 0; d < dim; ++d) {
    k[d] = mode[d] * kPi / (mesh.upper(d) - mesh.lower(d));
    dx[d] = mesh.dx(d);
    off[d] = mesh.offset(d) - mesh.ghost(d);
  }
  par_for(
      "heat_sine", box, KOKKOS_LAMBDA(int kk, int j, int i) {
        const int idx[3] = {i, j, kk};
        double v = 1.0;
        for (int d = 0; d < dim; ++d) v *= math::sin(k[d] * (off[d] + idx[d] + 0.5) * dx[d]);
        f(0, kk, j, i) = background + amplitude * v;
      });
}

double sine_k_squared(const Mesh& mesh, const std::vector<long long>& mode) {
  double k2 = 0.0;
  for (int d = 0; d < mesh.dim(); ++d) {
    const double k = mode[d] * kPi / (mesh.upper(d) - mesh.lower(d));
    k2 += k * k;
  }
  return k2;
}

}  // namespace boreas::heat
