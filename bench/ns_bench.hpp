#pragma once
#include "core/context.hpp"
#include "core/json.hpp"

namespace boreas::bench {

// The ns app on the 3D lid-driven cavity (unit cube, no-slip walls, lid
// y_upper moving at 1 along x, nu = 0.01: Re = 100) on n^3 cells, built from
// deck text like `boreas run` builds it (default solver: native CG+MG).
// After kWarmupSteps untimed steps from rest it times `steps` steps (fenced)
// on 1 rank and (if the launch has them) 2 ranks, and reports per rank
// count: seconds per step, cell-updates/s, the fractions of step time in the
// pressure solve and in the app's halo exchanges (velocity, p and phi; the
// solver's own exchanges count as pressure solve), and pressure iterations
// per step. Run it as `OMP_NUM_THREADS=1 mpirun -n 2 --bind-to core
// boreas bench ns --json`.
Json ns_benchmark(const Context& world, int n = 128, int steps = 10);

}  // namespace boreas::bench
