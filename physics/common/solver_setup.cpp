#include "physics/common/solver_setup.hpp"

#include "core/error.hpp"
#include "solvers/factory.hpp"

namespace boreas {

void declare_solver_schema(io::Schema& s) {
  s.add("solver.type", io::KeyType::string)
      .def("\"cg-mg\"")
      .one_of({"cg-mg", "cg", "bicgstab", "mg", "petsc"})
      .describe("linear solver: CG preconditioned by geometric multigrid, plain CG, BiCGStab, multigrid cycles alone, or PETSc KSP (solver.petsc_options)");
  s.add("solver.rtol", io::KeyType::real).def("1e-8").above(0).below(1).describe("stop when ||r|| <= max(rtol ||b||, atol)");
  s.add("solver.atol", io::KeyType::real).def("0.0").at_least(0).describe("absolute residual tolerance (2-norm over all cells)");
  s.add("solver.max_iterations", io::KeyType::integer).def("200").at_least(1).at_most(1e7).describe("iterations (Krylov) or cycles (mg) before the run fails with exit 1");
  s.add("solver.smoother", io::KeyType::string).def("\"rbgs\"").one_of({"rbgs", "jacobi", "chebyshev"}).describe("multigrid smoother: red-black Gauss-Seidel, weighted Jacobi or Chebyshev");
  s.add("solver.cycle", io::KeyType::string).def("\"V\"").one_of({"V", "F"}).describe("multigrid cycle");
  s.add("solver.pre_smooth", io::KeyType::integer).def("2").at_least(0).at_most(50).describe("smoothing sweeps before the coarse-grid correction");
  s.add("solver.post_smooth", io::KeyType::integer).def("2").at_least(0).at_most(50).describe("smoothing sweeps after the coarse-grid correction");
  s.add("solver.petsc_options", io::KeyType::string).def("\"\"").describe("PETSc options for solver.type = \"petsc\", e.g. \"-ksp_type cg -pc_type gamg\" (PETSC_OPTIONS is honoured too)");
}

linear::SolverSettings solver_settings_from_deck(const io::Deck& deck) {
  linear::SolverSettings s;
  s.type = deck.string("solver.type");
  s.rtol = deck.real("solver.rtol");
  s.atol = deck.real("solver.atol");
  s.max_iterations = static_cast<int>(deck.integer("solver.max_iterations"));
  s.smoother = deck.string("solver.smoother");
  s.cycle = deck.string("solver.cycle");
  s.pre_smooth = static_cast<int>(deck.integer("solver.pre_smooth"));
  s.post_smooth = static_cast<int>(deck.integer("solver.post_smooth"));
  s.petsc_options = deck.string("solver.petsc_options");
  if (s.type == "petsc" && !linear::petsc_available()) {
    throw InputError(deck.name() +
                     ": error: solver.type = \"petsc\", but this Boreas was built without PETSc "
                     "(-DBOREAS_PETSC=OFF); use cg-mg, cg, bicgstab or mg");
  }
  return s;
}

}  // namespace boreas
