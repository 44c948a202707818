// The DMDA of the PETSc bridge owns exactly the cells the mesh gives each
// rank: same ownership ranges, same rank for every cell, same periodicity,
// and vector copies land every value on its own cell.
#include <gtest/gtest.h>

#include <array>
#include <sstream>
#include <vector>

#include "mesh/field_ops.hpp"
#include "mesh/mesh.hpp"
#include "solvers/petsc/petsc_grid.hpp"
#include "solvers/petsc/petsc_mesh.hpp"
#include "solvers/petsc/petsc_runtime.hpp"
#include "tests/test_context.hpp"

namespace boreas::petsc {
namespace {

const Context& ctx() {
  return testing::context();
}

std::string describe(const MeshSpec& s) {
  std::ostringstream o;
  o << s.dim << "D " << s.cells[0] << "x" << s.cells[1] << "x" << s.cells[2] << " periodic "
    << s.periodic[0] << s.periodic[1] << s.periodic[2] << " ranks " << s.ranks[0] << ","
    << s.ranks[1] << "," << s.ranks[2] << " on " << ctx().size();
  return o.str();
}

void check_ownership(const MeshSpec& spec) {
  SCOPED_TRACE(describe(spec));
  ensure_initialized(ctx());
  Mesh mesh(ctx(), spec);
  const Grid grid = grid_of(mesh);
  DM da = create_dmda(grid);

  // Ownership ranges are our split of the cells over the rank grid.
  const PetscInt* l[3] = {nullptr, nullptr, nullptr};
  BOREAS_PETSC(DMDAGetOwnershipRanges(da, &l[0], &l[1], &l[2]));
  PetscInt dim = 0, n[3] = {1, 1, 1}, p[3] = {1, 1, 1};
  DMBoundaryType bt[3] = {DM_BOUNDARY_NONE, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE};
  BOREAS_PETSC(DMDAGetInfo(da, &dim, &n[0], &n[1], &n[2], &p[0], &p[1], &p[2], nullptr, nullptr,
                           &bt[0], &bt[1], &bt[2], nullptr));
  EXPECT_EQ(dim, mesh.dim());
  for (int d = 0; d < mesh.dim(); ++d) {
    EXPECT_EQ(n[d], mesh.global_cells(d));
    EXPECT_EQ(p[d], mesh.rank_dims(d));
    EXPECT_EQ(bt[d] == DM_BOUNDARY_PERIODIC, mesh.periodic(d)) << "direction " << d;
    for (int c = 0; c < mesh.rank_dims(d); ++c) {
      EXPECT_EQ(l[d][c], split_cells(mesh.global_cells(d), mesh.rank_dims(d), c)[0])
          << "direction " << d << " coordinate " << c;
    }
  }

  // Every rank's PETSc box, gathered, is the box our decomposition gives
  // that rank number: the owner of any cell is the same rank in both.
  const int nr = ctx().size();
  std::vector<double> boxes(static_cast<size_t>(6 * nr), 0.0);
  PetscInt s[3] = {0, 0, 0}, m[3] = {1, 1, 1};
  BOREAS_PETSC(DMDAGetCorners(da, &s[0], &s[1], &s[2], &m[0], &m[1], &m[2]));
  for (int d = 0; d < 3; ++d) {
    boxes[static_cast<size_t>(6 * ctx().rank() + 2 * d)] = static_cast<double>(s[d]);
    boxes[static_cast<size_t>(6 * ctx().rank() + 2 * d + 1)] = static_cast<double>(m[d]);
  }
  ctx().sum(boxes);
  for (int r = 0; r < nr; ++r) {
    // rank = (cz * Py + cy) * Px + cx, the mesh's documented order.
    const int c[3] = {r % mesh.rank_dims(0), (r / mesh.rank_dims(0)) % mesh.rank_dims(1),
                      r / (mesh.rank_dims(0) * mesh.rank_dims(1))};
    for (int d = 0; d < mesh.dim(); ++d) {
      const auto split = split_cells(mesh.global_cells(d), mesh.rank_dims(d), c[d]);
      EXPECT_EQ(boxes[static_cast<size_t>(6 * r + 2 * d)], split[1])
          << "rank " << r << " dir " << d;
      EXPECT_EQ(boxes[static_cast<size_t>(6 * r + 2 * d + 1)], split[0])
          << "rank " << r << " dir " << d;
    }
  }
  // This rank's own box is the mesh's.
  for (int d = 0; d < mesh.dim(); ++d) {
    EXPECT_EQ(s[d], mesh.offset(d));
    EXPECT_EQ(m[d], mesh.local_cells(d));
  }

  // Values: PETSc's natural index of each owned point arrives at the cell
  // with that global index, and the way back is exact.
  Vec v = nullptr, w = nullptr;
  BOREAS_PETSC(DMCreateGlobalVector(da, &v));
  BOREAS_PETSC(VecDuplicate(v, &w));
  PetscScalar* a = nullptr;
  BOREAS_PETSC(VecGetArray(v, &a));
  long long q = 0;
  for (PetscInt kk = s[2]; kk < s[2] + m[2]; ++kk)
    for (PetscInt j = s[1]; j < s[1] + m[1]; ++j)
      for (PetscInt i = s[0]; i < s[0] + m[0]; ++i)
        a[q++] = static_cast<double>((kk * n[1] + j) * n[0] + i);
  BOREAS_PETSC(VecRestoreArray(v, &a));
  FieldView f = mesh.make_field("f", 1);
  std::vector<double> interior(static_cast<size_t>(grid.local_count()));
  copy_from_vec(grid, v, interior.data());
  interior_from_host(mesh, interior.data(), f, 0);
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), f);
  const Box in = mesh.interior();
  long long wrong = 0;
  for (int kk = in.k0; kk < in.k1; ++kk)
    for (int j = in.j0; j < in.j1; ++j)
      for (int i = in.i0; i < in.i1; ++i) {
        const long long gi = mesh.offset(0) + i - mesh.ghost(0);
        const long long gj = mesh.offset(1) + j - mesh.ghost(1);
        const long long gk = mesh.offset(2) + kk - mesh.ghost(2);
        if (h(0, kk, j, i) != static_cast<double>((gk * n[1] + gj) * n[0] + gi)) ++wrong;
      }
  EXPECT_EQ(ctx().sum(wrong), 0) << "cells holding another cell's value";
  std::vector<double> back(interior.size());
  interior_to_host(mesh, f, 0, back.data());
  copy_to_vec(grid, back.data(), w);
  PetscBool same = PETSC_FALSE;
  BOREAS_PETSC(VecEqual(v, w, &same));
  EXPECT_TRUE(same) << "field -> vector copy does not invert vector -> field";
  VecDestroy(&w);
  VecDestroy(&v);
  DMDestroy(&da);
}

