#pragma once
// The Grid of the PETSc bridge (petsc_grid.hpp) for a Boreas mesh.
#include "mesh/mesh.hpp"
#include "solvers/petsc/petsc_grid.hpp"

namespace boreas::petsc {

Grid grid_of(const Mesh& mesh);

}  // namespace boreas::petsc
