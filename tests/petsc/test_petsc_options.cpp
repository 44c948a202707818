// PETSc options through the bridge: geometric MG, GAMG and BoomerAMG all
// converge on 3D problems (regular and singular); unused options are
// reported once; PETSC_OPTIONS overrides the deck; non-convergence and bad
// options become RuntimeErrors with the facts a user needs.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/math.hpp"
#include "mesh/mesh.hpp"
#include "solvers/petsc/petsc_solver.hpp"
#include "tests/test_context.hpp"

namespace boreas::linear {
namespace {

const Context& ctx() {
  return testing::context();
}

// A free function: nvcc refuses device lambdas in constructors.
void fill_rhs(const Mesh& m, const FieldView& bb) {
  const double dx = m.dx(0), dy = m.dx(1), dz = m.dx(2);
  const int g = m.ghost(), ox = m.offset(0), oy = m.offset(1), oz = m.offset(2);
  par_for(
      "rhs", m.interior(), KOKKOS_LAMBDA(const int k, const int j, const int i) {
        const double xc = (ox + i - g + 0.5) * dx, yc = (oy + j - g + 0.5) * dy;
        const double zc = (oz + k - g + 0.5) * dz;
        bb(0, k, j, i) =
            math::sin(6.283185307179586 * xc) * math::cos(6.283185307179586 * yc) + zc * (1.0 - zc);
      });
}

struct Poisson3D {
  explicit Poisson3D(int n, bool periodic) : mesh(ctx(), spec(n, periodic)) {
    p.mesh = &mesh;
    for (int f = 0; f < 6; ++f) {
      BoundaryCondition bc;
      bc.type = periodic ? BoundaryType::periodic : BoundaryType::dirichlet;
      p.bcs.set(static_cast<Face>(f), 0, bc);
    }
    b = mesh.make_field("b", 1);
    x = mesh.make_field("x", 1);
    fill_rhs(mesh, b);
  }
  static MeshSpec spec(int n, bool periodic) {
    MeshSpec s;
    s.dim = 3;
    s.cells = {n, n, n};
    s.periodic = {periodic, periodic, periodic};
    return s;
  }
  SolveStats solve(const std::string& options, int max_iterations = 100) {
    SolverSettings s;
    s.type = "petsc";
    s.petsc_options = options;
    s.max_iterations = max_iterations;
    solver = make_petsc_solver(p, s);
    Kokkos::deep_copy(x, 0.0);
    return solver->solve(b, x);
  }
  Mesh mesh;
  EllipticProblem p;
  FieldView b, x;
  std::unique_ptr<Solver> solver;
};

TEST(PetscOptions, MgGamgHypreConvergeIn3D) {
  struct Run {
    const char* options;
    const char* name;
  } runs[] = {
      {"-ksp_type cg -pc_type mg", "petsc(cg+mg)"},
      {"-ksp_type cg -pc_type mg -pc_mg_levels 3 -pc_mg_galerkin", "petsc(cg+mg)"},
      {"-ksp_type cg -pc_type gamg", "petsc(cg+gamg)"},
      {"-ksp_type cg -pc_type hypre -pc_hypre_type boomeramg", "petsc(cg+hypre)"},
      {"", "petsc(cg+mg)"},  // the default
  };
  for (bool periodic : {false, true}) {
    Poisson3D s(periodic ? 16 : 17, periodic);  // 17: a Q1 vertex hierarchy, 16: halving
    for (const Run& r : runs) {
      SCOPED_TRACE(std::string(r.options) + (periodic ? " periodic" : " dirichlet"));
      const SolveStats st = s.solve(r.options);
      EXPECT_EQ(s.solver->name(), r.name);
      if (ctx().is_root()) {
        std::printf("  %-60s %s %s: %d iterations\n", r.options, s.solver->name().c_str(),
                    periodic ? "periodic 16^3" : "dirichlet 17^3", st.iterations);
      }
      EXPECT_TRUE(st.converged);
      EXPECT_GT(st.iterations, 0);
      EXPECT_LT(st.iterations, 40);
      EXPECT_LE(st.final_residual, 1e-8 * 1.01 * st.initial_residual);  // x0 = 0: r0 = b
      EXPECT_GT(st.setup_seconds, 0.0);
      EXPECT_GT(st.solve_seconds, 0.0);
    }
  }
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(PetscOptions, UnusedOptionsWarnedOnce) {
  log::set_rank(ctx().rank());
  const std::string path = ::testing::TempDir() + "boreas_petsc_warnings.txt";
  if (ctx().is_root()) std::remove(path.c_str());
  ctx().barrier();
  log::tee_to(path);  // rank 0 only
  {
    Poisson3D s(8, true);  // singular: the bridge's own coarse-solve defaults must stay quiet
    SolverSettings set;
    set.type = "petsc";
    set.petsc_options = "-ksp_type cg -pc_type mg -pc_hypre_type boomeramg -no_such_option 3";
    auto solver = make_petsc_solver(s.p, set);
    solver->solve(s.b, s.x);
    solver->solve(s.b, s.x);
  }
  log::tee_to("");
  if (ctx().is_root()) {
    const std::string text = read_file(path);
    EXPECT_EQ(count(text, "warning: PETSc option -no_such_option 3 was set but never used"), 1)
        << text;
    EXPECT_EQ(count(text, "-pc_hypre_type boomeramg was set but never used"), 1) << text;
    EXPECT_EQ(count(text, "warning:"), 2) << "only the unused ones, once:\n" << text;
    std::remove(path.c_str());
  }
  log::set_rank(0);
}

TEST(PetscOptions, EnvironmentOverridesDeck) {
  Poisson3D s(8, false);
  setenv("PETSC_OPTIONS", "-pc_type jacobi", 1);
  const SolveStats st = s.solve("-ksp_type cg -pc_type mg", 400);
  unsetenv("PETSC_OPTIONS");
  EXPECT_EQ(s.solver->name(), "petsc(cg+jacobi)");
  EXPECT_TRUE(st.converged);
}

void expect_runtime_error(Poisson3D& s, const std::string& options, int max_iterations,
                          const std::string& must_contain) {
  SCOPED_TRACE(options);
  try {
    s.solve(options, max_iterations);
    ADD_FAILURE() << "no exception";
  } catch (const RuntimeError& e) {
    const std::string msg = e.what();
    if (ctx().is_root()) std::printf("  expected error: %s\n", msg.c_str());
    for (const char* part : {"iterations", "initial residual", "final residual"}) {
      if (must_contain.empty()) break;
      EXPECT_NE(msg.find(part), std::string::npos) << msg;
    }
    EXPECT_NE(msg.find(must_contain), std::string::npos) << msg;
  }
}

TEST(PetscOptions, NonConvergenceThrowsWithFacts) {
  Poisson3D s(16, false);
  expect_runtime_error(s, "-ksp_type cg -pc_type mg", 1, "KSP cg, PC mg");
  expect_runtime_error(s, "-ksp_type cg -pc_type jacobi -ksp_max_it 2", 100, "KSP cg, PC jacobi");
  expect_runtime_error(s, "-ksp_type cg -pc_type gamg -ksp_max_it 1", 100, "after 1 iterations");
}

TEST(PetscOptions, BadOptionIsARuntimeError) {
  Poisson3D s(8, false);
  try {
    s.solve("-pc_type no_such_preconditioner");
    ADD_FAILURE() << "no exception";
  } catch (const RuntimeError& e) {
    EXPECT_NE(std::string(e.what()).find("no_such_preconditioner"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace boreas::linear
