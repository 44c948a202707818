#include "physics/fv/reconstruction.hpp"

namespace boreas::fv {

std::vector<std::pair<std::string, Reconstruction>> reconstruction_choices() {
  return {{"upwind", Reconstruction::first_order},
          {"plm_minmod", Reconstruction::plm_minmod},
          {"plm_mc", Reconstruction::plm_mc},
          {"plm_van_leer", Reconstruction::plm_van_leer},
          {"weno5", Reconstruction::weno5}};
}

std::string reconstruction_name(Reconstruction r) {
  for (const auto& [name, value] : reconstruction_choices()) {
    if (value == r) return name;
  }
  return "?";
}

int ghost_cells(Reconstruction r) {
  switch (r) {
    case Reconstruction::first_order:
      return 1;
    case Reconstruction::weno5:
      return 3;
    default:
      return 2;
  }
}

int formal_order(Reconstruction r) {
  switch (r) {
    case Reconstruction::first_order:
      return 1;
    case Reconstruction::weno5:
      return 5;
    default:
      return 2;
  }
}

Box grown_along(const Mesh& mesh, int axis, int layers) {
  Box b = mesh.interior();
  if (axis == 0) {
    b.i0 -= layers;
    b.i1 += layers;
  } else if (axis == 1) {
    b.j0 -= layers;
    b.j1 += layers;
  } else {
    b.k0 -= layers;
    b.k1 += layers;
  }
  return b;
}

void reconstruct(const Mesh& mesh, const FieldView& q, int axis, Reconstruction r,
                 const FieldView& lo, const FieldView& hi, int nvar) {
  const int n = nvar < 0 ? static_cast<int>(q.extent(0)) : nvar;
  const Box box = grown_along(mesh, axis, 1);
  const AxisStep s(axis);
  const int di = s.di, dj = s.dj, dk = s.dk;
  switch (r) {
    case Reconstruction::first_order:
      par_for(
          "fv_reconstruct_first_order", n, box, KOKKOS_LAMBDA(int v, int k, int j, int i) {
            const double c = q(v, k, j, i);
            lo(v, k, j, i) = c;
            hi(v, k, j, i) = c;
          });
      break;
    case Reconstruction::plm_minmod:
    case Reconstruction::plm_mc:
    case Reconstruction::plm_van_leer:
      par_for(
          "fv_reconstruct_plm", n, box, KOKKOS_LAMBDA(int v, int k, int j, int i) {
            const double c = q(v, k, j, i);
            const double m = q(v, k - dk, j - dj, i - di);
            const double p = q(v, k + dk, j + dj, i + di);
            const double half = 0.5 * limited_slope(r, c - m, p - c);
            lo(v, k, j, i) = c - half;
            hi(v, k, j, i) = c + half;
          });
      break;
    case Reconstruction::weno5:
      par_for(
          "fv_reconstruct_weno5", n, box, KOKKOS_LAMBDA(int v, int k, int j, int i) {
            const double m2 = q(v, k - 2 * dk, j - 2 * dj, i - 2 * di);
            const double m1 = q(v, k - dk, j - dj, i - di);
            const double c = q(v, k, j, i);
            const double p1 = q(v, k + dk, j + dj, i + di);
            const double p2 = q(v, k + 2 * dk, j + 2 * dj, i + 2 * di);
            hi(v, k, j, i) = weno5_face(m2, m1, c, p1, p2);
            lo(v, k, j, i) = weno5_face(p2, p1, c, m1, m2);
          });
      break;
  }
}

}  // namespace boreas::fv
