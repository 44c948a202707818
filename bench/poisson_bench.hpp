#pragma once
#include "core/context.hpp"
#include "core/json.hpp"

namespace boreas::bench {

// The 3D Poisson problem on n^3 cells (dirichlet, manufactured f) solved to
// rtol 1e-8 from a zero guess by native CG+MG and by PETSc CG + geometric MG
// (DMDA hierarchy), CG + GAMG and CG + hypre BoomerAMG, on 1 rank and (if
// the launch has them) 2 ranks: setup and solve seconds, iterations,
// unknowns/s, native_vs_best_petsc = best PETSc solve time / native solve
// time, and native bytes per unknown from the peak RSS. Run it as
// `OMP_NUM_THREADS=1 mpirun -n 2 boreas bench poisson --json` for a
// like-for-like comparison (PETSc uses one thread per rank).
Json poisson_benchmark(const Context& world, int n = 128);

}  // namespace boreas::bench
