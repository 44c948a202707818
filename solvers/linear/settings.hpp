#pragma once
// What a linear solve is asked for and what it reports: plain data, shared
// by the native solvers and the host-only PETSc bridge.
#include <string>

namespace boreas::linear {

struct SolverSettings {
  std::string type = "cg-mg";  // cg-mg | cg | bicgstab | mg | petsc
  double rtol = 1e-8;          // ||r|| <= max(rtol ||b||, atol)   (2-norm over all cells)
  double atol = 0.0;
  int max_iterations = 200;
  std::string smoother = "rbgs";  // jacobi | rbgs | chebyshev
  std::string cycle = "V";        // V | F
  int pre_smooth = 2;
  int post_smooth = 2;
  std::string petsc_options;  // type = petsc only, e.g. "-ksp_type cg -pc_type gamg"
};

struct SolveStats {
  int iterations = 0;
  double initial_residual = 0.0;  // ||b - A x0||
  double final_residual = 0.0;
  double setup_seconds = 0.0;
  double solve_seconds = 0.0;
  bool converged = false;
  int restarts = 0;  // BiCGStab: restarts from the true residual after a breakdown
};

}  // namespace boreas::linear
