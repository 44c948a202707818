#include "bench/stencil_bench.hpp"

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "core/exec.hpp"
#include "core/timers.hpp"
#include "mesh/mesh.hpp"
#include "physics/heat/heat_kernels.hpp"

namespace boreas::bench {
namespace {

constexpr int kN = 128;
constexpr int kRepeats = 5;  // best of

double triad_GBps(long long n) {
  Kokkos::View<double*, MemSpace> a("triad_a", n), b("triad_b", n), c("triad_c", n);
  Kokkos::deep_copy(b, 1.0);
  Kokkos::deep_copy(c, 2.0);
  const double s = 3.0;
  double best = 1e300;
  for (int r = 0; r < kRepeats + 1; ++r) {
    Kokkos::fence();
    const double t0 = wall_seconds();
    Kokkos::parallel_for(
        "stream_triad", Kokkos::RangePolicy<ExecSpace>(0, n),
        KOKKOS_LAMBDA(const long long i) { a(i) = b(i) + s * c(i); });
    Kokkos::fence();
    if (r > 0) best = std::min(best, wall_seconds() - t0);  // first pass warms up
  }
  return 3.0 * 8.0 * static_cast<double>(n) / best / 1e9;  // STREAM counts 24 B/element
}

}  // namespace

Json stencil_benchmark(const Context& ctx) {
  // One rank's view of a 128^3 periodic box; other ranks idle at the barrier.
  double cups = 0.0, gbps = 0.0;
  int sweeps = 0;
  if (ctx.is_root()) {
    const int n = kN;
    FieldView u("bench_u", 1, n + 2, n + 2, n + 2);
    FieldView out("bench_out", 1, n + 2, n + 2, n + 2);
    Kokkos::deep_copy(u, 1.0);
    const Box interior{1, n + 1, 1, n + 1, 1, n + 1};
    heat::StageCoefficients c;
    c.a = 0.0;
    c.b = 1.0;
    c.dt = 1e-6;
    c.cx = c.cy = c.cz = 1.0;
    FieldView none;
    sweeps = 20;
    double best = 1e300;
    for (int r = 0; r < kRepeats + 1; ++r) {
      Kokkos::fence();
      const double t0 = wall_seconds();
      for (int s = 0; s < sweeps; ++s) {
        heat::heat_stage(interior, 3, out, u, u, none, false, c);
        std::swap(u, out);
      }
      Kokkos::fence();
      if (r > 0) best = std::min(best, wall_seconds() - t0);
    }
    cups = static_cast<double>(n) * n * n * sweeps / best;
    // Arrays 8x the 128^3 field so caches cannot hold them.
    gbps = triad_GBps(16LL * 1024 * 1024);
  }
  ctx.barrier();
  const double bytes_per_update = 16.0;  // read u, write out (doubles)
  return Json::object()
      .set("benchmark", Json::string("stencil"))
      .set("kernel", Json::string("heat 7-point forward-Euler stage"))
      .set("cells", Json::integer(static_cast<long long>(kN) * kN * kN))
      .set("sweeps_per_repeat", Json::integer(sweeps))
      .set("backend", Json::string(ctx.backend()))
      .set("threads", Json::integer(ctx.threads()))
      .set("cell_updates_per_s", Json::number(cups))
      .set("stream_triad_GBps", Json::number(gbps))
      .set("bytes_per_cell_update", Json::number(bytes_per_update))
      .set("fraction_of_bandwidth_bound", Json::number(cups * bytes_per_update / (gbps * 1e9)));
}

}  // namespace boreas::bench
