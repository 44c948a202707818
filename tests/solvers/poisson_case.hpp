#pragma once
// Manufactured-solution Poisson problems on [0,1]^dim for the solver tests:
// builds the mesh, the problem, b (with boundary terms) and the exact cell
// values, solves with a native solver and measures the discrete L2 error.
#include <array>
#include <functional>
#include <memory>
#include <string>

#include "core/context.hpp"
#include "mesh/mesh.hpp"
#include "solvers/linear/elliptic.hpp"

namespace boreas::testing {

enum class Solution {
  sine_dirichlet,  // u = 1 + prod sin(pi x_d), dirichlet u = 1 on every face
  cosine_neumann,  // u = prod cos(pi x_d) + x_0^2 / 2, neumann (du/dn = 1 on x_upper)
  periodic,        // u = prod sin(2 pi x_d) + cos(2 pi x_0), periodic everywhere
  variable_k,      // k = exp(x_0 + x_1 / 2), u = prod sin(pi x_d), dirichlet 0
};
std::string solution_name(Solution s);

struct PoissonCase {
  int dim = 3;
  std::array<int, 3> cells{16, 16, 16};
  Solution solution = Solution::sine_dirichlet;
  std::array<int, 3> ranks{0, 0, 0};
  double shift = 0.0;
  int ghost = 1;  // the fine mesh's ghost width (coarse levels always use 1)
};

struct PoissonRun {
  std::unique_ptr<Mesh> mesh;
  linear::EllipticProblem problem;
  FieldView b, x, exact, k;
  linear::SolveStats stats;
  double l2_error = 0.0;  // discrete L2 norm of x - exact (means removed when singular)
};

// Sets up the case (x = 0) without solving.
std::unique_ptr<PoissonRun> setup_case(const Context& ctx, const PoissonCase& c);
// Sets up, solves with make_native_solver(settings), measures the error.
std::unique_ptr<PoissonRun> solve_case(const Context& ctx, const PoissonCase& c,
                                       const linear::SolverSettings& s);
double l2_error(const PoissonRun& run);

// Runs f on a Context over the first n ranks of the test's communicator
// (collective over all ranks; the others skip f). Returns false when the
// run has fewer than n ranks.
bool run_on_ranks(int n, const std::function<void(const Context&)>& f);

}  // namespace boreas::testing
