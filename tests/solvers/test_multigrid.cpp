// Multigrid hierarchy, smoothers and cycles, singular problems, sizes that
// are not powers of two, non-convergence reporting and settings checks.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "solvers/linear/multigrid.hpp"
#include "solvers/linear/native.hpp"
#include "solvers/linear/vector_ops.hpp"
#include "tests/solvers/poisson_case.hpp"
#include "tests/test_context.hpp"

namespace boreas {
namespace {

using testing::PoissonCase;
using testing::Solution;

PoissonCase cube(int n, Solution s = Solution::sine_dirichlet) {
  PoissonCase c;
  c.cells = {n, n, n};
  c.solution = s;
  return c;
}

void print(const Context& ctx, const std::string& what, const linear::SolveStats& st) {
  if (ctx.is_root()) {
    std::printf("  %-44s %3d iterations, residual %.3e -> %.3e\n", what.c_str(), st.iterations,
                st.initial_residual, st.final_residual);
  }
}

// Every smoother and cycle converges, as a preconditioner and alone, in few
// iterations (a broken transfer or smoother needs many more or diverges).
TEST(Multigrid, SmoothersAndCycles) {
  for (const char* smoother : {"rbgs", "jacobi", "chebyshev"}) {
    for (const char* cycle : {"V", "F"}) {
      for (const char* type : {"cg-mg", "mg"}) {
        linear::SolverSettings s;
        s.type = type;
        s.smoother = smoother;
        s.cycle = cycle;
        auto run = testing::solve_case(testing::context(), cube(32), s);
        print(testing::context(), std::string(type) + " " + smoother + " " + cycle + "(2,2) 32^3",
              run->stats);
        EXPECT_TRUE(run->stats.converged);
        EXPECT_LE(run->stats.final_residual, 1e-8 * run->stats.initial_residual);
        EXPECT_LE(run->stats.iterations, std::string(type) == "mg" ? 25 : 14)
            << type << " " << smoother << " " << cycle;
        EXPECT_LT(run->l2_error, 3e-4);  // the discretisation error of 32^3 (2.84e-4)
      }
    }
  }
}

// Other smoothing counts, and a fine mesh with two ghost layers (what PLM
// apps declare): the cycle and the transfers use the mesh's own ghost width.
TEST(Multigrid, SmoothingCountsAndGhostWidth) {
  for (const auto& counts : {std::array<int, 2>{1, 1}, std::array<int, 2>{0, 2},
                             std::array<int, 2>{3, 0}, std::array<int, 2>{4, 4}}) {
    linear::SolverSettings s;
    s.pre_smooth = counts[0];
    s.post_smooth = counts[1];
    PoissonCase c = cube(32, Solution::variable_k);
    c.ghost = 2;
    auto run = testing::solve_case(testing::context(), c, s);
    char what[64];
    std::snprintf(what, sizeof what, "cg-mg V(%d,%d) ghost 2 variable k 32^3", counts[0],
                  counts[1]);
    print(testing::context(), what, run->stats);
    EXPECT_TRUE(run->stats.converged) << what;
    EXPECT_LE(run->stats.iterations, 20) << what;
    EXPECT_LT(run->l2_error, 3.8e-4) << what;  // discretisation error 3.70e-4
  }
}

// Harder problems: cells four times longer in y (coarsened in x and z
// first), flat cells (z coarsened first), and k jumping by 1000 across the
// faces of an inner cube. Still few iterations.
TEST(Multigrid, AnisotropicCellsAndCoefficientJump) {
  const Context& ctx = testing::context();
  for (int variant = 0; variant < 3; ++variant) {
    MeshSpec spec;
    spec.cells = {32, 32, 32};
    if (variant == 0) spec.upper = {1.0, 4.0, 1.0};
    if (variant == 1) spec.upper = {1.0, 1.0, 0.1};
    Mesh m(ctx, spec);
    linear::EllipticProblem p;
    p.mesh = &m;
    for (int f = 0; f < 6; ++f) {
      BoundaryCondition bc;
      bc.type = f < 2 ? BoundaryType::dirichlet : BoundaryType::neumann;
      p.bcs.set(static_cast<Face>(f), 0, bc);
    }
    FieldView k = m.make_field("k", 1);
    if (variant == 2) {
      auto hk = Kokkos::create_mirror_view(k);
      const Box in = m.interior();
      for (int kk = in.k0; kk < in.k1; ++kk)
        for (int j = in.j0; j < in.j1; ++j)
          for (int i = in.i0; i < in.i1; ++i) {
            bool inside = true;
            for (int d = 0; d < 3; ++d) {
              const int idx[3] = {i, j, kk};
              inside = inside && std::abs(m.center(d, idx[d]) - 0.5) < 0.25;
            }
            hk(0, kk, j, i) = inside ? 1000.0 : 1.0;
          }
      Kokkos::deep_copy(k, hk);
      p.coefficient = k;
    }
    FieldView b = m.make_field("b", 1), x = m.make_field("x", 1);
    Kokkos::deep_copy(b, 1.0);
    for (const char* type : {"cg-mg", "mg"}) {
      linear::SolverSettings s;
      s.type = type;
      Kokkos::deep_copy(x, 0.0);
      const auto st = linear::make_native_solver(p, s)->solve(b, x);
      static const char* const names[] = {"long cells", "flat cells", "k jump 1000"};
      print(ctx, std::string(type) + " " + names[variant] + " 32^3", st);
      EXPECT_TRUE(st.converged);
      EXPECT_LE(st.iterations, 20) << type << " " << names[variant];
    }
  }
}

TEST(Multigrid, HierarchyKeepsRankLayoutAndHalves) {
  auto run = testing::setup_case(testing::context(), cube(64));
  linear::StencilOperator op(run->problem);
  linear::Multigrid mg(op, linear::MultigridOptions{});
  if (testing::context().is_root()) std::printf("  %s\n", mg.describe().c_str());
  EXPECT_GE(mg.levels(), 4);
  for (int l = 1; l < mg.levels(); ++l) {
    const Mesh& f = mg.level_mesh(l - 1);
    const Mesh& c = mg.level_mesh(l);
    for (int d = 0; d < 3; ++d) {
      EXPECT_EQ(c.rank_dims(d), f.rank_dims(d));
      EXPECT_EQ(c.rank_coord(d), f.rank_coord(d));
      const int r = f.local_cells(d) / c.local_cells(d);
      EXPECT_TRUE(r == 1 || r == 2);
      EXPECT_EQ(c.local_cells(d) * r, f.local_cells(d));
      EXPECT_EQ(c.offset(d) * r, f.offset(d));
    }
  }
  EXPECT_LE(mg.level_mesh(mg.levels() - 1).global_cell_count(), 64);
}

// The all-neumann and the periodic problems are singular: b is projected to
// mean zero and so is the solution. A b with a non-zero mean (inconsistent)
// still converges for its consistent part.
TEST(Multigrid, SingularProblemsConverge) {
  for (Solution sol : {Solution::cosine_neumann, Solution::periodic}) {
    for (const char* type : {"cg-mg", "mg", "cg", "bicgstab"}) {
      auto run = testing::setup_case(testing::context(), cube(24, sol));
      ASSERT_TRUE(run->problem.singular());
      const Mesh& m = *run->mesh;
      linear::add_constant(m.interior(), run->b, 3.0);  // inconsistent part
      linear::SolverSettings s;
      s.type = type;
      s.max_iterations = 1000;
      auto solver = linear::make_native_solver(run->problem, s);
      const auto st = solver->solve(run->b, run->x);
      print(m.context(), std::string(type) + " " + testing::solution_name(sol) + " 24^3", st);
      EXPECT_TRUE(st.converged);
      const double mean =
          m.context().sum(linear::local_sum(m.interior(), run->x)) / m.global_cell_count();
      EXPECT_LT(std::abs(mean), 1e-12);
      // The discretisation errors at 24^3 are 6.4e-4 (neumann) and 4.5e-3 (periodic).
      EXPECT_LT(testing::l2_error(*run), sol == Solution::periodic ? 5e-3 : 7e-4);
    }
  }
}

// Sizes that are not powers of two stop coarsening early (or coarsen only
// some directions); they must still converge fast, on 1 to 4 ranks.
TEST(Multigrid, NonPowerOfTwoSizes) {
  struct Size {
    int dim;
    std::array<int, 3> cells;
  };
  const Size sizes[] = {{2, {48, 40, 1}}, {2, {100, 100, 1}}, {3, {48, 40, 24}}, {3, {36, 36, 36}}};
  std::vector<int> counts{1};
  if (testing::context().size() >= 3) counts.push_back(3);
  if (testing::context().size() != 1 && testing::context().size() != 3) {
    counts.push_back(testing::context().size());
  }
  for (int nranks : counts) {
    testing::run_on_ranks(nranks, [&](const Context& ctx) {
      for (const Size& z : sizes) {
        for (const char* type : {"cg-mg", "mg"}) {
          PoissonCase c;
          c.dim = z.dim;
          c.cells = z.cells;
          linear::SolverSettings s;
          s.type = type;
          auto run = testing::solve_case(ctx, c, s);
          char what[96];
          std::snprintf(what, sizeof what, "%s %dx%dx%d on %d ranks", type, z.cells[0], z.cells[1],
                        z.cells[2], ctx.size());
          print(ctx, what, run->stats);
          EXPECT_TRUE(run->stats.converged) << what;
          EXPECT_LE(run->stats.iterations, std::string(type) == "mg" ? 30 : 15) << what;
          // Second-order discretisation error (about 0.3 h^2 for this solution).
          double h = 0.0;
          for (int d = 0; d < z.dim; ++d) h = std::max(h, 1.0 / z.cells[d]);
          EXPECT_LT(run->l2_error, 0.5 * h * h) << what;
        }
      }
    });
  }
}

TEST(NativeSolver, NonConvergenceThrowsWithIterationsAndResiduals) {
  for (const char* type : {"cg-mg", "mg", "cg", "bicgstab"}) {
    auto run = testing::setup_case(testing::context(), cube(32));
    linear::SolverSettings s;
    s.type = type;
    s.max_iterations = 2;
    auto solver = linear::make_native_solver(run->problem, s);
    try {
      solver->solve(run->b, run->x);
      ADD_FAILURE() << type << " converged in 2 iterations to 1e-8?";
    } catch (const RuntimeError& e) {
      const std::string msg = e.what();
      for (const std::string& part :
           {std::string(type), std::string("2 iterations"), std::string("initial residual"),
            std::string("final residual"), std::string("did not converge")}) {
        EXPECT_NE(msg.find(part), std::string::npos) << msg << "\nlacks: " << part;
      }
      if (testing::context().is_root()) std::printf("  %s\n", msg.c_str());
    }
  }
}

// An Operator that is not the stencil class (as an assembled matrix would
// be): the Krylov methods take the generic apply() path.
class ForwardingOperator : public linear::Operator {
 public:
  explicit ForwardingOperator(linear::Operator& inner) : inner_(inner) {}
  const Mesh& mesh() const override { return inner_.mesh(); }
  void apply(const FieldView& x, const FieldView& y) override { inner_.apply(x, y); }
  void diagonal(const FieldView& d) override { inner_.diagonal(d); }

