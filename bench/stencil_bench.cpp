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
constexpr int kRepeats = 8;  // best of, stencil and triad interleaved
constexpr int kSweeps = 20;

struct Triad {
  Kokkos::View<double*, MemSpace> a, b, c;
  explicit Triad(long long n) : a("triad_a", n), b("triad_b", n), c("triad_c", n) {
    Kokkos::deep_copy(b, 1.0);
    Kokkos::deep_copy(c, 2.0);
  }
  double seconds() const {
    const auto a_ = a, b_ = b, c_ = c;
    const double s = 3.0;
    Kokkos::fence();
    const double t0 = wall_seconds();
    Kokkos::parallel_for(
        "stream_triad", Kokkos::RangePolicy<ExecSpace>(0, a.extent(0)),
        KOKKOS_LAMBDA(const long long i) { a_(i) = b_(i) + s * c_(i); });
    Kokkos::fence();
    return wall_seconds() - t0;
  }
};

}  // namespace

Json stencil_benchmark(const Context& ctx) {
  // One rank's 128^3 box; other ranks wait at the barrier.
  double cups = 0.0, gbps = 0.0;
  const long long triad_n = 16LL * 1024 * 1024;  // 3 x 128 MiB: far beyond the caches
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
    Triad triad(triad_n);
    double best_stencil = 1e300, best_triad = 1e300;
    // Interleaved so both see the same machine state; the first round warms up.
    for (int r = 0; r < kRepeats + 1; ++r) {
      Kokkos::fence();
      const double t0 = wall_seconds();
      for (int s = 0; s < kSweeps; ++s) {
        heat::heat_stage(interior, 3, out, u, u, none, false, c);
        std::swap(u, out);
      }
      Kokkos::fence();
      const double ts = wall_seconds() - t0;
      const double tt = triad.seconds();
      if (r > 0) {
        best_stencil = std::min(best_stencil, ts);
        best_triad = std::min(best_triad, tt);
      }
    }
    cups = static_cast<double>(n) * n * n * kSweeps / best_stencil;
    gbps = 3.0 * 8.0 * static_cast<double>(triad_n) / best_triad / 1e9;  // STREAM's 24 B/element
  }
  ctx.barrier();
  cups = ctx.max(cups);
  gbps = ctx.max(gbps);
  const double bytes_per_update = 16.0;  // read u, write out (doubles)
  return Json::object()
      .set("benchmark", Json::string("stencil"))
      .set("kernel", Json::string("heat 7-point forward-Euler stage (physics/heat/heat_kernels.cpp)"))
      .set("cells", Json::integer(static_cast<long long>(kN) * kN * kN))
      .set("sweeps_per_repeat", Json::integer(kSweeps))
      .set("repeats", Json::integer(kRepeats))
      .set("backend", Json::string(ctx.backend()))
      .set("threads", Json::integer(ctx.threads()))
      .set("cell_updates_per_s", Json::number(cups))
      .set("stream_triad_GBps", Json::number(gbps))
      .set("bytes_per_cell_update", Json::number(bytes_per_update))
      .set("fraction_of_bandwidth_bound", Json::number(cups * bytes_per_update / (gbps * 1e9)));
}

}  // namespace boreas::bench
