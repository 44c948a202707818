// PETSc solutions of manufactured Poisson problems converge at second
// order (dirichlet, neumann, periodic; 2D and 3D), and every PETSc solution
// satisfies our own CSR operator: ||b - A_csr x|| is at the solver
// tolerance, so the bridge and the CSR matrix assemble the same operator
// (including variable k and mixed, non-homogeneous conditions).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>

#include "core/math.hpp"
#include "mesh/mesh.hpp"
#include "solvers/linear/csr_matrix.hpp"
#include "solvers/petsc/petsc_solver.hpp"
#include "tests/test_context.hpp"

namespace boreas::linear {
namespace {

const Context& ctx() {
  return testing::context();
}
constexpr double kPi = 3.14159265358979323846;
using Fn = std::function<double(const double*)>;

// Fills variable 0 over the interior from f(cell centre) on the host.
void fill(const Mesh& m, const FieldView& field, const Fn& f) {
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), field);
  const Box in = m.interior();
  for (int k = in.k0; k < in.k1; ++k)
    for (int j = in.j0; j < in.j1; ++j)
      for (int i = in.i0; i < in.i1; ++i) {
        const double x[3] = {m.center(0, i), m.center(1, j), m.center(2, k)};
        h(0, k, j, i) = f(x);
      }
  Kokkos::deep_copy(field, h);
}

double interior_sum(const Mesh& m, const FieldView& a, const FieldView& b, bool product) {
  double s = 0.0;
  par_reduce(
      "sum", m.interior(),
      KOKKOS_LAMBDA(const int k, const int j, const int i, double& acc) {
        acc += product ? a(0, k, j, i) * b(0, k, j, i) : a(0, k, j, i);
      },
      Kokkos::Sum<double>(s));
  return ctx().sum(s);
}

void add_constant(const Mesh& m, const FieldView& a, double c) {
  par_for(
      "add_constant", m.interior(),
      KOKKOS_LAMBDA(const int k, const int j, const int i) { a(0, k, j, i) += c; });
}

// ||b - A_csr x|| with b made mean-free for singular problems, as the
// solvers do; also returns ||b||.
double csr_residual(const EllipticProblem& p, const FieldView& b_in, const FieldView& x,
                    double& b_norm) {
  const Mesh& m = *p.mesh;
  FieldView b = m.make_field("b_copy", 1);
  Kokkos::deep_copy(b, b_in);
  if (p.singular()) add_constant(m, b, -interior_sum(m, b, b, false) / m.global_cell_count());
  CsrMatrix a(p);
  FieldView ax = m.make_field("ax", 1);
  a.apply(x, ax);
  par_for(
      "residual", m.interior(), KOKKOS_LAMBDA(const int k, const int j, const int i) {
        ax(0, k, j, i) = b(0, k, j, i) - ax(0, k, j, i);
      });
  b_norm = std::sqrt(interior_sum(m, b, b, true));
  return std::sqrt(interior_sum(m, ax, ax, true));
}

// Solves with PETSc and checks the solution against the CSR operator.
SolveStats solve_and_check(const EllipticProblem& p, const FieldView& b, const FieldView& x,
                           const std::string& options, double rtol) {
  SolverSettings s;
  s.type = "petsc";
  s.rtol = rtol;
  s.max_iterations = 300;
  s.petsc_options = options;
  auto solver = make_petsc_solver(p, s);
  const SolveStats st = solver->solve(b, x);
  EXPECT_TRUE(st.converged) << solver->name();
  double b_norm = 0.0;
  const double r = csr_residual(p, b, x, b_norm);
  EXPECT_LE(r, 2.0 * rtol * b_norm) << solver->name() << ": PETSc's solution does not solve the "
                                    << "CSR system (PETSc reports " << st.final_residual << ")";
  EXPECT_NEAR(r, st.final_residual, 1e-3 * rtol * b_norm + 1e-12 * b_norm) << solver->name();
  return st;
}

struct Manufactured {
  std::string name;
  char face = 'd';  // all faces: 'd', 'n' or 'p'
  Fn u, f;
  double face_value[6] = {0, 0, 0, 0, 0, 0};
};

Manufactured manufactured(const std::string& name, int dim) {
  Manufactured m;
  m.name = name;
  if (name == "dirichlet") {  // u = 1 on every face
    m.face = 'd';
    m.u = [dim](const double* x) {
      double p = 1.0;
      for (int d = 0; d < dim; ++d) p *= std::sin(kPi * x[d]);
      return 1.0 + p;
    };
    m.f = [dim](const double* x) {
      double p = dim * kPi * kPi;
      for (int d = 0; d < dim; ++d) p *= std::sin(kPi * x[d]);
      return p;
    };
    for (double& v : m.face_value) v = 1.0;
  } else if (name == "neumann") {  // du/dn = -0.5 at x = 0, +0.5 at x = 1, 0 elsewhere
    m.face = 'n';
    m.u = [dim](const double* x) {
      double p = 1.0;
      for (int d = 0; d < dim; ++d) p *= std::cos(kPi * x[d]);
      return p + 0.5 * x[0];
    };
    m.f = [dim](const double* x) {
      double p = dim * kPi * kPi;
      for (int d = 0; d < dim; ++d) p *= std::cos(kPi * x[d]);
      return p;
    };
    m.face_value[0] = -0.5;
    m.face_value[1] = 0.5;
  } else {  // periodic
    m.face = 'p';
    m.u = [dim](const double* x) {
      double p = 1.0;
      for (int d = 0; d < dim; ++d) p *= std::sin(2.0 * kPi * x[d] + d);
      return p;
    };
    m.f = [dim](const double* x) {
      double p = 4.0 * dim * kPi * kPi;
      for (int d = 0; d < dim; ++d) p *= std::sin(2.0 * kPi * x[d] + d);
      return p;
    };
  }
  return m;
}

