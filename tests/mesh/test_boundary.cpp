#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "mesh/boundary.hpp"
#include "mesh/halo.hpp"
#include "tests/test_context.hpp"

namespace boreas {
namespace {

constexpr double kSentinel = -12345.0;
constexpr int kGhost = 2;

const Context& ctx() {
  return testing::context();
}

// dx = 0.5 everywhere so every formula below is exact in binary.
MeshSpec small_spec(int dim, std::array<bool, 3> periodic = {false, false, false}) {
  MeshSpec s;
  s.dim = dim;
  s.ghost = kGhost;
  s.cells = {6, 8, 4};
  for (int d = 0; d < 3; ++d) s.upper[d] = 0.5 * s.cells[d];
  s.periodic = periodic;
  return s;
}

using Host = HostFieldView;

// Interior = distinct integers per cell and variable, ghosts = sentinel, then
// a halo exchange so ghosts between ranks hold real data.
Host prepared_field(const Mesh& m, const FieldView& f) {
  Host h = Kokkos::create_mirror_view(f);
  const Box in = m.interior();
  for (int v = 0; v < static_cast<int>(f.extent(0)); ++v) {
    for (int k = 0; k < m.extent(2); ++k) {
      for (int j = 0; j < m.extent(1); ++j) {
        for (int i = 0; i < m.extent(0); ++i) {
          const bool inside =
              k >= in.k0 && k < in.k1 && j >= in.j0 && j < in.j1 && i >= in.i0 && i < in.i1;
          const long long gid =
              ((m.offset(2) + k - m.ghost(2)) * 100LL + (m.offset(1) + j - m.ghost(1))) * 100 +
              (m.offset(0) + i - m.ghost(0));
          h(v, k, j, i) = inside ? static_cast<double>(gid) * (v + 1) : kSentinel;
        }
      }
    }
  }
  Kokkos::deep_copy(f, h);
  HaloExchange halo(m, static_cast<int>(f.extent(0)));
  halo.exchange(f);
  return Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), f);
}

// Ghost slab of direction d on one side, in ghost-inclusive indices.
bool in_slab(const Mesh& m, int d, bool upper, int idx) {
  const int g = m.ghost(d), n = m.local_cells(d);
  return upper ? idx >= g + n : idx < g;
}

bool in_physical_slab(const Mesh& m, int d, const int idx[3]) {
  for (int side = 0; side < 2; ++side) {
    const Face f = static_cast<Face>(2 * d + side);
    if (m.is_physical_boundary(f) && in_slab(m, d, side == 1, idx[d])) return true;
  }
  return false;
}

// Checks the final field against the documented formulas, read backwards
// (what the ghost/mirror pair must satisfy). Cells in a later direction's
// physical slab were overwritten afterwards and are checked there instead.
void check_boundary_values(const Mesh& m, const Host& before, const Host& after,
                           const Boundaries& bcs, const std::string& what) {
  long long bad = 0, checked = 0;
  std::ostringstream first;
  auto report = [&](int v, int k, int j, int i, const char* why) {
    if (++bad <= 5) {
      first << "\n  rank " << ctx().rank() << " var " << v << " (k,j,i)=(" << k << "," << j << ","
            << i << ") = " << after(v, k, j, i) << ": " << why;
    }
  };
  for (int v = 0; v < bcs.nvar(); ++v) {
    for (int k = 0; k < m.extent(2); ++k) {
      for (int j = 0; j < m.extent(1); ++j) {
        for (int i = 0; i < m.extent(0); ++i) {
          const int idx[3] = {i, j, k};
          const double got = after(v, k, j, i);
          if (got == kSentinel) report(v, k, j, i, "sentinel left (edge/corner not filled)");
          int last = -1;
          for (int d = 0; d < m.dim(); ++d) {
            if (in_physical_slab(m, d, idx)) last = d;
          }
          if (last < 0) {
            if (got != before(v, k, j, i)) report(v, k, j, i, "changed off the physical faces");
            continue;
          }
          const int d = last;
          const int g = m.ghost(d), n = m.local_cells(d);
          const bool upper = idx[d] >= g + n;
          const Face f = static_cast<Face>(2 * d + (upper ? 1 : 0));
          const int layer = upper ? idx[d] - (g + n) + 1 : g - idx[d];
          int mi[3] = {i, j, k};
          mi[d] = upper ? g + n - layer : g + layer - 1;
          const double mirror = after(v, mi[2], mi[1], mi[0]);
          mi[d] = upper ? g + n - 1 : g;
          const double touching = after(v, mi[2], mi[1], mi[0]);
          const BoundaryCondition& bc = bcs.get(f, v);
          bool ok = false;
          switch (bc.type) {
            case BoundaryType::dirichlet:
            case BoundaryType::wall:
              ok = (got + mirror) / 2 == bc.value;
              break;
            case BoundaryType::neumann:
              ok = (got - mirror) / ((2 * layer - 1) * m.dx(d)) == bc.value;
              break;
            case BoundaryType::reflecting:
              ok = got == bc.sign * mirror;
              break;
            case BoundaryType::outflow:
              ok = got == touching;
              break;
            case BoundaryType::inflow:
              ok = got == bc.value;
              break;
            case BoundaryType::periodic:
              break;
          }
          ++checked;
          if (!ok) report(v, k, j, i, ("violates " + boundary_type_name(bc.type)).c_str());
        }
      }
    }
  }
  EXPECT_EQ(bad, 0) << what << " on " << m.describe() << first.str();
  bool has_physical = false;
  for (int d = 0; d < m.dim(); ++d) {
    for (int side = 0; side < 2; ++side) {
      if (m.is_physical_boundary(static_cast<Face>(2 * d + side))) has_physical = true;
    }
  }
  // A rank with a physical face must have checked some ghost values.
  if (has_physical) {
    EXPECT_GT(checked, 0) << what;
  }
}

