#pragma once
// linear::Solver backed by PETSc (petsc_ksp.hpp): a DMDA with the mesh's
// decomposition, the elliptic operator assembled into a Mat, and a KSP
// configured by `SolverSettings::petsc_options` and PETSC_OPTIONS
// (petsc_ksp_setup.hpp for the defaults: CG + geometric multigrid on the
// DMDA hierarchy). Fields travel through host memory.
//
//   auto solver = linear::make_petsc_solver(problem, settings);
//   linear::SolveStats st = solver->solve(b, x);   // b with boundary terms
//
// Singular problems get the constant null space and a mean-free b (and x).
// Options nobody used are reported once, after the first solve, as warnings.
// Non-convergence throws RuntimeError naming the KSP and PC types,
// iterations and the initial and final residual norms. This header does not
// include PETSc's.
#include <memory>

#include "solvers/linear/elliptic.hpp"

namespace boreas::linear {

// Collective over the mesh's communicator; initializes PETSc on first use.
// setup_seconds in every SolveStats is this construction (DMDA, Mat, KSP
// and PC setup); solve_seconds is KSPSolve alone.
std::unique_ptr<Solver> make_petsc_solver(const EllipticProblem& p, const SolverSettings& s);

}  // namespace boreas::linear
