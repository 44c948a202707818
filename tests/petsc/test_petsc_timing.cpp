// Timings of the PETSc bridge on the 3D Poisson benchmark problem (label
// `slow`, not run by default): n^3 cells (BOREAS_PETSC_BENCH_N, default
// 128 and 129), homogeneous dirichlet, to rtol 1e-8, with CG + geometric MG
// on the DMDA hierarchy, CG + GAMG and CG + BoomerAMG. Prints one line per
// solver with setup and solve seconds and iterations; asserts convergence.
// BOREAS_PETSC_BENCH_OPTIONS replaces the three option strings by one.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/math.hpp"
#include "mesh/mesh.hpp"
#include "solvers/petsc/petsc_solver.hpp"
#include "tests/test_context.hpp"

namespace boreas::linear {
namespace {

void time_solvers(int n) {
  const Context& ctx = testing::context();
  MeshSpec spec;
  spec.dim = 3;
  spec.cells = {n, n, n};
  Mesh mesh(ctx, spec);
  EllipticProblem p;
  p.mesh = &mesh;
  BoundaryCondition wall;
  wall.type = BoundaryType::dirichlet;
  for (int f = 0; f < 6; ++f) p.bcs.set(static_cast<Face>(f), 0, wall);
  FieldView b = mesh.make_field("b", 1), x = mesh.make_field("x", 1);
  const double h = mesh.dx(0);
  const int g = mesh.ghost(), o0 = mesh.offset(0), o1 = mesh.offset(1), o2 = mesh.offset(2);
  par_for(
      "rhs", mesh.interior(), KOKKOS_LAMBDA(const int k, const int j, const int i) {
        const double pi = 3.14159265358979323846;
        b(0, k, j, i) = 3.0 * pi * pi * math::sin(pi * (o0 + i - g + 0.5) * h) *
                        math::sin(pi * (o1 + j - g + 0.5) * h) *
                        math::sin(pi * (o2 + k - g + 0.5) * h);
      });
  std::vector<std::string> runs = {"-ksp_type cg -pc_type mg", "-ksp_type cg -pc_type gamg",
                                   "-ksp_type cg -pc_type hypre -pc_hypre_type boomeramg"};
  if (const char* env = std::getenv("BOREAS_PETSC_BENCH_OPTIONS")) runs = {env};
  for (const std::string& opts : runs) {
    SolverSettings s;
    s.type = "petsc";
    s.rtol = 1e-8;
    s.petsc_options = opts;
    auto solver = make_petsc_solver(p, s);
    Kokkos::deep_copy(x, 0.0);
    const SolveStats st = solver->solve(b, x);
    EXPECT_TRUE(st.converged);
    if (ctx.is_root()) {
      std::printf(
          "%d^3 on %d rank(s)  %-16s setup %6.3f s  solve %6.3f s  %3d iterations  "
          "%.2f M unknowns/s (solve)  ||r||/||b|| %.1e\n",
          n, ctx.size(), solver->name().c_str(), st.setup_seconds, st.solve_seconds, st.iterations,
          std::pow(n, 3) / st.solve_seconds * 1e-6, st.final_residual / st.initial_residual);
      std::fflush(stdout);
    }
  }
}

TEST(PetscTiming, Poisson3D) {
  std::vector<int> sizes = {128, 129};
  if (const char* env = std::getenv("BOREAS_PETSC_BENCH_N")) sizes = {std::atoi(env)};
  for (int n : sizes) time_solvers(n);
}

}  // namespace
}  // namespace boreas::linear
