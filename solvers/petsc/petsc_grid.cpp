#include "solvers/petsc/petsc_grid.hpp"

#include <sstream>
#include <string>

#include "core/error.hpp"
#include "solvers/petsc/petsc_runtime.hpp"

namespace boreas::petsc {
namespace {

DMBoundaryType boundary_of(const Mesh& mesh, int d) {
  return mesh.periodic(d) ? DM_BOUNDARY_PERIODIC : DM_BOUNDARY_NONE;
}

// Index of interior cell (k, j, i) in this rank's part of a global vector:
// the DMDA stores its owned box x fastest, like our fields.
struct LocalBox {
  Box in;
  long long ni = 1, nj = 1;
  explicit LocalBox(const Mesh& mesh) : in(mesh.interior()) {
    ni = in.i1 - in.i0;
    nj = in.j1 - in.j0;
  }
  long long at(int k, int j, int i) const {
    return ((k - in.k0) * nj + (j - in.j0)) * ni + (i - in.i0);
  }
};

void check_local_size(const Mesh& mesh, Vec v) {
  PetscInt n = 0;
  BOREAS_PETSC(VecGetLocalSize(v, &n));
  if (n != mesh.local_cell_count()) {
    throw RuntimeError("PETSc bridge: vector has " + std::to_string(n) +
                       " local entries but this rank owns " +
                       std::to_string(mesh.local_cell_count()) + " cells");
  }
}

}  // namespace

std::array<std::vector<PetscInt>, 3> ownership_ranges(const Mesh& mesh) {
  std::array<std::vector<PetscInt>, 3> out;
  for (int d = 0; d < 3; ++d) {
    // The ranks on the d axis through coordinate 0 of the other directions
    // report their counts; a sum gathers them on everyone.
    std::vector<double> counts(static_cast<size_t>(mesh.rank_dims(d)), 0.0);
    bool on_axis = true;
    for (int e = 0; e < 3; ++e) on_axis = on_axis && (e == d || mesh.rank_coord(e) == 0);
    if (on_axis) counts[static_cast<size_t>(mesh.rank_coord(d))] = mesh.local_cells(d);
    mesh.context().sum(counts);
    for (double c : counts) out[d].push_back(static_cast<PetscInt>(c + 0.5));
  }
  return out;
}

DM create_dmda(const Mesh& mesh) {
  if (mesh.global_cell_count() > static_cast<long long>(PETSC_MAX_INT)) {
    throw InputError("PETSc bridge: " + std::to_string(mesh.global_cell_count()) +
                     " cells exceed the index range of this PETSc build (" +
                     std::to_string(sizeof(PetscInt) * 8) + "-bit indices)");
  }
  const auto lx = ownership_ranges(mesh);
  const MPI_Comm comm = mesh.context().comm();
  PetscInt n[3], p[3];
  for (int d = 0; d < 3; ++d) {
    n[d] = mesh.global_cells(d);
    p[d] = mesh.rank_dims(d);
  }
  DM da = nullptr;
  if (mesh.dim() == 1) {
    BOREAS_PETSC(DMDACreate1d(comm, boundary_of(mesh, 0), n[0], 1, 1, lx[0].data(), &da));
  } else if (mesh.dim() == 2) {
    BOREAS_PETSC(DMDACreate2d(comm, boundary_of(mesh, 0), boundary_of(mesh, 1), DMDA_STENCIL_STAR,
                              n[0], n[1], p[0], p[1], 1, 1, lx[0].data(), lx[1].data(), &da));
  } else {
    BOREAS_PETSC(DMDACreate3d(comm, boundary_of(mesh, 0), boundary_of(mesh, 1),
                              boundary_of(mesh, 2), DMDA_STENCIL_STAR, n[0], n[1], n[2], p[0], p[1],
                              p[2], 1, 1, lx[0].data(), lx[1].data(), lx[2].data(), &da));
  }
  try {
    BOREAS_PETSC(DMSetUp(da));
    PetscInt s[3] = {0, 0, 0}, m[3] = {1, 1, 1};
    BOREAS_PETSC(DMDAGetCorners(da, &s[0], &s[1], &s[2], &m[0], &m[1], &m[2]));
    std::ostringstream diff;
    for (int d = 0; d < mesh.dim(); ++d) {
      if (s[d] == mesh.offset(d) && m[d] == mesh.local_cells(d)) continue;
      diff << " direction " << d << ": PETSc owns [" << s[d] << ", " << s[d] + m[d]
           << "), the mesh [" << mesh.offset(d) << ", " << mesh.offset(d) + mesh.local_cells(d)
           << ")";
    }
    const std::string local = diff.str();
    if (mesh.context().any(!local.empty())) {
      throw RuntimeError("PETSc bridge: DMDA ownership differs from the mesh decomposition" +
                         (local.empty() ? std::string(" on another rank") : local));
    }
  } catch (...) {
    DMDestroy(&da);
    throw;
  }
  return da;
}

void copy_to_vec(const Mesh& mesh, const FieldView& f, Vec v) {
  check_local_size(mesh, v);
  const auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), f);
  const LocalBox b(mesh);
  PetscScalar* a = nullptr;
  BOREAS_PETSC(VecGetArray(v, &a));
  for (int k = b.in.k0; k < b.in.k1; ++k)
    for (int j = b.in.j0; j < b.in.j1; ++j)
      for (int i = b.in.i0; i < b.in.i1; ++i) a[b.at(k, j, i)] = h(0, k, j, i);
  BOREAS_PETSC(VecRestoreArray(v, &a));
}

void copy_from_vec(const Mesh& mesh, Vec v, const FieldView& f) {
  check_local_size(mesh, v);
  // Whole field to the host first, so ghost cells survive the way back.
  const auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), f);
  const LocalBox b(mesh);
  const PetscScalar* a = nullptr;
  BOREAS_PETSC(VecGetArrayRead(v, &a));
  for (int k = b.in.k0; k < b.in.k1; ++k)
    for (int j = b.in.j0; j < b.in.j1; ++j)
      for (int i = b.in.i0; i < b.in.i1; ++i) h(0, k, j, i) = a[b.at(k, j, i)];
  BOREAS_PETSC(VecRestoreArrayRead(v, &a));
  Kokkos::deep_copy(f, h);
}

}  // namespace boreas::petsc
