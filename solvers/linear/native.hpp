#pragma once
// The native (Kokkos, matrix-free) solvers behind linear::SolverSettings:
//   cg-mg     flexible CG preconditioned by one geometric multigrid cycle
//   cg        CG preconditioned by the diagonal (Jacobi)
//   bicgstab  BiCGStab, right-preconditioned by the diagonal
//   mg        multigrid cycles alone
// smoother jacobi | rbgs | chebyshev, cycle V | F, pre/post smoothing counts.
// make_solver (elliptic.hpp) dispatches here for every type but petsc.
#include <memory>
#include <string>
#include <vector>

#include "solvers/linear/elliptic.hpp"

namespace boreas::linear {

// Throws InputError for an unknown type, smoother or cycle (naming the
// allowed values) and for out-of-range tolerances or counts.
void check_native_settings(const SolverSettings& s);
std::vector<std::string> native_solver_types();  // cg-mg, cg, bicgstab, mg

// The problem's mesh must outlive the solver. The operator (shift, scale,
// k: a private copy of the coefficient field) is fixed at construction:
// build a new solver when they change (setup is cheap next to a solve).
std::unique_ptr<Solver> make_native_solver(const EllipticProblem& p, const SolverSettings& s);

// cg or bicgstab (Jacobi-preconditioned) on any Operator, e.g. an assembled
// matrix; `singular` turns on the mean-zero projection. Multigrid types need
// the mesh hierarchy of make_native_solver and are refused (InputError).
// `op` must outlive the solver.
std::unique_ptr<Solver> make_krylov_solver(Operator& op, const SolverSettings& s, bool singular);

}  // namespace boreas::linear
