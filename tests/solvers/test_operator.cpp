// The matrix-free operator against an independent ghost-cell formulation
// on the host, its symmetry, its diagonal, and bit-identical results on any
// rank count.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "solvers/linear/stencil_operator.hpp"
#include "solvers/linear/vector_ops.hpp"
#include "tests/common/gather.hpp"
#include "tests/solvers/poisson_case.hpp"
#include "tests/test_context.hpp"

namespace boreas {
namespace {

struct OperatorCase {
  int dim;
  std::array<int, 3> cells;
  BoundaryType types[6];
  bool variable_k;
  double shift;
};

// Deterministic pseudo-random value of a global cell, the same on any
// decomposition.
double hash_value(long long gid, int seed) {
  uint64_t z = static_cast<uint64_t>(gid) * 0x9E3779B97F4A7C15ull + static_cast<uint64_t>(seed);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) / 9007199254740992.0 - 0.5;
}

struct Setup {
  std::unique_ptr<Mesh> mesh;
  linear::EllipticProblem p;
  FieldView k;
};

std::unique_ptr<Setup> make_setup(const Context& ctx, const OperatorCase& c) {
  auto s = std::make_unique<Setup>();
  MeshSpec spec;
  spec.dim = c.dim;
  spec.cells = c.cells;
  for (int d = 0; d < 3; ++d) spec.periodic[d] = c.types[2 * d] == BoundaryType::periodic;
  spec.lower = {0.0, -1.0, 0.5};
  spec.upper = {1.0, 2.0, 1.0};  // unequal spacings
  s->mesh = std::make_unique<Mesh>(ctx, spec);
  s->p.mesh = s->mesh.get();
  for (int f = 0; f < 6; ++f) {
    BoundaryCondition bc;
    bc.type = c.types[f];
    s->p.bcs.set(static_cast<Face>(f), 0, bc);
  }
  s->p.shift = c.shift;
  s->p.scale = 0.7;
  s->p.k_constant = 1.3;
  if (c.variable_k) {
    s->k = s->mesh->make_field("k", 1);
    auto h = Kokkos::create_mirror_view(s->k);
    const Mesh& m = *s->mesh;
    const Box in = m.interior();
    for (int k = in.k0; k < in.k1; ++k)
      for (int j = in.j0; j < in.j1; ++j)
        for (int i = in.i0; i < in.i1; ++i) {
          const long long g =
              ((static_cast<long long>(m.offset(2) + k - in.k0) * m.global_cells(1)) + m.offset(1) +
               j - in.j0) *
                  m.global_cells(0) +
              m.offset(0) + i - in.i0;
          h(0, k, j, i) = 1.0 + 10.0 * (hash_value(g, 7) + 0.5);  // 1 .. 11
        }
    Kokkos::deep_copy(s->k, h);
    s->p.coefficient = s->k;
  }
  return s;
}

FieldView random_field(const Mesh& m, int seed) {
  FieldView f = m.make_field("random", 1);
  auto h = Kokkos::create_mirror_view(f);
  const Box in = m.interior();
  for (int k = in.k0; k < in.k1; ++k)
    for (int j = in.j0; j < in.j1; ++j)
      for (int i = in.i0; i < in.i1; ++i) {
        const long long g = ((static_cast<long long>(m.offset(2) + k - in.k0) * m.global_cells(1)) +
                             m.offset(1) + j - in.j0) *
                                m.global_cells(0) +
                            m.offset(0) + i - in.i0;
        h(0, k, j, i) = hash_value(g, seed);
      }
  Kokkos::deep_copy(f, h);
  return f;
}

const OperatorCase kCases[] = {
    {3,
     {12, 10, 8},
     {BoundaryType::dirichlet, BoundaryType::neumann, BoundaryType::neumann,
      BoundaryType::dirichlet, BoundaryType::dirichlet, BoundaryType::neumann},
     false,
     0.0},
    {3,
     {12, 10, 8},
     {BoundaryType::dirichlet, BoundaryType::neumann, BoundaryType::periodic,
      BoundaryType::periodic, BoundaryType::neumann, BoundaryType::dirichlet},
     true,
     0.5},
    {2,
     {16, 12, 1},
     {BoundaryType::periodic, BoundaryType::periodic, BoundaryType::neumann,
      BoundaryType::dirichlet, BoundaryType::neumann, BoundaryType::neumann},
     true,
     0.0},
    {2,
     {16, 12, 1},
     {BoundaryType::neumann, BoundaryType::neumann, BoundaryType::neumann, BoundaryType::neumann,
      BoundaryType::neumann, BoundaryType::neumann},
     false,
     2.0},
    {1,
     {20, 1, 1},
     {BoundaryType::dirichlet, BoundaryType::neumann, BoundaryType::neumann, BoundaryType::neumann,
      BoundaryType::neumann, BoundaryType::neumann},
     true,
     0.0},
};

// shift u - scale div(k grad u) from ghost values (Operator::apply fills
// them: halo exchange + homogeneous conditions), evaluated face by face on
// the host. Face k: harmonic mean inside, the cell's k on a physical face.
TEST(StencilOperator, MatchesGhostCellFormula) {
  for (const OperatorCase& c : kCases) {
    auto s = make_setup(testing::context(), c);
    const Mesh& m = *s->mesh;
    linear::StencilOperator op(s->p);
    FieldView x = random_field(m, 1), y = m.make_field("y", 1), d = m.make_field("d", 1);
    op.apply(x, y);
    op.diagonal(d);
    FieldView kf = s->k;
    if (c.variable_k) {  // the host formula needs k's ghosts too
      HaloExchange h(m, 1);
      h.exchange(kf);
    }
    auto hx = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), x);
    auto hy = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), y);
    auto hd = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), d);
    HostFieldView hk;
    if (c.variable_k) hk = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), kf);
    const Box in = m.interior();
    double worst = 0.0, worst_diag = 0.0;
    for (int k = in.k0; k < in.k1; ++k)
      for (int j = in.j0; j < in.j1; ++j)
        for (int i = in.i0; i < in.i1; ++i) {
          const int idx[3] = {i, j, k};
          const double kc = c.variable_k ? hk(0, k, j, i) : s->p.k_constant;
          double a = s->p.shift * hx(0, k, j, i), diag = s->p.shift;
          for (int dd = 0; dd < c.dim; ++dd) {
            const double h2 = m.dx(dd) * m.dx(dd);
            for (int side = -1; side <= 1; side += 2) {
              int n[3] = {i, j, k};
              n[dd] += side;
              const Face f = static_cast<Face>(2 * dd + (side > 0 ? 1 : 0));
              const bool on_face = m.is_physical_boundary(f) &&
                                   (side > 0 ? idx[dd] == m.ghost(dd) + m.local_cells(dd) - 1
                                             : idx[dd] == m.ghost(dd));
              double kface = kc;
              if (c.variable_k && !on_face) {
                const double kn = hk(0, n[2], n[1], n[0]);
                kface = 2.0 * kc * kn / (kc + kn);
              }
              const double w = s->p.scale * kface / h2;
              a += w * (hx(0, k, j, i) - hx(0, n[2], n[1], n[0]));
              const BoundaryType t = s->p.bcs.get(f, 0).type;
              diag += on_face ? (t == BoundaryType::dirichlet ? 2.0 * w : 0.0) : w;
            }
          }
          worst = std::max(worst, std::abs(a - hy(0, k, j, i)) / (std::abs(a) + 1.0));
          worst_diag = std::max(worst_diag, std::abs(diag - hd(0, k, j, i)) / diag);
        }
    EXPECT_LT(testing::context().max(worst), 1e-13)
        << c.dim << "D case, variable k " << c.variable_k;
    EXPECT_LT(testing::context().max(worst_diag), 1e-13);
  }
}

