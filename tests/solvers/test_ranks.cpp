// 1, 2, 3 and 4 ranks solve the same problem to the same solution, within
// the solver tolerance (the reductions round differently, so not bitwise).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "solvers/linear/native.hpp"
#include "tests/common/gather.hpp"
#include "tests/solvers/poisson_case.hpp"
#include "tests/test_context.hpp"

namespace boreas {
namespace {

using testing::PoissonCase;
using testing::Solution;

struct Case {
  const char* type;
  PoissonCase problem;
};

std::vector<Case> cases() {
  std::vector<Case> v;
  for (const char* type : {"cg-mg", "mg", "bicgstab"}) {
    PoissonCase c;
    c.cells = {32, 32, 32};
    c.solution = Solution::variable_k;
    v.push_back({type, c});
    c.dim = 2;
    c.cells = {64, 48, 1};
    c.solution = Solution::periodic;
    v.push_back({type, c});
    c.dim = 3;
    c.cells = {24, 24, 24};
    c.solution = Solution::cosine_neumann;
    v.push_back({type, c});
  }
  return v;
}

TEST(RankIndependence, SameSolutionToSolverTolerance) {
  for (const Case& c : cases()) {
    linear::SolverSettings s;
    s.type = c.type;
    s.rtol = 1e-10;
    s.max_iterations = 2000;
    std::vector<double> reference;
    double reference_error = 0.0;
    for (int n = 1; n <= testing::context().size(); ++n) {
      std::vector<double> global;
      double error = 0.0;
      int iterations = 0;
      testing::run_on_ranks(n, [&](const Context& ctx) {
        auto run = testing::solve_case(ctx, c.problem, s);
        EXPECT_TRUE(run->stats.converged);
        global = testing::gather_global(*run->mesh, run->x, 0);
        error = run->l2_error;
        iterations = run->stats.iterations;
      });
      if (!testing::context().is_root()) continue;
      std::printf("  %-8s %-10s %dD on %d ranks: %3d iterations, L2 error %.6e\n", c.type,
                  testing::solution_name(c.problem.solution).c_str(), c.problem.dim, n, iterations,
                  error);
      if (n == 1) {
        reference = global;
        reference_error = error;
        continue;
      }
      ASSERT_EQ(global.size(), reference.size());
      double diff = 0.0, norm = 0.0;
      for (size_t i = 0; i < global.size(); ++i) {
        diff = std::max(diff, std::abs(global[i] - reference[i]));
        norm = std::max(norm, std::abs(reference[i]));
      }
      // rtol 1e-10 on the residual bounds the error by about cond(A) * 1e-10.
      EXPECT_LT(diff, 1e-6 * norm) << c.type << " on " << n << " ranks";
      EXPECT_NEAR(error, reference_error, 1e-3 * reference_error);
    }
  }
}

}  // namespace
}  // namespace boreas
