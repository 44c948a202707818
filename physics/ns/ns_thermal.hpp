#pragma once
// Boussinesq temperature of the ns app: an AdvectedScalar (ns_scalar.hpp) T
// with diffusivity kappa and "isothermal" (fixed T) or "adiabatic" (zero
// flux) walls, plus the buoyancy beta_g (T - T0) along +gravity_axis
// (gravity points along -axis) and the wall Nusselt numbers.
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "physics/ns/ns_scalar.hpp"

namespace boreas::ns {

struct ThermalParams {
  double kappa = 0.01;  // thermal diffusivity, m^2/s
  double beta_g = 0.0;  // expansion coefficient x gravity, m/s^2/K
  double T0 = 0.0;      // reference temperature, K
  int axis = 1;         // buoyancy direction
  double upwind = 0.0;
  std::string init = "uniform";       // uniform (T0) | conduction
  double perturbation = 0.0;          // amplitude of cos(2 pi x/Lx) sin(pi y/Ly) added to T
  std::array<std::string, 6> wall{};  // adiabatic | isothermal per face
  std::array<double, 6> value{};      // isothermal wall temperature
};

class Temperature {
 public:
  Temperature(const Mesh& mesh, const ThermalParams& p);
  AdvectedScalar& scalar() { return *T_; }
  const AdvectedScalar& scalar() const { return *T_; }
  // H(c) += beta_g (T at the c-faces - T0) for c = axis, over `box`.
  void add_buoyancy(const Box& box, const FieldView& H) const;
  const FieldView& field() const { return T_->field(); }

  // T_min, T_max, and Nu_<x|y|z>_<lower|upper> for every direction whose two
  // faces are isothermal walls at different temperatures.
  std::vector<std::string> diagnostic_names() const;
  std::vector<double> diagnostics() const;

 private:
  const Mesh& mesh_;
  ThermalParams p_;
  std::unique_ptr<AdvectedScalar> T_;
  std::vector<int> nu_dirs_;  // directions with a Nusselt pair
};

}  // namespace boreas::ns