TEST(StencilOperator, Symmetric) {
  for (const OperatorCase& c : kCases) {
    auto s = make_setup(testing::context(), c);
    const Mesh& m = *s->mesh;
    linear::StencilOperator op(s->p);
    FieldView x = random_field(m, 2), y = random_field(m, 3);
    FieldView ax = m.make_field("ax", 1), ay = m.make_field("ay", 1);
    op.apply(x, ax);
    op.apply(y, ay);
    const double yax = linear::dot(m, y, ax), xay = linear::dot(m, x, ay);
    EXPECT_NEAR(yax, xay, 1e-12 * (std::abs(yax) + std::abs(xay))) << c.dim << "D";
    // Positive (semi-)definite: x . A x > 0 for a random x.
    EXPECT_GT(linear::dot(m, x, ax), 0.0);
  }
}

TEST(StencilOperator, SingularExactlyWithoutDirichletAndShift) {
  for (const OperatorCase& c : kCases) {
    auto s = make_setup(testing::context(), c);
    linear::StencilOperator op(s->p);
    EXPECT_EQ(op.singular(), s->p.singular());
    if (!op.singular()) continue;
    // The constant is in the null space: A 1 = 0.
    const Mesh& m = *s->mesh;
    FieldView one = m.make_field("one", 1), a = m.make_field("a", 1);
    Kokkos::deep_copy(one, 1.0);
    op.apply(one, a);
    EXPECT_LT(linear::norm2(m, a), 1e-10);
  }
}

// The same global field gives bit-identical A x on 1, 2, 3 and 4 ranks.
TEST(StencilOperator, IdenticalOnAnyRankCount) {
  for (const OperatorCase& c : kCases) {
    std::vector<double> reference;
    for (int n : {1, 2, 3, 4}) {
      std::vector<double> global;
      const bool ran = testing::run_on_ranks(n, [&](const Context& ctx) {
        auto s = make_setup(ctx, c);
        linear::StencilOperator op(s->p);
        FieldView x = random_field(*s->mesh, 4), y = s->mesh->make_field("y", 1);
        op.apply(x, y);
        global = testing::gather_global(*s->mesh, y, 0);
      });
      if (!ran) break;
      if (!testing::context().is_root()) continue;
      if (reference.empty()) {
        reference = global;
        continue;
      }
      ASSERT_EQ(global.size(), reference.size());
      EXPECT_EQ(0, std::memcmp(global.data(), reference.data(), global.size() * sizeof(double)))
          << c.dim << "D case on " << n << " ranks differs from 1 rank";
    }
  }
}

TEST(StencilOperator, RejectsUnsupportedBoundaries) {
  OperatorCase c = kCases[0];
  c.types[0] = BoundaryType::outflow;
  auto s = make_setup(testing::context(), c);
  EXPECT_THROW(linear::StencilOperator op(s->p), InputError);
}

}  // namespace
}  // namespace boreas
