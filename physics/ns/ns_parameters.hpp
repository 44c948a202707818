#pragma once
// The ns app's parameters and their deck keys, one key function per module
// (io::Keys): [physics] (nu, upwind, max_divergence), the viscous scheme
// (ns_viscous.hpp), the transported quantities below, the ns-only
// boundary keys (ns_boundaries.hpp) and [solver].
//
// Transport: the Boussinesq temperature (physics.boussinesq, kappa, beta_g,
// T0, gravity_axis, physics.thermal.<face>), the optional Rayleigh/Prandtl
// parametrisation (physics.Ra, physics.Pr, physics.Ra_units) that derives
// nu, kappa and beta_g from the mesh (resolve_coefficients, in declare),
// and the passive scalars (physics.scalars, physics.scalar_*,
// physics.scalar_bc.<face>). See docs/ns.md.
#include <optional>
#include <string>
#include <vector>

#include "io/deck/keys.hpp"
#include "io/deck/problems.hpp"
#include "mesh/mesh.hpp"
#include "physics/fields.hpp"
#include "physics/ns/ns_boundaries.hpp"
#include "physics/ns/ns_faces.hpp"
#include "physics/ns/ns_scalar.hpp"
#include "physics/ns/ns_thermal.hpp"
#include "physics/ns/ns_viscous.hpp"
#include "solvers/linear/settings.hpp"

namespace boreas::ns {

// physics.scalar_bc.<face> and its _value: one entry per scalar, or one for all.
struct ScalarFaceInput {
  std::vector<std::string> type{"zero_flux"};
  std::vector<double> value{0.0};
};

// The passive scalars' keys as given (per-scalar arrays).
struct ScalarInput {
  std::vector<std::string> names;
  std::vector<double> diffusivity{0.0};
  std::vector<std::string> init{"uniform"};
  std::vector<double> value{0.0};
  std::vector<double> amplitude{0.0};
  std::vector<long long> mode{1, 0, 0};
  int axis = 1;
  PerFace<ScalarFaceInput> bc;
};
void scalar_keys(io::Keys<ScalarInput> k);

enum class RaUnits { thermal, free_fall };

struct TransportSettings {
  bool boussinesq = false;
  std::optional<double> kappa, beta_g;  // defaults 0.01 and 0, or from Ra and Pr
  std::optional<double> Ra, Pr;
  RaUnits ra_units = RaUnits::thermal;
  bool scalar_crank_nicolson = false;  // physics.scalar_diffusion
  double scalar_rtol = 1e-10;          // physics.scalar_diffusion_rtol
  ThermalParams thermal;               // T0, axis, walls (kappa, beta_g, upwind set by the app)
  ScalarInput scalars;
};
void transport_keys(io::Keys<TransportSettings> k);

struct Params {
  std::optional<double> nu;  // default 0.01, or from Re, or from Ra and Pr
  std::optional<double> Re;  // physics.Re: nu = U L / Re
  std::optional<double> U;   // physics.U: the velocity scale of Re (default 1)
  std::optional<double> L;   // physics.L: its length scale (default: the x extent)
  double upwind = 0.0;
  double max_divergence = 5e-10;  // max |div u| h/U a projection aims for
  ViscousSettings viscous;
  TransportSettings transport;
  OpenBoundaryInput open;
  linear::SolverSettings solver;
};
void keys(io::Keys<Params> k);

// The passive scalars from their per-scalar arrays (upwind: physics.upwind,
// shared by all). Arrays of the wrong length, names that clash with another
// variable or diagnostic, a linear profile without fixed faces go to
// `problems`, naming the keys.
std::vector<ScalarParams> scalars_from_input(const ScalarInput& in, double upwind,
                                             io::DeckProblems& problems);

// How T and the passive scalars diffuse: physics.scalar_diffusion, with the
// [solver] settings and rtol = physics.scalar_diffusion_rtol for the
// Crank–Nicolson solves.
ScalarDiffusion scalar_diffusion(const Params& p);

// nu, kappa and beta_g: the deck's (defaults 0.01, 0.01, 0), or nu derived
// from physics.Re (nu = U L / Re), or all three derived from physics.Ra and
// physics.Pr with L and dT of the mesh's one pair of isothermal faces at
// different temperatures. Conflicting or incomplete keys go to `problems`
// (the defaults are returned then). `derived` lists what was derived, with
// where it came from.
struct Coefficients {
  double nu = 0.01, kappa = 0.01, beta_g = 0.0;
  std::vector<DerivedParameter> derived;
};
Coefficients resolve_coefficients(const Params& p, const Mesh& mesh, io::DeckProblems& problems);

}  // namespace boreas::ns
