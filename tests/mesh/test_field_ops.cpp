// Field operations used by the time loop's NaN guard, diagnostics and integrators.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "mesh/field_ops.hpp"
#include "tests/test_context.hpp"

using namespace boreas;

namespace {
MeshSpec spec2d() {
  MeshSpec s;
  s.dim = 2;
  s.cells = {12, 10, 1};
  s.periodic = {true, false, false};
  s.ghost = 2;
  return s;
}

void set_cell(const Mesh& m, const FieldView& f, int var, int gi, int gj, double v) {
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), f);
  const int i = gi - m.offset(0) + m.ghost(0), j = gj - m.offset(1) + m.ghost(1);
  if (i >= m.ghost(0) && i < m.ghost(0) + m.local_cells(0) && j >= m.ghost(1) &&
      j < m.ghost(1) + m.local_cells(1)) {
    h(var, 0, j, i) = v;
  }
  Kokkos::deep_copy(f, h);
}
}  // namespace

TEST(FieldOps, NonFiniteDetectionFindsExactlyTheBadVariable) {
  const auto& ctx = boreas::testing::context();
  Mesh m(ctx, spec2d());
  FieldView f = m.make_field("f", 3);
  Kokkos::deep_copy(f, 1.0);
  EXPECT_EQ(first_non_finite_var(m, f), -1);  // all finite
  Kokkos::deep_copy(f, 0.0);
  EXPECT_EQ(first_non_finite_var(m, f), -1);  // zeros are finite too
  // A NaN in a ghost cell is not the interior's business.
  {
    auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), f);
    h(0, 0, 0, 0) = std::numeric_limits<double>::quiet_NaN();
    Kokkos::deep_copy(f, h);
  }
  EXPECT_EQ(first_non_finite_var(m, f), -1);
  // An inf in variable 2 of the cell owned by the last rank.
  set_cell(m, f, 2, 11, 9, std::numeric_limits<double>::infinity());
  const bool owner = m.offset(0) + m.local_cells(0) == 12 && m.offset(1) + m.local_cells(1) == 10;
  EXPECT_EQ(first_non_finite_var(m, f), owner ? 2 : -1);
  set_cell(m, f, 1, 0, 0, std::numeric_limits<double>::quiet_NaN());
  const bool first = m.offset(0) == 0 && m.offset(1) == 0;
  EXPECT_EQ(first_non_finite_var(m, f), first ? 1 : (owner ? 2 : -1));
}

TEST(FieldOps, GlobalStatsAndAxpby) {
  const auto& ctx = boreas::testing::context();
  Mesh m(ctx, spec2d());
  FieldView x = m.make_field("x", 1), y = m.make_field("y", 1), out = m.make_field("o", 1);
  Kokkos::deep_copy(x, 2.0);
  Kokkos::deep_copy(y, -1.0);
  set_cell(m, x, 0, 5, 5, 7.0);
  axpby(m, out, 0.5, x, 3.0, y);  // 1 - 3 = -2, and 3.5 - 3 = 0.5 at (5,5)
  const FieldStats s = global_stats(m, out, 0);
  EXPECT_DOUBLE_EQ(s.min, -2.0);
  EXPECT_DOUBLE_EQ(s.max, 0.5);
  EXPECT_DOUBLE_EQ(s.sum, -2.0 * 119 + 0.5);
}