 private:
  linear::Operator& inner_;
};

TEST(NativeSolver, KrylovOnAnyOperator) {
  for (Solution sol : {Solution::variable_k, Solution::cosine_neumann}) {
    for (const char* type : {"cg", "bicgstab"}) {
      auto run = testing::setup_case(testing::context(), cube(24, sol));
      linear::StencilOperator stencil(run->problem);
      ForwardingOperator op(stencil);
      linear::SolverSettings s;
      s.type = type;
      s.rtol = 1e-10;
      s.max_iterations = 2000;
      auto solver = linear::make_krylov_solver(op, s, run->problem.singular());
      run->stats = solver->solve(run->b, run->x);
      print(testing::context(),
            std::string(type) + " generic operator " + testing::solution_name(sol) + " 24^3",
            run->stats);
      EXPECT_TRUE(run->stats.converged);
      // The matrix-free path's discretisation error at 24^3 (6.4e-4 neumann, 6.6e-4 k).
      EXPECT_LT(testing::l2_error(*run), 7.5e-4);
    }
  }
  auto run = testing::setup_case(testing::context(), cube(8));
  linear::StencilOperator stencil(run->problem);
  linear::SolverSettings s;  // cg-mg
  EXPECT_THROW(linear::make_krylov_solver(stencil, s, false), InputError);
}

TEST(NativeSolver, ZeroRightHandSideGivesZero) {
  auto run = testing::setup_case(testing::context(), cube(16));
  Kokkos::deep_copy(run->b, 0.0);
  Kokkos::deep_copy(run->x, 1.0);
  auto solver = linear::make_native_solver(run->problem, linear::SolverSettings{});
  const auto st = solver->solve(run->b, run->x);
  EXPECT_TRUE(st.converged);
  EXPECT_EQ(linear::norm2(*run->mesh, run->x), 0.0);
}

TEST(NativeSolver, SettingsAreChecked) {
  auto run = testing::setup_case(testing::context(), cube(8));
  auto expect_input_error = [&](linear::SolverSettings s, const std::string& part) {
    try {
      linear::make_native_solver(run->problem, s);
      ADD_FAILURE() << "expected InputError mentioning " << part;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
    }
  };
  linear::SolverSettings s;
  s.type = "gmres";
  expect_input_error(s, "allowed: cg-mg, cg, bicgstab, mg");
  s = {};
  s.smoother = "sor";
  expect_input_error(s, "allowed: jacobi, rbgs, chebyshev");
  s = {};
  s.cycle = "W";
  expect_input_error(s, "allowed: V, F");
  s = {};
  s.max_iterations = 0;
  expect_input_error(s, "max_iterations");
  s = {};
  s.rtol = -1.0;
  expect_input_error(s, "tolerances");
  s = {};
  s.pre_smooth = s.post_smooth = 0;
  expect_input_error(s, "at least one sweep");
  EXPECT_EQ(linear::make_native_solver(run->problem, linear::SolverSettings{})->name(), "cg-mg");
}

}  // namespace
}  // namespace boreas
