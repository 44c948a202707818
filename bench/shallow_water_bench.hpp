#pragma once
#include "core/context.hpp"
#include "core/json.hpp"

namespace boreas::bench {

// The shallow_water app on a balanced Gaussian vortex on the f-plane in a
// periodic 10 x 10 box of n^2 cells (all wet; PLM with the MC limiter, HLL,
// SSP-RK2, Coriolis), built from deck text as `boreas run` builds it. On 1
// rank and (if the launch has them) 2 ranks it times `steps` steps after a
// warm-up, interleaved with a STREAM triad run on the same ranks at the same
// time, best of kRepeats, and reports cell-updates/s (cells x steps / s),
// the bytes one cell-update moves (counted kernel by kernel, and the
// compulsory minimum of a fused step) and the fractions of the triad's
// bandwidth those imply. Run it as `OMP_NUM_THREADS=1 mpirun -n 2
// --bind-to core boreas bench shallow_water --json`.
Json shallow_water_benchmark(const Context& world, int n = 1024, int steps = 10);

// Doubles per cell moved by one step of the shallow_water app's kernels
// (2D, `nvar` state variables, SSP-RK2, PLM or WENO5, Coriolis on or off),
// counted like STREAM: every array a kernel reads or writes, once, no
// write-allocate. `compulsory`: only what any step must move (read the
// state and the bottom, write the state, per stage; the second stage also
// reads the step's initial state).
double shallow_water_doubles_per_cell_update(int nvar, bool coriolis, bool compulsory);

}  // namespace boreas::bench
