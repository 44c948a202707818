#pragma once
// Problems of the ns app ([problem] name = ...): the initial flow (and how
// the Boussinesq temperature starts), checks of the mesh they need, and
// the diagnostics of a known solution.
#include <memory>
#include <vector>

#include "io/deck/deck.hpp"
#include "io/deck/problems.hpp"
#include "mesh/mesh.hpp"
#include "physics/app.hpp"
#include "physics/ns/ns_thermal.hpp"

namespace boreas::ns {

// What a problem may need of the equations, as the app resolved them in
// declare() (nu, kappa and beta_g may come from physics.Ra and physics.Pr).
struct Equation {
  double nu = 0.01;
  const ThermalParams* thermal = nullptr;  // null: no temperature (physics.boussinesq = false)
};

class Problem {
 public:
  virtual ~Problem() = default;
  // Checks against the equations and the mesh (into `problems`).
  virtual void check(const Equation&, const Mesh&, io::DeckProblems&) const {}
  // Velocity (on the MAC faces, ns_kernels.hpp) and pressure at t = 0 over
  // the interior; both arrive zero-filled (fluid at rest).
  virtual void initial_flow(const Mesh&, const FieldView& /*vel*/, const FieldView& /*p*/) const {}
  // How T starts (Boussinesq runs): T0 unless the problem says otherwise.
  virtual TemperatureStart temperature_start() const { return {}; }
  // The problem's diagnostics, declared after the app's flow diagnostics.
  // `velocity` is the app's field member, read when a diagnostic runs.
  virtual void declare_diagnostics(Fields&, const Mesh&, const Equation&,
                                   const FieldView& /*velocity*/) {}
};

// The ns app's problems, the default first.
const std::vector<ProblemInfo>& problems();
// The problem the deck selects, its keys read from the deck.
std::unique_ptr<Problem> make_problem(const io::Deck& deck);

}  // namespace boreas::ns
