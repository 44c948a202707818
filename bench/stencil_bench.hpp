#pragma once
#include "core/context.hpp"
#include "core/json.hpp"

namespace boreas::bench {

// The heat app's stage kernel (forward Euler, no source: reads u, writes
// out) on a 128^3 single-rank mesh, and a STREAM triad with the same backend
// and threads, in one run. Reports how close the stencil runs to the memory
// bandwidth bound.
Json stencil_benchmark(const Context& ctx);

}  // namespace boreas::bench
