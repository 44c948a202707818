#pragma once
// The STREAM triad a(i) = b(i) + s c(i) on this rank's execution space, the
// bandwidth bound the benchmarks compare their kernels with in the same run
// (STREAM counts 24 bytes per element: two reads and one write, no
// write-allocate).
#include "core/exec.hpp"
#include "core/timers.hpp"

namespace boreas::bench {

struct Triad {
  Kokkos::View<double*, MemSpace> a, b, c;
  explicit Triad(long long n) : a("triad_a", n), b("triad_b", n), c("triad_c", n) {
    Kokkos::deep_copy(b, 1.0);
    Kokkos::deep_copy(c, 2.0);
  }
  // Seconds of one triad sweep (fenced).
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
  double bytes() const { return 24.0 * static_cast<double>(a.extent(0)); }
};

// 3 x 128 MiB per rank: far beyond the caches.
constexpr long long kTriadElements = 16LL * 1024 * 1024;

}  // namespace boreas::bench
