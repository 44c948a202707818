#pragma once
// The host-only core of the PETSc bridge: a DMDA with the mesh's
// decomposition, the operator assembled into a Mat, and a KSP configured by
// SolverSettings::petsc_options and PETSC_OPTIONS (petsc_ksp_setup.hpp for
// the defaults: CG + geometric multigrid on the DMDA hierarchy). Fields come
// and go as host arrays of this rank's interior cells; petsc_solver.cpp
// wraps this as a linear::Solver on device fields.
//
// Singular problems get the constant null space and a mean-free b (and x).
// Options nobody used are reported once, after the first solve, as warnings.
// Non-convergence throws RuntimeError naming the KSP and PC types,
// iterations and the initial and final residual norms.
#include <memory>
#include <string>

#include "solvers/linear/settings.hpp"
#include "solvers/petsc/petsc_assembly.hpp"
#include "solvers/petsc/petsc_grid.hpp"

namespace boreas::petsc {

class KspSolver {
 public:
  // Collective; initializes PETSc on first use. Times its own setup (DMDA,
  // Mat, KSP and PC), reported as SolveStats::setup_seconds.
  KspSolver(const Grid& grid, const RowSource& rows, const linear::SolverSettings& settings,
            bool singular);
  ~KspSolver();
  KspSolver(const KspSolver&) = delete;
  KspSolver& operator=(const KspSolver&) = delete;

  // b and x: grid.local_count() values each, x fastest; x holds the initial
  // guess and receives the solution.
  linear::SolveStats solve(const double* b, double* x);
  // "petsc(cg+mg)"
  const std::string& name() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace boreas::petsc
