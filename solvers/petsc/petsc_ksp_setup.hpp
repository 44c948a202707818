#pragma once
// How the bridge sets up a KSP before handing it to the options database.
//
// Programmatic defaults first, so that any option overrides them:
//   -ksp_type cg, tolerances from SolverSettings (rtol, atol, max_iterations),
//   nonzero initial guess, and -pc_type mg on the DMDA hierarchy:
//   Galerkin coarse operators (the bridge gives PETSc only the fine Mat) and
//   as many levels as the grid allows; the DMDA's interpolation is Q1 when
//   the cell counts coarsen as vertex grids (2^k n + 1, like 129) and Q0
//   (piecewise constant) when they halve (2^k n, like 128).
// Then KSPSetFromOptions. Afterwards CG measures the true residual
// ||b - A x|| (KSP_NORM_UNPRECONDITIONED) unless -ksp_norm_type says
// otherwise, so rtol means what SolverSettings says: ||r|| <= rtol ||b||.
#include <petscdmda.h>
#include <petscksp.h>

#include "solvers/linear/settings.hpp"
#include "solvers/petsc/petsc_grid.hpp"
#include "solvers/petsc/petsc_options.hpp"

namespace boreas::petsc {

struct MgHierarchy {
  DMDAInterpolationType interpolation = DMDA_Q1;
  int levels = 1;
};

// The hierarchy for `requested` levels (0: as many as the grid allows). A
// level exists only if every direction halves exactly, each coarse
// direction keeps at least 2 cells per rank, and the grid is not yet coarse
// enough (at most 4 cells in every direction).
MgHierarchy plan_mg_hierarchy(const Grid& grid, int requested);

// Everything up to and including KSPSetFromOptions; run inside an
// OptionsScope of `options`. The KSP already has its operators and DM.
void configure_ksp(KSP ksp, DM da, const Grid& grid, const linear::SolverSettings& settings,
                   bool singular, SolverOptions& options);

}  // namespace boreas::petsc
