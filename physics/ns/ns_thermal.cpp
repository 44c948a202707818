#include "physics/ns/ns_thermal.hpp"

#include <algorithm>
#include <cmath>

#include "mesh/field_ops.hpp"

namespace boreas::ns {
namespace {

ScalarParams scalar_params(const ThermalParams& p, const TemperatureStart& start) {
  ScalarParams s;
  s.name = "T";
  s.diffusivity = p.kappa;
  s.upwind = p.upwind;
  s.diffusion = p.diffusion;
  for (int f = 0; f < 6; ++f) {
    s.wall[f] = p.wall[f].isothermal ? ScalarWall::fixed : ScalarWall::zero_flux;
    s.value[f] = p.wall[f].value;
  }
  // T0, or the linear conduction profile between the two isothermal faces
  // normal to the buoyancy axis (the problem checked that they are); plus
  // the convection-cell perturbation.
  ScalarInit& in = s.init;
  in.value = p.T0;
  in.axis = p.axis;
  if (start.conduction) {
    const int a = p.axis;
    in.base = ScalarInit::Base::linear;
    in.lo = p.wall[2 * a].value;
    in.hi = p.wall[2 * a + 1].value;
  }
  in.shape = ScalarInit::Shape::convection_cell;
  in.amplitude = start.perturbation;
  return s;
}

}  // namespace

void thermal_keys(io::Keys<ThermalParams> k) {
  k.real("physics.T0", &ThermalParams::T0)
      .def("0.0")
      .units("K")
      .describe("reference temperature of the buoyancy term");
  k.choice("physics.gravity_axis", &ThermalParams::axis, {{"x", 0}, {"y", 1}, {"z", 2}})
      .def("\"y\"")
      .describe("buoyancy acts along +axis (gravity along -axis)");
  per_face_keys(k.sub(&ThermalParams::wall), [](io::Keys<ThermalWall> kf, const std::string& face) {
    kf.choice("physics.thermal." + face, &ThermalWall::isothermal,
              {{"adiabatic", false}, {"isothermal", true}})
        .def("\"adiabatic\"")
        .describe("temperature condition on this (non-periodic) face: zero flux, or T = value");
    kf.real("physics.thermal." + face + "_value", &ThermalWall::value)
        .def("0.0")
        .units("K")
        .describe("wall temperature of an isothermal face");
  });
}

Temperature::Temperature(const ThermalParams& p, const TemperatureStart& start)
    : p_(p), start_(start), T_(std::make_unique<AdvectedScalar>(scalar_params(p, start))) {}

void Temperature::declare_fields(const Mesh& mesh, Fields& f) {
  mesh_ = &mesh;
  T_->declare(mesh, f);
  nu_dirs_.clear();
  for (int d = 0; d < mesh.dim(); ++d) {
    if (mesh.periodic(d)) continue;
    if (p_.kappa > 0 && p_.wall[2 * d].isothermal && p_.wall[2 * d + 1].isothermal &&
        p_.wall[2 * d].value != p_.wall[2 * d + 1].value) {
      nu_dirs_.push_back(d);
    }
  }
}

void Temperature::declare_diagnostics(Fields& f) {
  f.diagnostic("T_min", [this](double) { return global_stats(*mesh_, T_->field(), 0).min; });
  f.diagnostic("T_max", [this](double) { return global_stats(*mesh_, T_->field(), 0).max; });
  const char* axis[3] = {"x", "y", "z"};
  for (int d : nu_dirs_) {
    // At t = 0 the walls of a cavity that does not start from the conduction
    // profile along d jump from the interior's T: the discrete wall flux is
    // then a grid artefact (2/h for a unit cavity), so the row leaves Nu empty.
    const bool undefined_at_start = !(start_.conduction && d == p_.axis);
    f.diagnostic(std::string("Nu_") + axis[d] + "_lower", [this, d, undefined_at_start](double t) {
      return t == 0.0 && undefined_at_start && !from_file_ ? std::nan("") : nusselt(d, false);
    });
    f.diagnostic(std::string("Nu_") + axis[d] + "_upper", [this, d, undefined_at_start](double t) {
      return t == 0.0 && undefined_at_start && !from_file_ ? std::nan("") : nusselt(d, true);
    });
  }
}

double Temperature::nusselt(int d, bool upper) const {
  // Nu = q L / (kappa dT): q the mean conductive flux through the wall from
  // the hot side towards the cold one, L the wall distance, dT = |T_lo - T_hi|.
  const double t_lo = p_.wall[2 * d].value, t_hi = p_.wall[2 * d + 1].value;
  const double L = mesh_->upper(d) - mesh_->lower(d);
  const double dT = std::fabs(t_lo - t_hi);
  const double sign = t_lo > t_hi ? 1.0 : -1.0;
  const double scale = sign * L / (p_.kappa * dT);
  return scale * T_->mean_wall_flux(static_cast<Face>(2 * d + (upper ? 1 : 0)));
}

double Temperature::max_buoyancy() const {
  const auto st = global_stats(*mesh_, T_->field(), 0);
  double dev = std::max(st.max - p_.T0, p_.T0 - st.min);
  for (int f = 0; f < 2 * mesh_->dim(); ++f) {
    if (p_.wall[f].isothermal && !mesh_->periodic(f / 2)) {
      dev = std::max(dev, std::fabs(p_.wall[f].value - p_.T0));
    }
  }
  return std::fabs(p_.beta_g) * dev;
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

}  // namespace boreas::ns
