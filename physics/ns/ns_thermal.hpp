#pragma once
// Boussinesq temperature of the ns app: an AdvectedScalar (ns_scalar.hpp) T
// with diffusivity kappa and "isothermal" (fixed T) or "adiabatic" (zero
// flux) walls, plus the buoyancy beta_g (T - T0) along +gravity_axis
// (gravity points along -axis) and the wall Nusselt numbers.
#include <memory>
#include <string>
#include <vector>

#include "physics/fields.hpp"
#include "physics/ns/ns_faces.hpp"
#include "physics/ns/ns_scalar.hpp"

namespace boreas::ns {

// physics.thermal.<face> and physics.thermal.<face>_value.
struct ThermalWall {
  bool isothermal = false;  // T = value; otherwise adiabatic (zero flux)
  double value = 0.0;
};

struct ThermalParams {
  double kappa = 0.01;  // thermal diffusivity, m^2/s (physics.kappa, or from Ra and Pr)
  double beta_g =
      0.0;          // expansion coefficient x gravity, m/s^2/K (physics.beta_g, or from Ra and Pr)
  double T0 = 0.0;  // reference temperature, K
  int axis = 1;     // buoyancy direction
  double upwind = 0.0;        // physics.upwind
  ScalarDiffusion diffusion;  // physics.scalar_diffusion (set by the app)
  PerFace<ThermalWall> wall;
};

// physics.T0, physics.gravity_axis and the physics.thermal.* walls (kappa,
// beta_g and upwind are the app's to set).
void thermal_keys(io::Keys<ThermalParams> k);

// How T starts (the problem's choice): T0, or the linear conduction profile
// between the two isothermal faces normal to the buoyancy axis; plus
// perturbation * cos(2 pi x/Lx) sin(pi y/Ly) (x, y from the lower corner).
struct TemperatureStart {
  bool conduction = false;
  double perturbation = 0.0;
};

class Temperature {
 public:
  Temperature(const ThermalParams& p, const TemperatureStart& start);
  // Declares T ("T": halo, state) and its history (ns_history_T); finds the
  // directions with a Nusselt pair.
  void declare_fields(const Mesh& mesh, Fields& f);
  // T_min, T_max, and Nu_<x|y|z>_<lower|upper> for every direction whose two
  // faces are isothermal walls at different temperatures.
  void declare_diagnostics(Fields& f);
  void setup() { T_->setup(); }

  AdvectedScalar& scalar() { return *T_; }
  const AdvectedScalar& scalar() const { return *T_; }
  // H(c) += beta_g (T at the c-faces - T0) for c = axis, over `box`.
  void add_buoyancy(const Box& box, const FieldView& H) const;
  const FieldView& field() const { return T_->field(); }
  // Largest buoyancy acceleration |beta_g| max |T - T0| over the cells and
  // the isothermal walls (collective).
  double max_buoyancy() const;
  int axis() const { return p_.axis; }
  // The state came from another run's file (--init): T is no longer the
  // problem's start, so the t = 0 row reports the Nusselt numbers.
  void set_from_file() { from_file_ = true; }

 private:
  double nusselt(int d, bool upper) const;
  const Mesh* mesh_ = nullptr;
  ThermalParams p_;
  TemperatureStart start_;
  std::unique_ptr<AdvectedScalar> T_;
  std::vector<int> nu_dirs_;  // directions with a Nusselt pair
  bool from_file_ = false;
};

}  // namespace boreas::ns
