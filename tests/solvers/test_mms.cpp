#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "tests/solvers/poisson_case.hpp"
#include "tests/test_context.hpp"

namespace boreas {
namespace {

using testing::PoissonCase;
using testing::Solution;

TEST(Mms, Quick) {
  linear::SolverSettings s;
  s.rtol = 1e-10;
  for (int n : {16, 32, 64}) {
    PoissonCase c;
    c.cells = {n, n, n};
    auto run = testing::solve_case(testing::context(), c, s);
    if (testing::context().is_root())
      std::printf("n=%d it=%d r0=%g r=%g err=%g t=%g\n", n, run->stats.iterations,
                  run->stats.initial_residual, run->stats.final_residual, run->l2_error,
                  run->stats.solve_seconds);
  }
}

}  // namespace
}  // namespace boreas
