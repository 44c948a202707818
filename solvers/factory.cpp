#include "solvers/factory.hpp"

#include "core/error.hpp"
#include "solvers/linear/native.hpp"
#ifdef BOREAS_HAVE_PETSC
#include "solvers/petsc/petsc_solver.hpp"
#include "solvers/petsc/petsc_version.hpp"
#endif

namespace boreas::linear {

std::unique_ptr<Solver> make_solver(const EllipticProblem& p, const SolverSettings& s) {
  if (s.type == "petsc") {
#ifdef BOREAS_HAVE_PETSC
    return make_petsc_solver(p, s);
#else
    throw InputError(
        "solver.type = \"petsc\": this Boreas was built without PETSc (-DBOREAS_PETSC=OFF); "
        "use a native solver (cg-mg, cg, bicgstab, mg) or rebuild with PETSc");
#endif
  }
  return make_native_solver(p, s);
}

bool petsc_available() {
#ifdef BOREAS_HAVE_PETSC
  return true;
#else
  return false;
#endif
}

std::string petsc_version() {
#ifdef BOREAS_HAVE_PETSC
  return petsc::version_string();
#else
  return "";
#endif
}

}  // namespace boreas::linear
