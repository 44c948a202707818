// The known trap: Debian's PETSc drags in Debian's libtrilinos_kokkoscore.so
// (through ML and Teuchos) while Boreas links its own static Kokkos. Unless
// executables keep the static Kokkos symbols private (-Wl,--exclude-libs,ALL
// in boreas_executable), the two Kokkos copies share globals and the process
// dies in a double free at exit. This test runs Kokkos kernels and a PETSc
// solve in one process; ctest then checks that the process exits cleanly
// (exit status 0, and no allocator complaints on stderr).
#include <gtest/gtest.h>
#include <petscsys.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/exec.hpp"
#include "core/math.hpp"
#include "mesh/mesh.hpp"
#include "solvers/petsc/petsc_solver.hpp"
#include "tests/test_context.hpp"

namespace boreas::linear {
namespace {

bool g_hook_ran = false;

void fail_if_hook_never_ran() {
  if (g_hook_ran) return;
  std::fprintf(stderr, "test_petsc_exit: the Context's finalize hook never ran\n");
  std::_Exit(4);
}

// Kernels live in free functions: nvcc refuses device lambdas in a TEST body
// (a private member function of the generated test class).
void fill_rhs(const Mesh& mesh, const FieldView& b) {
  const double dx = mesh.dx(0);
  const int g = mesh.ghost(), ox = mesh.offset(0);
  par_for(
      "fill_rhs", mesh.interior(), KOKKOS_LAMBDA(const int k, const int j, const int i) {
        b(0, k, j, i) = math::sin(3.0 * (ox + i - g + 0.5) * dx) + 0.1 * (k + j);
      });
}

double local_sum(const Mesh& mesh, const FieldView& f) {
  double s = 0.0;
  par_reduce(
      "sum", mesh.interior(),
      KOKKOS_LAMBDA(const int k, const int j, const int i, double& a) { a += f(0, k, j, i); },
      Kokkos::Sum<double>(s));
  return s;
}

// Registered before PETSc starts, so it runs after PETSc's own hook:
// PetscFinalize must be done by then, and Kokkos must still be up.
TEST(PetscExit, FinalizeHooksRunBeforeKokkosShutsDown) {
  testing::context().at_finalize([] {
    PetscBool finalized = PETSC_FALSE;
    PetscFinalized(&finalized);
    if (!finalized || !Kokkos::is_initialized()) {
      std::fprintf(stderr,
                   "test_petsc_exit: finalize hooks out of order (PETSc finalized %d, "
                   "Kokkos initialized %d)\n",
                   static_cast<int>(finalized), static_cast<int>(Kokkos::is_initialized()));
      std::_Exit(5);
    }
    g_hook_ran = true;
  });
  std::atexit(fail_if_hook_never_ran);
}

TEST(PetscExit, KokkosKernelsAndPetscSolveInOneProcess) {
  const Context& ctx = testing::context();
  MeshSpec spec;
  spec.dim = 3;
  spec.cells = {12, 10, 8};
  Mesh mesh(ctx, spec);

  EllipticProblem p;
  p.mesh = &mesh;
  p.shift = 1.0;
  BoundaryCondition wall;
  wall.type = BoundaryType::dirichlet;
  for (int f = 0; f < 6; ++f) p.bcs.set(static_cast<Face>(f), 0, wall);

  FieldView b = mesh.make_field("b", 1);
  FieldView x = mesh.make_field("x", 1);
  fill_rhs(mesh, b);
  EXPECT_TRUE(std::isfinite(ctx.sum(local_sum(mesh, b))));

  SolverSettings s;
  s.type = "petsc";
  s.petsc_options = "-ksp_type cg -pc_type gamg";
  auto solver = make_petsc_solver(p, s);
  const SolveStats st = solver->solve(b, x);
  EXPECT_TRUE(st.converged);
  EXPECT_GT(st.iterations, 0);
  // Kokkos again after PETSc: both runtimes live side by side.
  EXPECT_GT(std::fabs(ctx.sum(local_sum(mesh, x))), 0.0);
}

}  // namespace
}  // namespace boreas::linear
