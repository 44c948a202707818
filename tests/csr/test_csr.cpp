// The assembled CSR matrix against a directly coded stencil evaluation:
// every boundary type, constant and variable k, 1D/2D/3D, any rank count.
// The reference works on global cell indices and closed-form fields, so it
// needs neither halo exchanges nor the row builder the matrix uses.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "mesh/mesh.hpp"
#include "solvers/linear/csr_matrix.hpp"
#include "tests/test_context.hpp"

namespace boreas::linear {
namespace {

const Context& ctx() {
  return testing::context();
}

// Deterministic pseudo-random number in [0, 1) for (global cell, seed).
double hash01(long long gid, int seed) {
  std::uint64_t z = static_cast<std::uint64_t>(gid) * 0x9E3779B97F4A7C15ull +
                    static_cast<std::uint64_t>(seed) * 0xBF58476D1CE4E5B9ull + 1;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) * (1.0 / 9007199254740992.0);
}

struct Case {
  int dim = 3;
  std::array<int, 3> cells{9, 7, 6};
  // Per face: 'd' dirichlet, 'n' neumann, 'p' periodic (both faces of a direction).
  std::string faces = "dddddd";
  bool variable_k = false;
  double shift = 0.0;
  int ghost = 1;
  std::string describe() const {
    std::ostringstream o;
    o << dim << "D " << cells[0] << "x" << cells[1] << "x" << cells[2] << " faces " << faces
      << (variable_k ? " variable k" : " constant k") << " shift " << shift << " ghost " << ghost
      << " on " << ctx().size() << " ranks";
    return o.str();
  }
};

MeshSpec spec_of(const Case& c) {
  MeshSpec s;
  s.dim = c.dim;
  s.cells = c.cells;
  s.lower = {0.0, -1.0, 0.5};
  s.upper = {1.0, 1.0, 1.25};  // different h per direction
  for (int d = 0; d < 3; ++d) s.periodic[d] = c.faces[2 * d] == 'p';
  s.ghost = c.ghost;
  return s;
}

// Global cell index per direction of local cell idx; wraps periodic
// directions; returns false beyond a non-periodic boundary.
bool global_cell(const Mesh& m, int d, long long local, long long& g) {
  g = m.offset(d) + local - m.ghost(d);
  const long long n = m.global_cells(d);
  if (g >= 0 && g < n) return true;
  if (!m.periodic(d)) return false;
  g = ((g % n) + n) % n;
  return true;
}

long long gid_of(const Mesh& m, const long long g[3]) {
  return (g[2] * m.global_cells(1) + g[1]) * m.global_cells(0) + g[0];
}

// Global id of local interior cell (k, j, i).
long long gid_at(const Mesh& m, int k, int j, int i) {
  const int idx[3] = {i, j, k};
  long long g[3];
  for (int d = 0; d < 3; ++d) global_cell(m, d, idx[d], g[d]);
  return gid_of(m, g);
}

double k_of(const Case& c, long long gid) {
  return c.variable_k ? 0.2 + 3.0 * hash01(gid, 7) : 1.7;
}

struct Problem {
  EllipticProblem p;
  FieldView k;
};

Problem make_problem(const Mesh& m, const Case& c) {
  Problem out;
  out.p.mesh = &m;
  out.p.shift = c.shift;
  out.p.scale = 1.3;
  out.p.k_constant = 1.7;
  for (int f = 0; f < 2 * c.dim; ++f) {
    BoundaryCondition bc;
    bc.type = c.faces[f] == 'd'   ? BoundaryType::dirichlet
              : c.faces[f] == 'n' ? BoundaryType::neumann
                                  : BoundaryType::periodic;
    bc.value = 0.5 + f;  // non-zero values must not change the (homogeneous) operator
    out.p.bcs.set(static_cast<Face>(f), 0, bc);
  }
  if (c.variable_k) {
    // Interior only: the matrix must fill the ghosts it needs itself.
    out.k = m.make_field("k", 1);
    auto h = Kokkos::create_mirror_view(out.k);
    const Box in = m.interior();
    for (int kk = in.k0; kk < in.k1; ++kk)
      for (int j = in.j0; j < in.j1; ++j)
        for (int i = in.i0; i < in.i1; ++i) h(0, kk, j, i) = k_of(c, gid_at(m, kk, j, i));
    Kokkos::deep_copy(out.k, h);
    out.p.coefficient = out.k;
  }
  return out;
}

double u_of(long long gid, int seed) {
  return 2.0 * hash01(gid, seed) - 1.0;
}

// Interior filled from u_of, ghosts poisoned: apply() must refresh them.
FieldView random_field(const Mesh& m, int seed) {
  FieldView f = m.make_field("x", 1);
  auto h = Kokkos::create_mirror_view(f);
  Kokkos::deep_copy(h, 1e30);
  const Box in = m.interior();
  for (int k = in.k0; k < in.k1; ++k)
    for (int j = in.j0; j < in.j1; ++j)
      for (int i = in.i0; i < in.i1; ++i) h(0, k, j, i) = u_of(gid_at(m, k, j, i), seed);
  Kokkos::deep_copy(f, h);
  return f;
}

// (A u) and diag(A) at local interior cell (k, j, i), straight from the formula.
void reference(const Mesh& m, const Case& c, const Problem& pr, int seed, int k, int j, int i,
               double& au, double& diag) {
  const int idx[3] = {i, j, k};
  long long g[3];
  for (int d = 0; d < 3; ++d) global_cell(m, d, idx[d], g[d]);
  const long long gid = gid_of(m, g);
  const double uc = u_of(gid, seed);
  const double kc = k_of(c, gid);
  double flux = 0.0, dg = 0.0;
  for (int d = 0; d < c.dim; ++d) {
    const double h2 = m.dx(d) * m.dx(d);
    for (int s = -1; s <= 1; s += 2) {
      long long gn[3] = {g[0], g[1], g[2]};
      long long local_n = idx[d] + s;
      if (!global_cell(m, d, local_n, gn[d])) {
        const char face = c.faces[2 * d + (s > 0 ? 1 : 0)];
        if (face == 'd') {  // ghost = -u_c on the face, k of the touching cell
          flux += kc / h2 * (-uc - uc);
          dg += 2.0 * kc / h2;
        }
        continue;  // neumann: ghost = u_c, no flux
      }
      const long long nid = gid_of(m, gn);
      const double kn = k_of(c, nid);
      const double kf = c.variable_k ? 2.0 * kc * kn / (kc + kn) : kc;
      flux += kf / h2 * (u_of(nid, seed) - uc);
      dg += kf / h2;
    }
  }
  au = c.shift * uc - pr.p.scale * flux;
  diag = c.shift + pr.p.scale * dg;
}

double interior_dot(const Mesh& m, const FieldView& a, const FieldView& b) {
  double s = 0.0;
  par_reduce(
      "dot", m.interior(),
      KOKKOS_LAMBDA(const int k, const int j, const int i, double& acc) {
        acc += a(0, k, j, i) * b(0, k, j, i);
      },
      Kokkos::Sum<double>(s));
  return ctx().sum(s);
}

void check_case(const Case& c) {
  SCOPED_TRACE(c.describe());
  Mesh m(ctx(), spec_of(c));
  Problem pr = make_problem(m, c);
  CsrMatrix a(pr.p);
  ASSERT_EQ(a.rows(), m.local_cell_count());

  const int seed = 11;
  FieldView x = random_field(m, seed);
  FieldView y = m.make_field("y", 1);
  FieldView d = m.make_field("d", 1);
  a.apply(x, y);
  a.diagonal(d);
  auto hy = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), y);
  auto hd = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), d);
  const Box in = m.interior();
  double worst = 0.0, worst_diag = 0.0, scale = 0.0;
  for (int k = in.k0; k < in.k1; ++k)
    for (int j = in.j0; j < in.j1; ++j)
      for (int i = in.i0; i < in.i1; ++i) {
        double au = 0.0, dg = 0.0;
        reference(m, c, pr, seed, k, j, i, au, dg);
        worst = std::fmax(worst, std::fabs(hy(0, k, j, i) - au));
        worst_diag = std::fmax(worst_diag, std::fabs(hd(0, k, j, i) - dg));
        scale = std::fmax(scale, std::fabs(dg));
      }
  EXPECT_LE(ctx().max(worst), 1e-13 * ctx().max(scale)) << "SpMV differs from the stencil";
  EXPECT_LE(ctx().max(worst_diag), 1e-13 * ctx().max(scale)) << "diagonal differs";

  // Symmetry: y^T A x == x^T A y.
  FieldView z = random_field(m, seed + 1);
  FieldView az = m.make_field("az", 1);
  a.apply(z, az);
  const double zax = interior_dot(m, z, y);
  const double xaz = interior_dot(m, x, az);
  EXPECT_NEAR(zax, xaz, 1e-12 * (std::fabs(zax) + std::fabs(xaz) + 1.0)) << "not symmetric";
}