// Max-norm error of the PETSc solution on n^dim cells (means removed when
// the problem fixes u only up to a constant).
double mms_error(const Manufactured& mf, int dim, int n) {
  MeshSpec spec;
  spec.dim = dim;
  spec.cells = {n, dim > 1 ? n : 1, dim > 2 ? n : 1};
  spec.periodic = {mf.face == 'p', dim > 1 && mf.face == 'p', dim > 2 && mf.face == 'p'};
  Mesh m(ctx(), spec);
  EllipticProblem p;
  p.mesh = &m;
  for (int f = 0; f < 2 * dim; ++f) {
    BoundaryCondition bc;
    bc.type = mf.face == 'd'   ? BoundaryType::dirichlet
              : mf.face == 'n' ? BoundaryType::neumann
                               : BoundaryType::periodic;
    bc.value = mf.face_value[f];
    p.bcs.set(static_cast<Face>(f), 0, bc);
  }
  FieldView b = m.make_field("b", 1), x = m.make_field("x", 1), e = m.make_field("e", 1);
  fill(m, b, mf.f);
  add_boundary_terms(p, b);
  solve_and_check(p, b, x, "", 1e-11);
  fill(m, e, mf.u);
  par_for(
      "error", m.interior(), KOKKOS_LAMBDA(const int k, const int j, const int i) {
        e(0, k, j, i) = x(0, k, j, i) - e(0, k, j, i);
      });
  if (p.singular()) add_constant(m, e, -interior_sum(m, e, e, false) / m.global_cell_count());
  double worst = 0.0;
  par_reduce(
      "max_error", m.interior(),
      KOKKOS_LAMBDA(const int k, const int j, const int i, double& acc) {
        acc = math::fmax(acc, math::fabs(e(0, k, j, i)));
      },
      Kokkos::Max<double>(worst));
  return ctx().max(worst);
}

void check_order(const std::string& name, int dim, int n) {
  SCOPED_TRACE(name + " " + std::to_string(dim) + "D on " + std::to_string(ctx().size()) +
               " ranks");
  const Manufactured mf = manufactured(name, dim);
  const double coarse = mms_error(mf, dim, n);
  const double fine = mms_error(mf, dim, 2 * n);
  const double order = std::log2(coarse / fine);
  if (ctx().is_root()) {
    std::printf("  %s %dD: max error %.3e (%d^%d), %.3e (%d^%d), order %.2f\n", name.c_str(), dim,
                coarse, n, dim, fine, 2 * n, dim, order);
  }
  EXPECT_GE(order, 1.9) << "errors " << coarse << " (" << n << ") and " << fine << " (" << 2 * n
                        << ")";
  EXPECT_LT(fine, 1e-2);
}

TEST(PetscMms, SecondOrder2D) {
  for (const char* name : {"dirichlet", "neumann", "periodic"}) check_order(name, 2, 16);
}

TEST(PetscMms, SecondOrder3D) {
  for (const char* name : {"dirichlet", "neumann", "periodic"}) check_order(name, 3, 12);
}

// Deterministic pseudo-random number in [0, 1).
double hash01(const double* x, int seed) {
  std::uint64_t z = static_cast<std::uint64_t>((x[0] * 1e3 + x[1] * 1e6 + x[2] * 1e9) * 1024.0) +
                    static_cast<std::uint64_t>(seed) * 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return static_cast<double>((z ^ (z >> 31)) >> 11) * (1.0 / 9007199254740992.0);
}

// Variable k, mixed conditions with non-zero values, shift and scale: the
// PETSc Mat and the CSR matrix must still be one operator.
void check_same_operator(int dim, const std::string& faces, double shift, const std::string& opts) {
  SCOPED_TRACE(std::to_string(dim) + "D faces " + faces + " shift " + std::to_string(shift) + " " +
               opts);
  MeshSpec spec;
  spec.dim = dim;
  spec.cells = {11, 9, dim > 2 ? 8 : 1};
  spec.upper = {1.0, 2.0, 0.5};
  for (int d = 0; d < dim; ++d) spec.periodic[d] = faces[2 * d] == 'p';
  Mesh m(ctx(), spec);
  EllipticProblem p;
  p.mesh = &m;
  p.shift = shift;
  p.scale = 0.7;
  for (int f = 0; f < 2 * dim; ++f) {
    BoundaryCondition bc;
    bc.type = faces[f] == 'd'   ? BoundaryType::dirichlet
              : faces[f] == 'n' ? BoundaryType::neumann
                                : BoundaryType::periodic;
    bc.value = 0.25 * (f + 1);
    p.bcs.set(static_cast<Face>(f), 0, bc);
  }
  FieldView k = m.make_field("k", 1);
  fill(m, k, [](const double* x) { return 0.1 + 2.0 * hash01(x, 3); });
  p.coefficient = k;
  FieldView b = m.make_field("b", 1), x = m.make_field("x", 1);
  fill(m, b, [](const double* x) { return hash01(x, 5) - 0.3; });
  add_boundary_terms(p, b);
  fill(m, x, [](const double* x) { return 0.1 * hash01(x, 9); });  // non-zero initial guess
  solve_and_check(p, b, x, opts, 1e-9);
}

TEST(PetscMms, PetscMatEqualsCsrMatrix) {
  check_same_operator(2, "dnpp", 0.0, "");
  check_same_operator(2, "nnnn", 0.0, "-pc_type gamg");
  check_same_operator(3, "dnppnd", 0.0, "");
  check_same_operator(3, "pppppp", 0.0, "-pc_type gamg");
  check_same_operator(3, "nnddpp", 2.5, "-pc_type hypre");
}

}  // namespace
}  // namespace boreas::linear
