#pragma once
// `boreas bench NAME [--json]`: benchmarks that report ratios measured in one
// run (e.g. a kernel against STREAM on the same machine), never bare timings.
#include <string>

#include "core/context.hpp"

namespace boreas::bench {

std::string names();  // "stencil, ..."
// Runs one benchmark; prints a summary (or only JSON) on rank 0. `folder` is
// where file benchmarks (io) work; "" means their default.
// `cells` is the problem size per direction where a benchmark has one (0:
// its default); `steps` the number of timed steps (ns; 0: its default).
int run(const Context& ctx, const std::string& name, bool json, const std::string& folder = "",
        int cells = 0, int steps = 0);

}  // namespace boreas::bench
