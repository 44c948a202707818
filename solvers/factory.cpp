// linear::make_solver: the one place that knows both the native solvers and
// the PETSc bridge.
#include "core/error.hpp"
#include "solvers/linear/elliptic.hpp"
#include "solvers/linear/native.hpp"
#include "solvers/petsc/petsc_solver.hpp"

namespace boreas::linear {

std::unique_ptr<Solver> make_solver(const EllipticProblem& p, const SolverSettings& s) {
  if (s.type == "petsc") return make_petsc_solver(p, s);
  return make_native_solver(p, s);
}

}  // namespace boreas::linear
