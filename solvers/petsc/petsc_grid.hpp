#pragma once
// A PETSc DMDA laid over a Boreas mesh with exactly its decomposition, and
// copies between Boreas fields and the DMDA's global vectors.
//
// PETSc numbers the processes of a DMDA x fastest, rank = (pz * n + py) * m
// + px, which is the order of Mesh (rank = (cz * Py + cy) * Px + cx, MPI_Cart
// without reordering), so handing PETSc the mesh's process grid and its
// per-coordinate cell counts (lx, ly, lz) gives every rank the same cells in
// both. create_dmda checks this on every rank instead of trusting it.
#include <petscdmda.h>

#include <array>
#include <vector>

#include "core/exec.hpp"
#include "mesh/mesh.hpp"

namespace boreas::petsc {

// Interior cells of every rank coordinate along each direction (lx, ly, lz),
// gathered from the mesh itself. Collective.
std::array<std::vector<PetscInt>, 3> ownership_ranges(const Mesh& mesh);

// DMDA with one dof per cell, star stencil of width 1, DM_BOUNDARY_PERIODIC
// where the mesh is periodic. The caller owns (DMDestroy) it. Throws
// RuntimeError on every rank if PETSc's ownership differs from the mesh's
// anywhere. Collective.
DM create_dmda(const Mesh& mesh);

// Variable 0 of f over the interior <-> this rank's part of a global vector
// of the DMDA. Through a host mirror.
void copy_to_vec(const Mesh& mesh, const FieldView& f, Vec v);
void copy_from_vec(const Mesh& mesh, Vec v, const FieldView& f);

}  // namespace boreas::petsc
