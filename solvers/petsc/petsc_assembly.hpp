#pragma once
// The elliptic operator of elliptic.hpp as a PETSc Mat on a DMDA made by
// create_dmda: rows from the same row builder as the CSR matrix
// (solvers/linear/elliptic_row.hpp), inserted with MatSetValuesStencil in
// global (i, j, k) cell indices, so periodic wrap is PETSc's.
#include <petscdmda.h>
#include <petscmat.h>

#include "solvers/linear/elliptic.hpp"

namespace boreas::petsc {

// Assembled, marked symmetric. The caller owns (MatDestroy) it. Collective.
Mat assemble_matrix(const linear::EllipticProblem& p, DM da);

}  // namespace boreas::petsc