const std::vector<BoundaryType> kFillTypes = {BoundaryType::dirichlet, BoundaryType::neumann,
                                              BoundaryType::wall,      BoundaryType::reflecting,
                                              BoundaryType::outflow,   BoundaryType::inflow};

// Values differ per face and per variable so a face or variable mix-up shows.
BoundaryCondition condition(BoundaryType t, int face, int var) {
  BoundaryCondition bc;
  bc.type = t;
  bc.value = 1.0 + 0.5 * face + 4.0 * var;
  bc.sign = face % 2 ? -1.0 : 1.0;
  return bc;
}

void run_all_types(const MeshSpec& s) {
  Mesh m(ctx(), s);
  for (size_t t = 0; t < kFillTypes.size(); ++t) {
    Boundaries bcs(2);
    for (int f = 0; f < 6; ++f) {
      const int d = f / 2;
      if (m.periodic(d)) {
        bcs.set_all_vars(static_cast<Face>(f), {BoundaryType::periodic, 0.0, 1.0});
        continue;
      }
      // Neighbouring faces get different types so corners mix formulas.
      bcs.set(static_cast<Face>(f), 0, condition(kFillTypes[(t + f) % kFillTypes.size()], f, 0));
      bcs.set(static_cast<Face>(f), 1, condition(kFillTypes[(t + 2) % kFillTypes.size()], f, 1));
    }
    check_boundaries(m, bcs);
    FieldView field = m.make_field("q", 2);
    Host before = prepared_field(m, field);
    apply_boundaries(m, field, bcs);
    Host after = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), field);
    check_boundary_values(m, before, after, bcs,
                          "type set " + std::to_string(t) + " (x_lower var 0 " +
                              boundary_type_name(kFillTypes[t]) + ")");
  }
}

TEST(Boundary, EveryTypeOnNonPeriodicMeshes) {
  for (int dim = 1; dim <= 3; ++dim) run_all_types(small_spec(dim));
}

TEST(Boundary, MixedPeriodicity) {
  run_all_types(small_spec(2, {true, false, false}));
  run_all_types(small_spec(2, {false, true, false}));
  run_all_types(small_spec(3, {false, true, false}));
  run_all_types(small_spec(3, {true, false, true}));
}

// Literal numbers on the x_lower face of a 1D mesh, straight from the header.
TEST(Boundary, LiteralValuesAtXLower) {
  Mesh m(ctx(), small_spec(1));
  const std::vector<std::pair<BoundaryCondition, std::array<double, 2>>> cases = {
      // ghost index 1 mirrors cell 0 (value 0), ghost index 0 mirrors cell 1 (value 1)
      {{BoundaryType::dirichlet, 3.0, 1.0}, {5.0, 6.0}},
      {{BoundaryType::wall, 3.0, 1.0}, {5.0, 6.0}},
      {{BoundaryType::neumann, 2.0, 1.0}, {1.0 + 2.0 * 3 * 0.5, 0.0 + 2.0 * 0.5}},
      {{BoundaryType::reflecting, 0.0, -1.0}, {-1.0, -0.0}},
      {{BoundaryType::outflow, 0.0, 1.0}, {0.0, 0.0}},
      {{BoundaryType::inflow, 7.25, 1.0}, {7.25, 7.25}},
  };
  for (const auto& [bc, want] : cases) {
    Boundaries bcs(1);
    bcs.set_all_vars(x_lower, bc);
    FieldView field = m.make_field("q", 1);
    prepared_field(m, field);
    apply_boundaries(m, field, bcs);
    auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), field);
    if (!m.is_physical_boundary(x_lower)) continue;
    EXPECT_EQ(h(0, 0, 0, 0), want[0]) << boundary_type_name(bc.type);
    EXPECT_EQ(h(0, 0, 0, 1), want[1]) << boundary_type_name(bc.type);
  }
}

