#pragma once
// A PETSc DMDA laid over a Boreas mesh with exactly its decomposition, and
// copies between a rank's interior cells and the DMDA's global vectors.
//
// PETSc numbers the processes of a DMDA x fastest, rank = (pz * n + py) * m
// + px, which is the order of Mesh (rank = (cz * Py + cy) * Px + cx, MPI_Cart
// without reordering), so handing PETSc the mesh's process grid and its
// per-coordinate cell counts (lx, ly, lz) gives every rank the same cells in
// both. create_dmda checks this on every rank instead of trusting it.
//
// Host-only code: the mesh reaches it as a Grid (petsc_mesh.hpp makes one
// from a Mesh), fields as host arrays.
#include <petscdmda.h>

#include <array>
#include <vector>

#include "core/context.hpp"

namespace boreas::petsc {

// What the bridge needs of a mesh. Directions past `dim` have 1 cell, 1 rank.
struct Grid {
  const Context* ctx = nullptr;
  int dim = 1;
  std::array<long long, 3> global{1, 1, 1};  // cells of the whole mesh
  std::array<long long, 3> offset{0, 0, 0};  // global index of this rank's first cell
  std::array<long long, 3> local{1, 1, 1};   // this rank's interior cells
  std::array<int, 3> rank_dims{1, 1, 1};
  std::array<int, 3> rank_coord{0, 0, 0};
  std::array<bool, 3> periodic{false, false, false};

  const Context& context() const { return *ctx; }
  long long local_count() const { return local[0] * local[1] * local[2]; }
  long long global_count() const { return global[0] * global[1] * global[2]; }
};

// Interior cells of every rank coordinate along each direction (lx, ly, lz),
// gathered from the grid itself. Collective.
std::array<std::vector<PetscInt>, 3> ownership_ranges(const Grid& grid);

// DMDA with one dof per cell, star stencil of width 1, DM_BOUNDARY_PERIODIC
// where the mesh is periodic. The caller owns (DMDestroy) it. Throws
// RuntimeError on every rank if PETSc's ownership differs from the mesh's
// anywhere. Collective.
DM create_dmda(const Grid& grid);

// This rank's interior cells (grid.local_count() values, x fastest) <-> its
// part of a global vector of the DMDA (which PETSc also orders x fastest).
void copy_to_vec(const Grid& grid, const double* interior, Vec v);
void copy_from_vec(const Grid& grid, Vec v, double* interior);

}  // namespace boreas::petsc
