#include "bench/bench.hpp"

#include <cstdio>

#include "bench/io_bench.hpp"
#include "bench/ns_bench.hpp"
#include "bench/poisson_bench.hpp"
#include "bench/shallow_water_bench.hpp"
#include "bench/stencil_bench.hpp"
#include "core/error.hpp"

namespace boreas::bench {

std::string names() {
  return "stencil, io, poisson, ns, shallow_water";
}

int run(const Context& ctx, const std::string& name, bool json, const std::string& folder,
        int cells, int steps) {
  Json result;
  if (name == "stencil") {
    result = stencil_benchmark(ctx);
  } else if (name == "poisson") {
    result = poisson_benchmark(ctx, cells > 0 ? cells : 128);
  } else if (name == "ns") {
    result = ns_benchmark(ctx, cells > 0 ? cells : 128, steps > 0 ? steps : 10);
  } else if (name == "shallow_water") {
    result = shallow_water_benchmark(ctx, cells > 0 ? cells : 1024, steps > 0 ? steps : 10);
  } else if (name == "io") {
    result = io_benchmark(ctx, folder);
  } else {
    throw InputError("unknown benchmark '" + name + "' (available: " + names() + ")");
  }
  if (ctx.is_root()) {
    if (!json) std::printf("benchmark %s:\n", name.c_str());
    std::printf("%s\n", result.dump().c_str());
  }
  return 0;
}

}  // namespace boreas::bench