MeshSpec spec(int dim, std::array<int, 3> cells,
              std::array<bool, 3> periodic = {false, false, false},
              std::array<int, 3> ranks = {0, 0, 0}, int ghost = 1) {
  MeshSpec s;
  s.dim = dim;
  s.cells = cells;
  s.periodic = periodic;
  s.ranks = ranks;
  s.ghost = ghost;
  return s;
}

TEST(PetscDmda, OwnershipMatchesMesh1D) {
  check_ownership(spec(1, {13, 1, 1}));
  check_ownership(spec(1, {13, 1, 1}, {true, false, false}));
}

TEST(PetscDmda, OwnershipMatchesMesh2D) {
  check_ownership(spec(2, {13, 7, 1}));
  check_ownership(spec(2, {13, 7, 1}, {true, false, false}, {0, 0, 0}, 2));
  if (ctx().size() % 2 == 0) check_ownership(spec(2, {13, 7, 1}, {false, true, false}, {2, 0, 0}));
}

TEST(PetscDmda, OwnershipMatchesMesh3D) {
  check_ownership(spec(3, {13, 7, 5}));
  check_ownership(spec(3, {13, 7, 5}, {true, false, true}));
  if (ctx().size() == 4) {
    check_ownership(spec(3, {13, 7, 5}, {false, false, false}, {2, 1, 2}));
    check_ownership(spec(3, {13, 7, 5}, {false, true, false}, {4, 1, 1}));
  }
}

}  // namespace
}  // namespace boreas::petsc
