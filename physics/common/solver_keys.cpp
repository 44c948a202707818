#include "physics/common/solver_keys.hpp"

#include "core/error.hpp"
#include "solvers/factory.hpp"
#include "solvers/linear/native.hpp"

namespace boreas {

void solver_keys(io::Keys<linear::SolverSettings> k) {
  using S = linear::SolverSettings;
  k.string("solver.type", &S::type)
      .def("\"cg-mg\"")
      .one_of({"cg-mg", "cg", "bicgstab", "mg", "petsc"})
      .describe(
          "linear solver: CG preconditioned by geometric multigrid, plain CG, BiCGStab, multigrid "
          "cycles alone, or PETSc KSP (solver.petsc_options)");
  k.real("solver.rtol", &S::rtol)
      .def("1e-8")
      .above(0)
      .below(1)
      .describe("stop when ||r|| <= max(rtol ||b||, atol)");
  k.real("solver.atol", &S::atol)
      .def("0.0")
      .at_least(0)
      .describe("absolute residual tolerance (2-norm over all cells)");
  k.integer("solver.max_iterations", &S::max_iterations)
      .def("200")
      .at_least(1)
      .at_most(1e7)
      .describe("iterations (Krylov) or cycles (mg) before the run fails with exit 1");
  k.string("solver.smoother", &S::smoother)
      .def("\"rbgs\"")
      .one_of({"rbgs", "jacobi", "chebyshev"})
      .describe("multigrid smoother: red-black Gauss-Seidel, weighted Jacobi or Chebyshev");
  k.string("solver.cycle", &S::cycle).def("\"V\"").one_of({"V", "F"}).describe("multigrid cycle");
  k.integer("solver.pre_smooth", &S::pre_smooth)
      .def("2")
      .at_least(0)
      .at_most(50)
      .describe("smoothing sweeps before the coarse-grid correction");
  k.integer("solver.post_smooth", &S::post_smooth)
      .def("2")
      .at_least(0)
      .at_most(50)
      .describe("smoothing sweeps after the coarse-grid correction");
  k.string("solver.petsc_options", &S::petsc_options)
      .def("\"\"")
      .describe(
          "PETSc options for solver.type = \"petsc\", e.g. \"-ksp_type cg -pc_type gamg\" "
          "(PETSC_OPTIONS is honoured too)");
}

void check_solver_settings(const io::Deck&, const linear::SolverSettings& s,
                           io::DeckProblems& problems) {
  if (s.type == "petsc" && !linear::petsc_available()) {
    problems.add({"solver.type"},
                 "solver.type = \"petsc\", but this Boreas was built without PETSc "
                 "(-DBOREAS_PETSC=OFF); use cg-mg, cg, bicgstab or mg");
  }
  // The native solvers' own checks (those the schema cannot express, such
  // as at least one multigrid sweep), raised here so `check` sees them.
  if (s.type != "petsc") {
    try {
      linear::check_native_settings(s);
    } catch (const InputError& e) {
      problems.add({"solver.type", "solver.pre_smooth", "solver.post_smooth"}, e.what());
    }
  }
}

}  // namespace boreas
