#include "physics/ns/ns_thermal.hpp"

#include <cmath>

#include "core/error.hpp"
#include "mesh/field_ops.hpp"

namespace boreas::ns {
namespace {

ScalarParams scalar_params(const Mesh& mesh, const ThermalParams& p) {
  ScalarParams s;
  s.name = "T";
  s.diffusivity = p.kappa;
  s.upwind = p.upwind;
  for (int f = 0; f < 6; ++f) {
    s.wall[f] = p.wall[f] == "isothermal" ? ScalarWall::fixed : ScalarWall::zero_flux;
    s.value[f] = p.value[f];
  }
  // T0, or the linear conduction profile between the two isothermal faces
  // normal to the buoyancy axis; plus the convection-cell perturbation.
  ScalarInit& in = s.init;
  in.value = p.T0;
  in.axis = p.axis;
  if (p.init == "conduction") {
    const int a = p.axis;
    if (p.wall[2 * a] != "isothermal" || p.wall[2 * a + 1] != "isothermal" || mesh.periodic(a)) {
      throw InputError(
          "ns: physics.T_init = \"conduction\" needs isothermal walls on both faces normal to the "
          "buoyancy axis");
    }
    in.base = ScalarInit::Base::linear;
    in.lo = p.value[2 * a];
    in.hi = p.value[2 * a + 1];
  }
  in.shape = ScalarInit::Shape::convection_cell;
  in.amplitude = p.perturbation;
  return s;
}

}  // namespace

Temperature::Temperature(const Mesh& mesh, const ThermalParams& p) : mesh_(mesh), p_(p) {
  T_ = std::make_unique<AdvectedScalar>(mesh, scalar_params(mesh, p));
  for (int d = 0; d < mesh.dim(); ++d) {
    if (mesh.periodic(d)) continue;
    if (p.kappa > 0 && p.wall[2 * d] == "isothermal" && p.wall[2 * d + 1] == "isothermal" &&
        p.value[2 * d] != p.value[2 * d + 1]) {
      nu_dirs_.push_back(d);
    }
  }
}

void Temperature::add_buoyancy(const Box& box, const FieldView& H) const {
  const FieldView T = T_->field();
  const int c = p_.axis;
  const int ci = c == 0, cj = c == 1, ck = c == 2;
  const double bg = p_.beta_g, T0 = p_.T0;
  par_for(
      "ns_buoyancy", box, KOKKOS_LAMBDA(const int k, const int j, const int i) {
        H(c, k, j, i) += bg * (0.5 * (T(0, k, j, i) + T(0, k - ck, j - cj, i - ci)) - T0);
      });
}

std::vector<std::string> Temperature::diagnostic_names() const {
  std::vector<std::string> n = {"T_min", "T_max"};
  const char* axis[3] = {"x", "y", "z"};
  for (int d : nu_dirs_) {
    n.push_back(std::string("Nu_") + axis[d] + "_lower");
    n.push_back(std::string("Nu_") + axis[d] + "_upper");
  }
  return n;
}

std::vector<double> Temperature::diagnostics() const {
  const FieldStats st = global_stats(mesh_, T_->field(), 0);
  std::vector<double> v = {st.min, st.max};
  for (int d : nu_dirs_) {
    // Nu = q L / (kappa dT): q the mean conductive flux through the wall from
    // the hot side towards the cold one, L the wall distance, dT = |T_lo - T_hi|.
    const double t_lo = p_.value[2 * d], t_hi = p_.value[2 * d + 1];
    const double L = mesh_.upper(d) - mesh_.lower(d);
    const double dT = std::fabs(t_lo - t_hi);
    const double sign = t_lo > t_hi ? 1.0 : -1.0;
    const double scale = sign * L / (p_.kappa * dT);
    v.push_back(scale * T_->mean_wall_flux(static_cast<Face>(2 * d)));
    v.push_back(scale * T_->mean_wall_flux(static_cast<Face>(2 * d + 1)));
  }
  return v;
}

}  // namespace boreas::ns
