#pragma once
// The elliptic operator as a PETSc Mat on a DMDA made by create_dmda: rows
// from a RowSource (the same row builder as the CSR matrix, evaluated on the
// host), inserted with MatSetValuesStencil in global (i, j, k) cell indices,
// so periodic wrap is PETSc's.
#include <petscdmda.h>
#include <petscmat.h>

#include "solvers/linear/row_entries.hpp"
#include "solvers/petsc/petsc_grid.hpp"

namespace boreas::petsc {

// The operator's rows, by this rank's interior cell (k, j, i), 0-based
// within the rank's block.
class RowSource {
 public:
  virtual ~RowSource() = default;
  virtual void row(int k, int j, int i, linear::RowEntries& e) const = 0;
};

// Assembled, marked symmetric. The caller owns (MatDestroy) it. Collective.
Mat assemble_matrix(const Grid& grid, const RowSource& rows, DM da);

}  // namespace boreas::petsc