std::vector<std::string> face_sets(int dim) {
  const std::string all[] = {"dddddd", "nnnnnn", "pppppp", "dnppnd", "ndnnpp", "ppdnpp"};
  std::vector<std::string> out;
  for (const auto& f : all) out.push_back(f.substr(0, 2 * dim));
  return out;
}

void check_all(int dim, std::array<int, 3> cells) {
  for (const std::string& faces : face_sets(dim)) {
    for (int vk = 0; vk < 2; ++vk) {
      Case c;
      c.dim = dim;
      c.cells = cells;
      c.faces = faces;
      c.variable_k = vk == 1;
      c.shift = vk == 1 ? 0.0 : 0.3;
      check_case(c);
    }
  }
}

TEST(Csr, MatchesStencil1D) {
  check_all(1, {13, 1, 1});
}
TEST(Csr, MatchesStencil2D) {
  check_all(2, {11, 6, 1});
}
TEST(Csr, MatchesStencil3D) {
  check_all(3, {9, 7, 6});
}

TEST(Csr, WideGhostsAndTinyPeriodicDirections) {
  Case c;
  c.dim = 3;
  c.cells = {8, 4, 4};
  c.faces = "dnpppp";
  c.variable_k = true;
  c.ghost = 2;
  check_case(c);
  // One or two cells across a periodic direction: both neighbours are the
  // same cell (or the cell itself).
  if (ctx().size() == 1) {
    c.ghost = 1;
    c.cells = {5, 2, 1};
    check_case(c);
  }
}

TEST(Csr, StructureCounts) {
  Case c;
  c.faces = "pppppp";
  Mesh m(ctx(), spec_of(c));
  Problem pr = make_problem(m, c);
  CsrMatrix a(pr.p);
  EXPECT_EQ(a.nonzeros(), 7 * m.local_cell_count());
  c.faces = "dddddd";
  Mesh m2(ctx(), spec_of(c));
  Problem pr2 = make_problem(m2, c);
  CsrMatrix a2(pr2.p);
  // Every open face appears twice (once from each side) in the global count.
  const long long n = m2.global_cell_count();
  const long long faces = 2 * n * 3 - 2 * (9 * 7 + 7 * 6 + 9 * 6);
  EXPECT_EQ(ctx().sum(a2.nonzeros()), n + faces);
}

TEST(Csr, RejectsUnknownBoundaryType) {
  Case c;
  Mesh m(ctx(), spec_of(c));
  Problem pr = make_problem(m, c);
  BoundaryCondition wall;
  wall.type = BoundaryType::outflow;
  pr.p.bcs.set(x_lower, 0, wall);
  EXPECT_THROW(CsrMatrix a(pr.p), InputError);
}

}  // namespace
}  // namespace boreas::linear
