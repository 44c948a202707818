#include "solvers/petsc/petsc_assembly.hpp"

#include "solvers/petsc/petsc_runtime.hpp"

namespace boreas::petsc {

Mat assemble_matrix(const Grid& grid, const RowSource& rows, DM da) {
  Mat a = nullptr;
  BOREAS_PETSC(DMCreateMatrix(da, &a));
  try {
    linear::RowEntries e;
    MatStencil row, cols[linear::RowEntries::kMax];
    row.c = 0;
    for (int n = 0; n < linear::RowEntries::kMax; ++n) cols[n].c = 0;
    const int nk = static_cast<int>(grid.local[2]), nj = static_cast<int>(grid.local[1]),
              ni = static_cast<int>(grid.local[0]);
    for (int k = 0; k < nk; ++k) {
      for (int j = 0; j < nj; ++j) {
        for (int i = 0; i < ni; ++i) {
          rows.row(k, j, i, e);
          row.i = static_cast<PetscInt>(grid.offset[0] + i);
          row.j = static_cast<PetscInt>(grid.offset[1] + j);
          row.k = static_cast<PetscInt>(grid.offset[2] + k);
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
