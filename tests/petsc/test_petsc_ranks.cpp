// The first PETSc solver of a process may live on a sub-communicator (a
// 1-rank solve inside a multi-rank launch, as benchmarks and rank-comparison
// tests do) without hanging the other ranks, and later solvers on the full
// communicator still work. The solutions on 1 rank and on all ranks agree to
// the solver tolerance.
#include <gtest/gtest.h>

#include <cmath>

#include "core/math.hpp"
#include "mesh/mesh.hpp"
#include "solvers/petsc/petsc_solver.hpp"
#include "tests/common/gather.hpp"
#include "tests/test_context.hpp"

namespace boreas::linear {
namespace {

// Solves a 3D mixed-boundary Poisson problem; returns the solution gathered
// on the context's rank 0 (empty elsewhere).
std::vector<double> solve_on(const Context& ctx, const char* options) {
  MeshSpec spec;
  spec.dim = 3;
  spec.cells = {17, 12, 9};
  Mesh mesh(ctx, spec);
  EllipticProblem p;
  p.mesh = &mesh;
  for (int f = 0; f < 6; ++f) {
    BoundaryCondition bc;
    bc.type = f < 2 ? BoundaryType::dirichlet : BoundaryType::neumann;
    bc.value = 0.5 * f;
    p.bcs.set(static_cast<Face>(f), 0, bc);
  }
  FieldView b = mesh.make_field("b", 1), x = mesh.make_field("x", 1);
  const int g = mesh.ghost(), o0 = mesh.offset(0), o2 = mesh.offset(2);
  par_for(
      "rhs", mesh.interior(), KOKKOS_LAMBDA(const int k, const int j, const int i) {
        b(0, k, j, i) = math::cos(0.3 * (o0 + i - g)) + 0.01 * (o2 + k - g) * j;
      });
  add_boundary_terms(p, b);
  SolverSettings s;
  s.type = "petsc";
  s.rtol = 1e-12;
  s.petsc_options = options;
  auto solver = make_petsc_solver(p, s);
  EXPECT_TRUE(solver->solve(b, x).converged);
  return testing::gather_global(mesh, x, 0);
}

TEST(PetscRanks, FirstSolverOnOneRankThenAll) {
  const Context& world = testing::context();
  std::vector<double> one;
  {
    // Rank 0 alone starts PETSc; the others must not be waiting for it.
    MPI_Comm comm = MPI_COMM_NULL;
    MPI_Comm_split(world.comm(), world.rank() == 0 ? 0 : MPI_UNDEFINED, world.rank(), &comm);
    if (comm != MPI_COMM_NULL) {
      Context sub(comm);
      one = solve_on(sub, "-pc_type gamg");
      MPI_Comm_free(&comm);
    }
  }
  const std::vector<double> all = solve_on(world, "-pc_type gamg");
  if (world.is_root()) {
    ASSERT_EQ(one.size(), all.size());
    double worst = 0.0, scale = 0.0;
    for (size_t n = 0; n < all.size(); ++n) {
      worst = std::fmax(worst, std::fabs(one[n] - all[n]));
      scale = std::fmax(scale, std::fabs(one[n]));
    }
    EXPECT_LE(worst, 1e-9 * scale) << "1-rank and " << world.size() << "-rank solutions differ";
  }
}

}  // namespace
}  // namespace boreas::linear
