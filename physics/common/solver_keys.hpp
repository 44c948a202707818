#pragma once
// Deck keys of the linear solver ([solver]) shared by every app that solves
// an elliptic problem (poisson, implicit heat, the pressure projection),
// bound to linear::SolverSettings.
#include "io/deck/deck.hpp"
#include "io/deck/keys.hpp"
#include "io/deck/problems.hpp"
#include "solvers/linear/settings.hpp"

namespace boreas {

void solver_keys(io::Keys<linear::SolverSettings> k);
// Problems of the settings as a whole (solver.type = "petsc" in a build
// without PETSc).
void check_solver_settings(const io::Deck& deck, const linear::SolverSettings& s,
                           io::DeckProblems& problems);

}  // namespace boreas
