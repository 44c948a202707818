#pragma once
// Boussinesq temperature of the ns app: T cell-centred, advected by the MAC
// face velocities in conservative form (central, optionally donor-cell
// blended) and diffused with kappa, stepped with the same AB2 weights as the
// momentum. Walls are "isothermal" (dirichlet T = value) or "adiabatic"
// (zero flux); periodic faces follow the mesh. The buoyancy
// beta_g (T - T0) acts along +gravity_axis (gravity points along -axis).
#include <array>
#include <memory>
#include <string>

#include "mesh/boundary.hpp"
#include "mesh/halo.hpp"
#include "mesh/mesh.hpp"

namespace boreas::ns {

struct ThermalParams {
  double kappa = 0.01;   // thermal diffusivity, m^2/s
  double beta_g = 0.0;   // expansion coefficient x gravity, m/s^2/K
  double T0 = 0.0;       // reference temperature, K
  int axis = 1;          // buoyancy direction
  double upwind = 0.0;
  std::string init = "uniform";  // uniform (T0) | conduction
  double perturbation = 0.0;     // amplitude of cos(2 pi x/Lx) sin(pi y/Ly) added to T
  std::array<std::string, 6> wall{};  // adiabatic | isothermal per face
  std::array<double, 6> value{};      // isothermal wall temperature
};

class Temperature {
 public:
  Temperature(const Mesh& mesh, const ThermalParams& p);
  // H_T = kappa lap T - div(u T) with u = vel (ghosts filled), T's ghosts refreshed first.
  void rhs(const FieldView& vel);
  // H(c) += beta_g (T at the c-faces - T0) for c = axis, over `box`.
  void add_buoyancy(const Box& box, const FieldView& H) const;
  // T += dt (wa H_T + wb H_T,old); then the history moves on.
  void advance(double dt, double wa, double wb);
  const FieldView& field() const { return T_; }
  // The previous right-hand side AB2 uses next (checkpointed for restarts).
  const FieldView& history() const { return Hold_; }

 private:
  void fill_ghosts();
  const Mesh& mesh_;
  ThermalParams p_;
  Boundaries bcs_{1};
  FieldView T_, H_, Hold_;
  std::unique_ptr<HaloExchange> halo_;
};

}  // namespace boreas::ns
