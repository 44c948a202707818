#include "solvers/petsc/petsc_grid.hpp"

#include <algorithm>
#include <sstream>
#include <string>

#include "core/error.hpp"
#include "solvers/petsc/petsc_runtime.hpp"

namespace boreas::petsc {
namespace {

DMBoundaryType boundary_of(const Grid& grid, int d) {
  return grid.periodic[d] ? DM_BOUNDARY_PERIODIC : DM_BOUNDARY_NONE;
}

void check_local_size(const Grid& grid, Vec v) {
  PetscInt n = 0;
  BOREAS_PETSC(VecGetLocalSize(v, &n));
  if (n != grid.local_count()) {
    throw RuntimeError("PETSc bridge: vector has " + std::to_string(n) +
                       " local entries but this rank owns " + std::to_string(grid.local_count()) +
                       " cells");
  }
}

}  // namespace

std::array<std::vector<PetscInt>, 3> ownership_ranges(const Grid& grid) {
  std::array<std::vector<PetscInt>, 3> out;
  for (int d = 0; d < 3; ++d) {
    // The ranks on the d axis through coordinate 0 of the other directions
    // report their counts; a sum gathers them on everyone.
    std::vector<double> counts(static_cast<size_t>(grid.rank_dims[d]), 0.0);
    bool on_axis = true;
    for (int e = 0; e < 3; ++e) on_axis = on_axis && (e == d || grid.rank_coord[e] == 0);
    if (on_axis)
      counts[static_cast<size_t>(grid.rank_coord[d])] = static_cast<double>(grid.local[d]);
    grid.context().sum(counts);
    for (double c : counts) out[d].push_back(static_cast<PetscInt>(c + 0.5));
  }
  return out;
}

DM create_dmda(const Grid& grid) {
  if (grid.global_count() > static_cast<long long>(PETSC_MAX_INT)) {
    throw InputError("PETSc bridge: " + std::to_string(grid.global_count()) +
                     " cells exceed the index range of this PETSc build (" +
                     std::to_string(sizeof(PetscInt) * 8) + "-bit indices)");
  }
  const auto lx = ownership_ranges(grid);
  const MPI_Comm comm = grid.context().comm();
  PetscInt n[3], p[3];
  for (int d = 0; d < 3; ++d) {
    n[d] = static_cast<PetscInt>(grid.global[d]);
    p[d] = grid.rank_dims[d];
  }
  DM da = nullptr;
  if (grid.dim == 1) {
    BOREAS_PETSC(DMDACreate1d(comm, boundary_of(grid, 0), n[0], 1, 1, lx[0].data(), &da));
  } else if (grid.dim == 2) {
    BOREAS_PETSC(DMDACreate2d(comm, boundary_of(grid, 0), boundary_of(grid, 1), DMDA_STENCIL_STAR,
                              n[0], n[1], p[0], p[1], 1, 1, lx[0].data(), lx[1].data(), &da));
  } else {
    BOREAS_PETSC(DMDACreate3d(comm, boundary_of(grid, 0), boundary_of(grid, 1),
                              boundary_of(grid, 2), DMDA_STENCIL_STAR, n[0], n[1], n[2], p[0], p[1],
                              p[2], 1, 1, lx[0].data(), lx[1].data(), lx[2].data(), &da));
  }
  try {
    BOREAS_PETSC(DMSetUp(da));
    PetscInt s[3] = {0, 0, 0}, m[3] = {1, 1, 1};
    BOREAS_PETSC(DMDAGetCorners(da, &s[0], &s[1], &s[2], &m[0], &m[1], &m[2]));
    std::ostringstream diff;
    for (int d = 0; d < grid.dim; ++d) {
      if (s[d] == grid.offset[d] && m[d] == grid.local[d]) continue;
      diff << " direction " << d << ": PETSc owns [" << s[d] << ", " << s[d] + m[d]
           << "), the mesh [" << grid.offset[d] << ", " << grid.offset[d] + grid.local[d] << ")";
    }
    const std::string local = diff.str();
    if (grid.context().any(!local.empty())) {
      throw RuntimeError("PETSc bridge: DMDA ownership differs from the mesh decomposition" +
                         (local.empty() ? std::string(" on another rank") : local));
    }
  } catch (...) {
    DMDestroy(&da);
    throw;
  }
  return da;
}

void copy_to_vec(const Grid& grid, const double* interior, Vec v) {
  check_local_size(grid, v);
  PetscScalar* a = nullptr;
  BOREAS_PETSC(VecGetArray(v, &a));
  std::copy(interior, interior + grid.local_count(), a);
  BOREAS_PETSC(VecRestoreArray(v, &a));
}

void copy_from_vec(const Grid& grid, Vec v, double* interior) {
  check_local_size(grid, v);
  const PetscScalar* a = nullptr;
  BOREAS_PETSC(VecGetArrayRead(v, &a));
  std::copy(a, a + grid.local_count(), interior);
  BOREAS_PETSC(VecRestoreArrayRead(v, &a));
}

}  // namespace boreas::petsc
