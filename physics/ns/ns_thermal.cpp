#include "physics/ns/ns_thermal.hpp"

#include <cmath>
#include <utility>

#include "core/error.hpp"

namespace boreas::ns {

Temperature::Temperature(const Mesh& mesh, const ThermalParams& p) : mesh_(mesh), p_(p) {
  for (int f = 0; f < 6; ++f) {
    const Face face = static_cast<Face>(f);
    BoundaryCondition bc;
    if (f < 2 * mesh.dim() && mesh.periodic(face_dir(face))) {
      bc.type = BoundaryType::periodic;
    } else if (p.wall[f] == "isothermal") {
      bc.type = BoundaryType::dirichlet;
      bc.value = p.value[f];
    } else {
      bc.type = BoundaryType::neumann;
    }
    bcs_.set(face, 0, bc);
  }
  check_boundaries(mesh, bcs_);
  T_ = mesh.make_field("T", 1);
  H_ = mesh.make_field("ns_T_rhs", 1);
  Hold_ = mesh.make_field("ns_T_rhs_old", 1);
  halo_ = std::make_unique<HaloExchange>(mesh, 1);
  // Initial state: T0, or the linear conduction profile between the two
  // isothermal faces normal to the buoyancy axis; plus the perturbation.
  const int a = p.axis;
  double t_lo = p.T0, t_hi = p.T0;
  if (p.init == "conduction") {
    if (p.wall[2 * a] != "isothermal" || p.wall[2 * a + 1] != "isothermal") {
      throw InputError("ns: physics.T_init = \"conduction\" needs isothermal walls on both faces normal to the buoyancy axis");
    }
    t_lo = p.value[2 * a];
    t_hi = p.value[2 * a + 1];
  }
  double len[3], h[3];
  int off[3];
  for (int d = 0; d < 3; ++d) {
    len[d] = mesh.upper(d) - mesh.lower(d);
    h[d] = mesh.dx(d);
    off[d] = mesh.offset(d) - mesh.ghost(d);
  }
  const double amp = p.perturbation;
  const FieldView T = T_;
  par_for(
      "ns_T_init", mesh.interior(), KOKKOS_LAMBDA(const int k, const int j, const int i) {
        const int idx[3] = {i, j, k};
        double s[3];
        for (int d = 0; d < 3; ++d) s[d] = ((off[d] + idx[d] + 0.5) * h[d]) / len[d];
        const double pi = 3.14159265358979323846;
        T(0, k, j, i) = t_lo + (t_hi - t_lo) * s[a] + amp * std::cos(2.0 * pi * s[0]) * std::sin(pi * s[1]);
      });
}

void Temperature::fill_ghosts() {
  halo_->exchange(T_);
  apply_boundaries(mesh_, T_, bcs_);
}

void Temperature::rhs(const FieldView& vel) {
  fill_ghosts();
  const FieldView T = T_, H = H_;
  const int dim = mesh_.dim();
  double ih[3] = {1, 1, 1};
  for (int d = 0; d < dim; ++d) ih[d] = 1.0 / mesh_.dx(d);
  const double kappa = p_.kappa, g = p_.upwind;
  par_for(
      "ns_T_rhs", mesh_.interior(), KOKKOS_LAMBDA(const int k, const int j, const int i) {
        const double tc = T(0, k, j, i);
        double adv = 0.0, diff = 0.0;
        for (int d = 0; d < dim; ++d) {
          const int di = d == 0, dj = d == 1, dk = d == 2;
          const double tp = T(0, k + dk, j + dj, i + di);
          const double tm = T(0, k - dk, j - dj, i - di);
          diff += (tp - 2.0 * tc + tm) * ih[d] * ih[d];
          const double u_lo = vel(d, k, j, i);
          const double u_hi = vel(d, k + dk, j + dj, i + di);
          const double f_lo = u_lo * ((1.0 - g) * 0.5 * (tm + tc) + g * (u_lo > 0.0 ? tm : tc));
          const double f_hi = u_hi * ((1.0 - g) * 0.5 * (tc + tp) + g * (u_hi > 0.0 ? tc : tp));
          adv += (f_hi - f_lo) * ih[d];
        }
        H(0, k, j, i) = kappa * diff - adv;
      });
}

void Temperature::add_buoyancy(const Box& box, const FieldView& H) const {
  const FieldView T = T_;
  const int c = p_.axis;
  const int ci = c == 0, cj = c == 1, ck = c == 2;
  const double bg = p_.beta_g, T0 = p_.T0;
  par_for(
      "ns_buoyancy", box, KOKKOS_LAMBDA(const int k, const int j, const int i) {
        H(c, k, j, i) += bg * (0.5 * (T(0, k, j, i) + T(0, k - ck, j - cj, i - ci)) - T0);
      });
}

void Temperature::advance(double dt, double wa, double wb) {
  const FieldView T = T_, H = H_, Ho = Hold_;
  par_for(
      "ns_T_advance", mesh_.interior(), KOKKOS_LAMBDA(const int k, const int j, const int i) {
        T(0, k, j, i) += dt * (wa * H(0, k, j, i) + wb * Ho(0, k, j, i));
      });
  std::swap(H_, Hold_);
}

}  // namespace boreas::ns
