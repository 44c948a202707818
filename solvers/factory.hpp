#pragma once
// The one place that knows both the native solvers and the PETSc bridge.
#include <memory>
#include <string>

#include "solvers/linear/elliptic.hpp"

namespace boreas::linear {

// Builds the solver the settings name (native or PETSc). solver.type =
// "petsc" in a build without PETSc (-DBOREAS_PETSC=OFF) is an InputError.
std::unique_ptr<Solver> make_solver(const EllipticProblem& p, const SolverSettings& s);

// Whether this build has the PETSc bridge, and the PETSc version it was
// built against ("3.18.5"; "" without PETSc).
bool petsc_available();
std::string petsc_version();

}  // namespace boreas::linear
