#pragma once
// Everything the ns app carries along with the flow besides momentum: the
// optional Boussinesq temperature (ns_thermal.hpp) and any number of passive
// scalars (ns_scalar.hpp). The app hands it the velocity once per step; the
// buoyancy of T goes into the momentum right-hand side.
#include <memory>
#include <vector>

#include "physics/fields.hpp"
#include "physics/ns/ns_scalar.hpp"
#include "physics/ns/ns_thermal.hpp"

namespace boreas::ns {

class Transport {
 public:
  // `thermal` null: no temperature.
  Transport(const ThermalParams* thermal, const TemperatureStart& start,
            const std::vector<ScalarParams>& scalars);

  // T and the scalars (halo, state; by name) with their AB2 histories
  // (ns_history_T, ns_history_<name>; checkpointed).
  void declare_fields(const Mesh& mesh, Fields& f);
  // T_min, T_max, Nu_*; then <name>_integral, <name>_min, <name>_max per scalar.
  void declare_diagnostics(Fields& f);
  // Initial states.
  void setup();

  // Right-hand sides from the state at t^n (vel's ghosts filled), T's
  // buoyancy added to H over `buoyancy_faces` (the gravity-axis faces the
  // app updates), then every scalar moves to t^{n+1} with the AB2 weights.
  void step(const FieldView& vel, const FieldView& H, const Box& buoyancy_faces, double dt,
            double wa, double wb);
  // Largest diffusivity stepped explicitly (kappa and the scalars'; 0 for
  // those with Crank–Nicolson diffusion), for the explicit step limit.
  double max_explicit_diffusivity() const;
  // With T present and diffused implicitly: the largest buoyancy
  // acceleration (Temperature::max_buoyancy) and its axis, for the app's
  // start-up bound; -1 otherwise.
  double implicit_temperature_buoyancy(int* axis) const;
  // Iterations of the last Crank–Nicolson diffusion solves, summed over T
  // and the scalars.
  int diffusion_iterations() const;
  // Halo and boundary values of T and every scalar.
  void fill_ghosts();
  // After --init replaced T and the scalars: ghosts, and the Nusselt
  // numbers are defined at t = 0.
  void initialized_from_file();

 private:
  const Mesh* mesh_ = nullptr;
  std::unique_ptr<Temperature> temperature_;
  std::vector<std::unique_ptr<AdvectedScalar>> scalars_;
};

}  // namespace boreas::ns
