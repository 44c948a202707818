#include "solvers/petsc/petsc_assembly.hpp"

#include "solvers/linear/elliptic_row.hpp"
#include "solvers/petsc/petsc_runtime.hpp"

namespace boreas::petsc {

Mat assemble_matrix(const linear::EllipticProblem& p, DM da) {
  const Mesh& mesh = *p.mesh;
  const FieldView k_device = linear::coefficient_with_ghosts(p);
  const auto k_host = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), k_device);
  const auto rows = linear::make_row_builder(p, k_host);

  Mat a = nullptr;
  BOREAS_PETSC(DMCreateMatrix(da, &a));
  try {
    const Box in = mesh.interior();
    // Global cell index = local index + this shift, per direction.
    const int shift[3] = {mesh.offset(0) - mesh.ghost(0), mesh.offset(1) - mesh.ghost(1),
                          mesh.offset(2) - mesh.ghost(2)};
    linear::RowEntries e;
    MatStencil row, cols[linear::RowEntries::kMax];
    row.c = 0;
    for (int n = 0; n < linear::RowEntries::kMax; ++n) cols[n].c = 0;
    for (int k = in.k0; k < in.k1; ++k) {
      for (int j = in.j0; j < in.j1; ++j) {
        for (int i = in.i0; i < in.i1; ++i) {
          rows.row(k, j, i, e);
          row.i = i + shift[0];
          row.j = j + shift[1];
          row.k = k + shift[2];
          for (int n = 0; n < e.count; ++n) {
            cols[n].i = row.i + e.di[n];
            cols[n].j = row.j + e.dj[n];
            cols[n].k = row.k + e.dk[n];
          }
          // ADD: on a periodic direction of one or two cells, several
          // entries land on one column.
          BOREAS_PETSC(MatSetValuesStencil(a, 1, &row, e.count, cols, e.value, ADD_VALUES));
        }
      }
    }
    BOREAS_PETSC(MatAssemblyBegin(a, MAT_FINAL_ASSEMBLY));
    BOREAS_PETSC(MatAssemblyEnd(a, MAT_FINAL_ASSEMBLY));
    BOREAS_PETSC(MatSetOption(a, MAT_SYMMETRIC, PETSC_TRUE));
    BOREAS_PETSC(MatSetOption(a, MAT_SYMMETRY_ETERNAL, PETSC_TRUE));
  } catch (...) {
    MatDestroy(&a);
    throw;
  }
  return a;
}

}  // namespace boreas::petsc