TEST(Boundary, CheckBoundariesRejectsMismatches) {
  Mesh m(ctx(), small_spec(2, {true, false, false}));
  Boundaries bcs(2);  // neumann everywhere by default
  try {
    check_boundaries(m, bcs);
    ADD_FAILURE() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(
        std::string(e.what()).find("boundary.x_lower is 'neumann' but the mesh is periodic in x"),
        std::string::npos)
        << e.what();
  }
  bcs.set_all_vars(x_lower, {BoundaryType::periodic, 0.0, 1.0});
  bcs.set_all_vars(x_upper, {BoundaryType::periodic, 0.0, 1.0});
  EXPECT_NO_THROW(check_boundaries(m, bcs));
  // z faces do not exist in 2D.
  bcs.set_all_vars(z_lower, {BoundaryType::periodic, 0.0, 1.0});
  EXPECT_NO_THROW(check_boundaries(m, bcs));

  bcs.set(y_upper, 1, {BoundaryType::periodic, 0.0, 1.0});
  try {
    check_boundaries(m, bcs);
    ADD_FAILURE() << "expected InputError";
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("boundary.y_upper is 'periodic' but the mesh is not periodic in y"),
              std::string::npos)
        << msg;
    EXPECT_NE(msg.find("variable 1"), std::string::npos) << msg;
  }
  bcs.set(y_upper, 1, {BoundaryType::outflow, 0.0, 1.0});
  bcs.set(x_upper, 1, {BoundaryType::dirichlet, 0.0, 1.0});
  EXPECT_THROW(check_boundaries(m, bcs), InputError);
}

TEST(Boundary, ApplyRejectsMismatchedField) {
  Mesh m(ctx(), small_spec(2));
  Boundaries bcs(2);
  FieldView f = m.make_field("q", 3);
  EXPECT_THROW(apply_boundaries(m, f, bcs), RuntimeError);
}

TEST(Boundary, TypeNames) {
  const auto names = boundary_type_names();
  ASSERT_EQ(names.size(), 7u);
  for (const auto& n : names) EXPECT_EQ(boundary_type_name(parse_boundary_type(n)), n);
  EXPECT_EQ(parse_boundary_type("reflecting"), BoundaryType::reflecting);
  EXPECT_EQ(boundary_type_name(BoundaryType::wall), "wall");
  try {
    parse_boundary_type("slip");
    ADD_FAILURE() << "expected InputError";
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("slip"), std::string::npos) << msg;
    for (const auto& n : names) EXPECT_NE(msg.find(n), std::string::npos) << msg;
  }
}

TEST(Boundary, StorageIsPerFaceAndVariable) {
  Boundaries bcs(3);
  EXPECT_EQ(bcs.nvar(), 3);
  EXPECT_EQ(bcs.get(z_upper, 2).type, BoundaryType::neumann);
  EXPECT_EQ(bcs.get(z_upper, 2).value, 0.0);
  bcs.set(y_lower, 1, {BoundaryType::inflow, 2.5, 1.0});
  bcs.set_all_vars(x_upper, {BoundaryType::reflecting, 0.0, -1.0});
  EXPECT_EQ(bcs.get(y_lower, 1).type, BoundaryType::inflow);
  EXPECT_EQ(bcs.get(y_lower, 1).value, 2.5);
  EXPECT_EQ(bcs.get(y_lower, 0).type, BoundaryType::neumann);
  EXPECT_EQ(bcs.get(y_lower, 2).type, BoundaryType::neumann);
  EXPECT_EQ(bcs.get(y_upper, 1).type, BoundaryType::neumann);
  for (int v = 0; v < 3; ++v) EXPECT_EQ(bcs.get(x_upper, v).sign, -1.0);
  EXPECT_EQ(bcs.get(x_lower, 0).type, BoundaryType::neumann);
}

}  // namespace
}  // namespace boreas
