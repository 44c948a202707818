#pragma once
// Deck keys of the ns app's transported quantities: the Boussinesq
// temperature (physics.boussinesq, kappa, beta_g, T0, gravity_axis, T_init,
// physics.thermal.<face>), the optional Rayleigh/Prandtl parametrisation
// (physics.Ra, physics.Pr, physics.Ra_units) that derives nu, kappa and beta_g,
// and the passive scalars (physics.scalars, physics.scalar_*,
// physics.scalar_bc.<face>). See docs/ns.md.
#include <vector>

#include "io/deck/deck.hpp"
#include "io/deck/schema.hpp"
#include "physics/ns/ns_scalar.hpp"
#include "physics/ns/ns_thermal.hpp"

namespace boreas::ns {

void declare_transport_schema(io::Schema& schema);

struct TransportSettings {
  double nu = 0.01;  // physics.nu, or derived from Ra and Pr
  bool boussinesq = false;
  ThermalParams thermal;
  std::vector<ScalarParams> scalars;
};

// Reads the keys above (upwind: physics.upwind, shared by every scalar).
// Throws InputError naming the keys for conflicting or incomplete input
// (physics.Ra with physics.nu, kappa or beta_g; Ra without Pr; scalar
// arrays of the wrong length; ...).
TransportSettings transport_from_deck(const io::Deck& deck, double upwind);

}  // namespace boreas::ns
