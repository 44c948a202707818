#include "physics/ns/ns_kernels.hpp"

#include <cmath>

#include "core/math.hpp"

namespace boreas::ns {

void momentum_rhs(const Box& box, const FieldView& vel, const FieldView& H,
                  const MomentumCoefficients& m) {
  par_for(
      "ns_momentum_rhs", box, KOKKOS_LAMBDA(const int k, const int j, const int i) {
        const int c = m.c;
        const int ci = c == 0, cj = c == 1, ck = c == 2;
        const double g = m.upwind;
        const double uc = vel(c, k, j, i);
        double adv = 0.0, visc = 0.0;
        for (int d = 0; d < m.dim; ++d) {
          const int di = d == 0, dj = d == 1, dk = d == 2;
          const double up = vel(c, k + dk, j + dj, i + di);
          const double um = vel(c, k - dk, j - dj, i - di);
          const double ih = m.inv_h[d];
          visc += (up - 2.0 * uc + um) * ih * ih;
          if (d == c) {
            // Fluxes u_c u_c at the cell centres above and below the face.
            const double a_hi = 0.5 * (uc + up);
            const double a_lo = 0.5 * (um + uc);
            const double f_hi = a_hi * ((1.0 - g) * a_hi + g * (a_hi > 0.0 ? uc : up));
            const double f_lo = a_lo * ((1.0 - g) * a_lo + g * (a_lo > 0.0 ? um : uc));
            adv += (f_hi - f_lo) * ih;
          } else {
            // Fluxes u_d u_c at the edges on the lower and upper d side.
            const double ad_lo = 0.5 * (vel(d, k, j, i) + vel(d, k - ck, j - cj, i - ci));
            const double ad_hi = 0.5 * (vel(d, k + dk, j + dj, i + di) +
                                        vel(d, k + dk - ck, j + dj - cj, i + di - ci));
            const double f_lo = ad_lo * ((1.0 - g) * 0.5 * (uc + um) + g * (ad_lo > 0.0 ? um : uc));
            const double f_hi = ad_hi * ((1.0 - g) * 0.5 * (uc + up) + g * (ad_hi > 0.0 ? uc : up));
            adv += (f_hi - f_lo) * ih;
          }
        }
        H(c, k, j, i) = m.nu * visc - adv;
      });
}

void predict(const Box& box, int c, double inv_hc, double dt, double wa, double wb,
             const FieldView& vel, const FieldView& H, const FieldView& Hold, const FieldView& p) {
  const int ci = c == 0, cj = c == 1, ck = c == 2;
  par_for(
      "ns_predict", box, KOKKOS_LAMBDA(const int k, const int j, const int i) {
        const double gp = (p(0, k, j, i) - p(0, k - ck, j - cj, i - ci)) * inv_hc;
        vel(c, k, j, i) += dt * (wa * H(c, k, j, i) + wb * Hold(c, k, j, i) - gp);
      });
}

void correct(const Box& box, int c, double inv_hc, double dt, const FieldView& vel,
             const FieldView& phi) {
  const int ci = c == 0, cj = c == 1, ck = c == 2;
  par_for(
      "ns_correct", box, KOKKOS_LAMBDA(const int k, const int j, const int i) {
        vel(c, k, j, i) -= dt * (phi(0, k, j, i) - phi(0, k - ck, j - cj, i - ci)) * inv_hc;
      });
}

namespace {
struct DivergenceStencil {
  int dim = 2;
  double inv_h[3] = {1, 1, 1};
  KOKKOS_INLINE_FUNCTION double operator()(const FieldView& vel, int k, int j, int i) const {
    double s = (vel(0, k, j, i + 1) - vel(0, k, j, i)) * inv_h[0];
    if (dim >= 2) s += (vel(1, k, j + 1, i) - vel(1, k, j, i)) * inv_h[1];
    if (dim >= 3) s += (vel(2, k + 1, j, i) - vel(2, k, j, i)) * inv_h[2];
    return s;
  }
};
DivergenceStencil stencil_of(const Mesh& mesh) {
  DivergenceStencil s;
  s.dim = mesh.dim();
  for (int d = 0; d < mesh.dim(); ++d) s.inv_h[d] = 1.0 / mesh.dx(d);
  return s;
}
}  // namespace

void divergence(const Mesh& mesh, const FieldView& vel, const FieldView& out, double scale) {
  const DivergenceStencil s = stencil_of(mesh);
  par_for(
      "ns_divergence", mesh.interior(), KOKKOS_LAMBDA(const int k, const int j, const int i) {
        out(0, k, j, i) = scale * s(vel, k, j, i);
      });
}

double local_max_divergence(const Mesh& mesh, const FieldView& vel) {
  const DivergenceStencil s = stencil_of(mesh);
  double m = 0.0;
  par_reduce(
      "ns_max_divergence", mesh.interior(),
      KOKKOS_LAMBDA(const int k, const int j, const int i, double& acc) {
        const double a = math::fabs(s(vel, k, j, i));
        if (a > acc) acc = a;
      },
      Kokkos::Max<double>(m));
  return m;
}

double local_sum_squares(const Box& box, int c, const FieldView& vel) {
  double s = 0.0;
  par_reduce(
      "ns_sum_squares", box,
      KOKKOS_LAMBDA(const int k, const int j, const int i, double& acc) {
        acc += vel(c, k, j, i) * vel(c, k, j, i);
      },
      Kokkos::Sum<double>(s));
  return s;
}

double local_max_abs(const Box& box, int c, const FieldView& vel) {
  double m = 0.0;
  par_reduce(
      "ns_max_abs", box,
      KOKKOS_LAMBDA(const int k, const int j, const int i, double& acc) {
        const double a = math::fabs(vel(c, k, j, i));
        if (a > acc) acc = a;
      },
      Kokkos::Max<double>(m));
  return m;
}

void fill_velocity_face(const Mesh& mesh, const FieldView& vel, Face f, int c, WallKind kind,
                        double speed) {
  const int d = face_dir(f);
  const bool upper = face_is_upper(f);
  const int g = mesh.ghost(d), n = mesh.local_cells(d);
  Box slab = mesh.all();
  int* lo[3] = {&slab.i0, &slab.j0, &slab.k0};
  int* hi[3] = {&slab.i1, &slab.j1, &slab.k1};
  // The ghost layer touching the face (ghost width 1 is all the stencils use).
  const int ghost_idx = upper ? g + n : g - 1;
  *lo[d] = ghost_idx;
  *hi[d] = ghost_idx + 1;
  const int di = d == 0, dj = d == 1, dk = d == 2;
  const int s = upper ? -1 : 1;  // towards the interior
  const bool normal = c == d;
  const bool no_slip = kind == WallKind::no_slip;
  par_for(
      "ns_velocity_face", slab, KOKKOS_LAMBDA(const int k, const int j, const int i) {
        if (normal) {
          vel(c, k, j, i) = 0.0;
          // The lower wall face itself is the first interior-indexed face.
          if (!upper) vel(c, k + dk, j + dj, i + di) = 0.0;
        } else {
          const double inside = vel(c, k + s * dk, j + s * dj, i + s * di);
          vel(c, k, j, i) = no_slip ? 2.0 * speed - inside : inside;
        }
      });
}

}  // namespace boreas::ns
