// Manufactured solutions: every native solver type, every boundary kind and
// a variable coefficient reach the discretisation's second order in 2D and
// 3D (observed L2 order >= 1.9 between each pair of three resolutions). A
// wrong stencil, boundary fold-in or right-hand-side lift drops the order.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <tuple>
#include <vector>

#include "tests/solvers/poisson_case.hpp"
#include "tests/test_context.hpp"

namespace boreas {
namespace {

using testing::PoissonCase;
using testing::Solution;

using MmsParam = std::tuple<std::string, Solution, int>;  // type, solution, dim

class Mms : public ::testing::TestWithParam<MmsParam> {};

TEST_P(Mms, SecondOrder) {
  const auto [type, solution, dim] = GetParam();
  linear::SolverSettings s;
  s.type = type;
  s.rtol = 1e-10;  // algebraic error far below the discretisation error
  s.max_iterations = 5000;
  const std::vector<int> sizes = dim == 3   ? std::vector<int>{16, 32, 64}
                                 : dim == 2 ? std::vector<int>{32, 64, 128}
                                            : std::vector<int>{64, 128, 256};
  std::vector<double> errors;
  for (int n : sizes) {
    PoissonCase c;
    c.dim = dim;
    c.cells = {n, dim >= 2 ? n : 1, dim >= 3 ? n : 1};
    c.solution = solution;
    auto run = testing::solve_case(testing::context(), c, s);
    EXPECT_TRUE(run->stats.converged);
    EXPECT_LE(run->stats.final_residual, s.rtol * 1.0001 * run->stats.initial_residual + 1e-300)
        << "x0 = 0, so ||b|| = the initial residual";
    errors.push_back(run->l2_error);
    if (testing::context().is_root()) {
      std::printf("  %s %s %dD n=%d: %d iterations, L2 error %.4e\n", type.c_str(),
                  testing::solution_name(solution).c_str(), dim, n, run->stats.iterations,
                  run->l2_error);
    }
  }
  for (size_t i = 1; i < errors.size(); ++i) {
    const double order = std::log2(errors[i - 1] / errors[i]);
    EXPECT_GE(order, 1.9) << "between n = " << sizes[i - 1] << " and " << sizes[i] << " (errors "
                          << errors[i - 1] << ", " << errors[i] << ")";
    EXPECT_LE(order, 2.3) << "suspiciously fast convergence";
  }
}

std::string param_name(const ::testing::TestParamInfo<MmsParam>& info) {
  std::string t = std::get<0>(info.param);
  for (char& ch : t) {
    if (ch == '-') ch = '_';
  }
  return t + "_" + testing::solution_name(std::get<1>(info.param)) + "_" +
         std::to_string(std::get<2>(info.param)) + "d";
}

INSTANTIATE_TEST_SUITE_P(
    NativeSolvers, Mms,
    ::testing::Combine(::testing::Values("cg-mg", "mg", "cg", "bicgstab"),
                       ::testing::Values(Solution::sine_dirichlet, Solution::cosine_neumann,
                                         Solution::periodic, Solution::variable_k),
                       ::testing::Values(2, 3)),
    param_name);

// 1D with the multigrid solvers (3-point stencil).
INSTANTIATE_TEST_SUITE_P(
    OneD, Mms,
    ::testing::Combine(::testing::Values("cg-mg", "mg"),
                       ::testing::Values(Solution::sine_dirichlet, Solution::cosine_neumann,
                                         Solution::periodic, Solution::variable_k),
                       ::testing::Values(1)),
    param_name);

// Backward-Euler-like operator (shift 1, small scale): still second order
// in space, and the multigrid solvers converge on the non-singular shifted
// all-neumann problem.
TEST(MmsShifted, NeumannWithShift) {
  linear::SolverSettings s;
  s.rtol = 1e-10;
  std::vector<double> errors;
  for (int n : {16, 32, 64}) {
    PoissonCase c;
    c.cells = {n, n, n};
    c.solution = Solution::cosine_neumann;
    c.shift = 5.0;
    auto run = testing::solve_case(testing::context(), c, s);
    EXPECT_FALSE(run->problem.singular());
    EXPECT_TRUE(run->stats.converged);
    errors.push_back(run->l2_error);
  }
  EXPECT_GE(std::log2(errors[0] / errors[1]), 1.9);
  EXPECT_GE(std::log2(errors[1] / errors[2]), 1.9);
}

}  // namespace
}  // namespace boreas
