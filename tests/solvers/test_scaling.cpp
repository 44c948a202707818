// CG + multigrid iteration counts must not grow with the mesh (mesh-
// independent convergence). Prints iterations and solve times; wall-clock
// times are reported, never asserted.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "solvers/linear/native.hpp"
#include "tests/solvers/poisson_case.hpp"
#include "tests/test_context.hpp"

namespace boreas {
namespace {

using testing::PoissonCase;
using testing::Solution;

struct Count {
  int n;
  int iterations;
  double seconds;
};

Count solve_cube(int n, Solution sol, const linear::SolverSettings& s, int repeats = 1) {
  PoissonCase c;
  c.cells = {n, n, n};
  c.solution = sol;
  auto run = testing::setup_case(testing::context(), c);
  auto solver = linear::make_native_solver(run->problem, s);
  Count best{n, 0, 1e30};
  for (int r = 0; r < repeats; ++r) {
    Kokkos::deep_copy(run->x, 0.0);
    const auto st = solver->solve(run->b, run->x);
    EXPECT_TRUE(st.converged);
    best.iterations = st.iterations;
    best.seconds = std::min(best.seconds, st.solve_seconds);
    if (testing::context().is_root() && r == 0) {
      std::printf("  %s %d^3: %d iterations, residual %.3e -> %.3e, setup %.3f s\n",
                  testing::solution_name(sol).c_str(), n, st.iterations, st.initial_residual,
                  st.final_residual, st.setup_seconds);
    }
  }
  if (testing::context().is_root()) {
    std::printf("  %s %d^3: best solve %.3f s (%d ranks)\n", testing::solution_name(sol).c_str(), n,
                best.seconds, testing::context().size());
  }
  return best;
}

void expect_mesh_independent(const std::vector<Count>& counts) {
  for (const Count& c : counts) {
    EXPECT_LE(std::abs(c.iterations - counts.front().iterations), 2)
        << c.n << "^3 took " << c.iterations << " iterations, " << counts.front().n << "^3 took "
        << counts.front().iterations;
  }
}

// 32^3 and 64^3 on every rank count, 128^3 on one rank (the performance
// case: the best of three solves is printed).
TEST(CgMultigrid, IterationsMeshIndependent) {
  linear::SolverSettings s;  // cg-mg, rbgs V(2,2), rtol 1e-8
  for (Solution sol : {Solution::sine_dirichlet, Solution::cosine_neumann}) {
    std::vector<Count> counts;
    for (int n : {32, 64}) counts.push_back(solve_cube(n, sol, s));
    if (testing::context().size() == 1) counts.push_back(solve_cube(128, sol, s, 3));
    expect_mesh_independent(counts);
  }
}

// The F-cycle and the other smoothers are mesh independent too.
TEST(CgMultigrid, VariantsMeshIndependent) {
  for (const char* smoother : {"jacobi", "chebyshev"}) {
    linear::SolverSettings s;
    s.smoother = smoother;
    std::vector<Count> counts;
    for (int n : {16, 32, 64}) counts.push_back(solve_cube(n, Solution::sine_dirichlet, s));
    expect_mesh_independent(counts);
  }
  linear::SolverSettings s;
  s.cycle = "F";
  std::vector<Count> counts;
  for (int n : {16, 32, 64}) counts.push_back(solve_cube(n, Solution::variable_k, s));
  expect_mesh_independent(counts);
}

}  // namespace
}  // namespace boreas
