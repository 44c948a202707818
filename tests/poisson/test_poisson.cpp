// Poisson app: manufactured-solution order for every boundary type and
// solver, native vs PETSc agreement, agreement over rank counts, the
// singular all-neumann and periodic problems, and the non-convergence error.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>

#include "core/error.hpp"
#include "solvers/factory.hpp"
#include "tests/common/decks.hpp"
#include "tests/common/gather.hpp"
#include "tests/common/run.hpp"
#include "tests/test_context.hpp"

using boreas::testing::context;
using boreas::testing::run_app;

namespace {

const std::string kMixed3D = boreas::testing::read_test_deck("poisson/mixed_3d.toml");
const std::string kMixed2D = boreas::testing::read_test_deck("poisson/mixed_2d.toml");

std::string cells(int dim, int n) {
  std::string s = "mesh.cells=[" + std::to_string(n);
  for (int d = 1; d < dim; ++d) s += "," + std::to_string(n);
  return s + "]";
}

double error_at(const std::string& deck, int dim, int n, std::vector<std::string> extra = {}) {
  extra.push_back(cells(dim, n));
  auto run = run_app(context(), "poisson", deck, extra);
  return run->final("l2_error");
}

void expect_second_order(const std::string& deck, int dim, std::vector<int> sizes,
                         const std::vector<std::string>& extra, const std::string& what) {
  std::vector<double> e;
  for (int n : sizes) e.push_back(error_at(deck, dim, n, extra));
  for (size_t i = 1; i < e.size(); ++i) {
    const double order = std::log2(e[i - 1] / e[i]);
    if (context().is_root()) {
      std::printf("%s: n=%d error %.3e, n=%d error %.3e, order %.3f\n", what.c_str(), sizes[i - 1],
                  e[i - 1], sizes[i], e[i], order);
    }
    EXPECT_GE(order, 1.9) << what;
  }
}

std::vector<double> solution(const boreas::Context& ctx, const std::string& deck,
                             const std::vector<std::string>& ov) {
  auto run = run_app(ctx, "poisson", deck, ov);
  return boreas::testing::gather_global(run->mesh(), run->variable("u").view, 0);
}

double relative_difference(const std::vector<double>& a, const std::vector<double>& b) {
  double num = 0.0, den = 0.0;
  for (size_t i = 0; i < a.size(); ++i) {
    num += (a[i] - b[i]) * (a[i] - b[i]);
    den += a[i] * a[i];
  }
  return std::sqrt(num / den);
}

}  // namespace

TEST(Poisson, SecondOrder3DMixedBoundaries) {
  expect_second_order(kMixed3D, 3, {16, 32, 64}, {}, "3D cg-mg mixed");
}

TEST(Poisson, SecondOrder2DMixedBoundaries) {
  expect_second_order(kMixed2D, 2, {16, 32, 64}, {}, "2D cg-mg mixed");
}

TEST(Poisson, SecondOrderVariableCoefficient3D) {
  expect_second_order(kMixed3D, 3, {16, 32, 64}, {"problem.coefficient=\"variable\""},
                      "3D variable k");
}

TEST(Poisson, EverySolverTypeConvergesToTheSameOrder) {
  for (const char* type : {"cg", "bicgstab", "mg", "petsc"}) {
    if (std::string(type) == "petsc" && !boreas::linear::petsc_available())
      continue;  // BOREAS_PETSC=OFF
    expect_second_order(kMixed2D, 2, {16, 32}, {std::string("solver.type=\"") + type + "\""},
                        std::string("2D ") + type);
  }
}

TEST(Poisson, AllNeumannSingularProblemConverges) {
  const std::vector<std::string> neumann = {
      "boundary.x_lower=\"neumann\"", "boundary.x_upper=\"neumann\"",
      "boundary.y_lower=\"neumann\"", "boundary.y_upper=\"neumann\"",
      "boundary.z_lower=\"neumann\"", "boundary.z_upper=\"neumann\""};
  expect_second_order(kMixed3D, 3, {16, 32}, neumann, "3D all-neumann");
}

TEST(Poisson, FullyPeriodicSingularProblemConverges) {
  const std::vector<std::string> periodic = {
      "boundary.x_lower=\"periodic\"", "boundary.x_upper=\"periodic\"",
      "boundary.y_lower=\"periodic\"", "boundary.y_upper=\"periodic\""};
  expect_second_order(kMixed3D, 3, {16, 32}, periodic, "3D periodic");
}

TEST(Poisson, NativeAndPetscAgreeToTheSolverTolerance) {
  if (!boreas::linear::petsc_available()) GTEST_SKIP() << "built without PETSc (BOREAS_PETSC=OFF)";
  const std::vector<std::string> tight = {"solver.rtol=1e-11", cells(3, 24)};
  auto native = solution(context(), kMixed3D, tight);
  auto with_petsc = tight;
  with_petsc.push_back("solver.type=\"petsc\"");
  with_petsc.push_back("solver.petsc_options=\"-ksp_type cg -pc_type gamg\"");
  auto petsc = solution(context(), kMixed3D, with_petsc);
  if (context().is_root()) {
    const double d = relative_difference(native, petsc);
    std::printf("native vs PETSc: relative difference %.3e\n", d);
    EXPECT_LT(d, 1e-8);
  }
}

// 1, 2 and 4 ranks (as far as this launch has them) give the same solution
// to the solver tolerance, and not bitwise: the reductions differ.
TEST(Poisson, RankCountsAgreeToTheSolverTolerance) {
  const auto& world = context();
  const std::vector<std::string> ov = {"solver.rtol=1e-11", cells(3, 20)};
  std::vector<double> reference;
  for (int nranks : {1, 2, 4}) {
    if (nranks > world.size()) break;
    MPI_Comm sub;
    MPI_Comm_split(world.comm(), world.rank() < nranks ? 0 : MPI_UNDEFINED, world.rank(), &sub);
    std::vector<double> u;
    if (sub != MPI_COMM_NULL) {
      boreas::Context ctx(sub);
      u = solution(ctx, kMixed3D, ov);
      MPI_Comm_free(&sub);
    }
    if (world.is_root()) {
      if (reference.empty()) {
        reference = u;
      } else {
        const double d = relative_difference(reference, u);
        std::printf("%d ranks vs 1 rank: relative difference %.3e\n", nranks, d);
        EXPECT_LT(d, 1e-8);
      }
    }
  }
}

TEST(Poisson, NonConvergenceIsARuntimeErrorNamingTheSolver) {
  try {
    run_app(context(), "poisson", kMixed3D, {"solver.max_iterations=1", "solver.rtol=1e-12"});
    FAIL() << "expected a RuntimeError";
  } catch (const boreas::RuntimeError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("cg-mg"), std::string::npos) << m;
    EXPECT_NE(m.find("iteration"), std::string::npos) << m;
    EXPECT_NE(m.find("residual"), std::string::npos) << m;
  }
}
