#include "solvers/petsc/petsc_ksp_setup.hpp"

#include <cstdlib>
#include <string>

#include "core/log.hpp"
#include "solvers/petsc/petsc_runtime.hpp"

namespace boreas::petsc {
namespace {

constexpr long long kCoarseEnough = 4;  // cells per direction on the coarsest level

// Levels reachable by halving: a vertex (Q1) grid of n points coarsens to
// (n - 1) / 2 + 1 and needs n odd; a periodic or cell (Q0) grid to n / 2.
int reachable_levels(const Grid& grid, bool q1) {
  long long n[3] = {1, 1, 1};
  for (int d = 0; d < grid.dim; ++d) n[d] = grid.global[d];
  int levels = 1;
  while (true) {
    bool coarse_enough = true;
    for (int d = 0; d < grid.dim; ++d) coarse_enough = coarse_enough && n[d] <= kCoarseEnough;
    if (coarse_enough) break;
    long long next[3] = {1, 1, 1};
    bool ok = true;
    for (int d = 0; d < grid.dim; ++d) {
      const bool vertex = q1 && !grid.periodic[d];
      if (vertex) {
        ok = ok && (n[d] - 1) % 2 == 0;
        next[d] = (n[d] - 1) / 2 + 1;
      } else {
        ok = ok && n[d] % 2 == 0;
        next[d] = n[d] / 2;
      }
      ok = ok && next[d] >= 2 && next[d] >= 2LL * grid.rank_dims[d];
    }
    if (!ok) break;
    for (int d = 0; d < 3; ++d) n[d] = next[d];
    ++levels;
  }
  return levels;
}

// On singular (all-neumann / periodic) problems the Galerkin coarse matrix
// is singular too, and LU stops at its zero pivot; a tiny shift makes the
// coarse solve an approximate inverse on the complement of the constants,
// which is all CG with the null space attached needs.
void singular_coarse_defaults(SolverOptions& options) {
  options.set_default("-mg_coarse_pc_factor_shift_type", "nonzero");            // mg, 1 rank
  options.set_default("-mg_coarse_redundant_pc_factor_shift_type", "nonzero");  // mg, ranks
  options.set_default("-mg_coarse_sub_pc_factor_shift_type", "nonzero");        // gamg
}

}  // namespace

MgHierarchy plan_mg_hierarchy(const Grid& grid, int requested) {
  const int q1 = reachable_levels(grid, true);
  const int q0 = reachable_levels(grid, false);
  MgHierarchy h;
  if (requested > 0) {
    // Q1 interpolation is the better one; take it when it reaches far enough.
    h.interpolation = requested <= q1 || requested > q0 ? DMDA_Q1 : DMDA_Q0;
    h.levels = requested;
  } else {
    h.interpolation = q1 >= q0 ? DMDA_Q1 : DMDA_Q0;
    h.levels = q1 >= q0 ? q1 : q0;
  }
  return h;
}

void configure_ksp(KSP ksp, DM da, const Grid& grid, const linear::SolverSettings& settings,
                   bool singular, SolverOptions& options) {
  BOREAS_PETSC(KSPSetType(ksp, KSPCG));
  BOREAS_PETSC(
      KSPSetTolerances(ksp, settings.rtol, settings.atol, PETSC_DEFAULT, settings.max_iterations));
  BOREAS_PETSC(KSPSetInitialGuessNonzero(ksp, PETSC_TRUE));

  PC pc = nullptr;
  BOREAS_PETSC(KSPGetPC(ksp, &pc));
  const std::string pc_type = options.has("-pc_type") ? options.value("-pc_type") : "mg";
  if (pc_type == PCMG) {
    const int requested =
        options.has("-pc_mg_levels") ? std::atoi(options.value("-pc_mg_levels").c_str()) : 0;
    const MgHierarchy h = plan_mg_hierarchy(grid, requested);
    BOREAS_PETSC(DMDASetInterpolationType(da, h.interpolation));
    BOREAS_PETSC(PCSetType(pc, PCMG));
    if (requested <= 0) BOREAS_PETSC(PCMGSetLevels(pc, h.levels, nullptr));
    if (requested <= 0 && h.levels == 1 && grid.global_count() > 4096) {
      log::warning(
          "PETSc -pc_type mg: the {}-cell grid does not coarsen (cell counts should be 2^k m or "
          "2^k m + 1 in every direction), so multigrid is a single direct solve; consider "
          "-pc_type gamg or hypre",
          grid.global_count());
    }
    if (!options.has("-pc_mg_galerkin")) {
      BOREAS_PETSC(PCMGSetGalerkin(pc, PC_MG_GALERKIN_BOTH));
    } else if (options.value("-pc_mg_galerkin").empty()) {
      // Older PETSc took a bare flag; 3.18 wants a type.
      options.set("-pc_mg_galerkin", "both");
    }
  }
  if (singular) singular_coarse_defaults(options);

  BOREAS_PETSC(KSPSetFromOptions(ksp));

  KSPType type = nullptr;
  BOREAS_PETSC(KSPGetType(ksp, &type));
  if (type && std::string(type) == KSPCG && !options.has("-ksp_norm_type")) {
    BOREAS_PETSC(KSPSetNormType(ksp, KSP_NORM_UNPRECONDITIONED));
  }
}

}  // namespace boreas::petsc
