#pragma once
// Deck keys of the linear solver ([solver]) shared by every app that solves
// an elliptic problem (poisson, implicit heat, the pressure projection), and
// their translation into linear::SolverSettings.
#include "io/deck/deck.hpp"
#include "io/deck/schema.hpp"
#include "solvers/linear/elliptic.hpp"

namespace boreas {

void declare_solver_schema(io::Schema& schema);
linear::SolverSettings solver_settings_from_deck(const io::Deck& deck);

}  // namespace boreas
