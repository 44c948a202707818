#pragma once
// Everything the ns app carries along with the flow besides momentum: the
// optional Boussinesq temperature (ns_thermal.hpp) and any number of passive
// scalars (ns_scalar.hpp). The app hands it the velocity once per step and
// asks it for diagnostics and state variables; the buoyancy of T goes into
// the momentum right-hand side.
#include <memory>
#include <string>
#include <vector>

#include "physics/app.hpp"
#include "physics/ns/ns_scalar.hpp"
#include "physics/ns/ns_thermal.hpp"

namespace boreas::ns {

class Transport {
 public:
  // `thermal` null: no temperature.
  Transport(const Mesh& mesh, const ThermalParams* thermal,
            const std::vector<ScalarParams>& scalars);

  // Right-hand sides from the state at t^n (vel's ghosts filled), T's
  // buoyancy added to H over `buoyancy_faces` (the gravity-axis faces the
  // app updates), then every scalar moves to t^{n+1} with the AB2 weights.
  void step(const FieldView& vel, const FieldView& H, const Box& buoyancy_faces, double dt,
            double wa, double wb);
  // Largest diffusivity (kappa and the scalars'), for the explicit step limit.
  double max_diffusivity() const;

  // T_min, T_max, Nu_*; then <name>_integral, <name>_min, <name>_max per scalar.
  std::vector<std::string> diagnostic_names() const;
  std::vector<double> diagnostics() const;
  // T and the scalars, by name.
  void append_state(std::vector<StateVariable>& state) const;
  // Their AB2 histories, ns_history_T and ns_history_<name>, for checkpoints.
  void append_history(std::vector<StateVariable>& state) const;

 private:
  const Mesh& mesh_;
  std::unique_ptr<Temperature> temperature_;
  std::vector<std::unique_ptr<AdvectedScalar>> scalars_;
};

}  // namespace boreas::ns
