#include "mesh/remap.hpp"

#include <Kokkos_Core.hpp>
#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.hpp"

namespace boreas {
namespace {

long long floor_div(long long a, long long b) {
  long long q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

// One source point contributing to a target index along one axis.
struct Tap {
  long long i = 0;   // global source index (unwrapped on a periodic axis)
  double w = 1.0;    // weight
  double off = 0.0;  // conservative: overlap midpoint - source centre, in source cells
};

// The monotonized-central slope (per source cell) from the two one-sided
// differences.
double mc_slope(double dl, double dr) {
  if (dl * dr <= 0.0) return 0.0;
  const double central = 0.5 * (dl + dr);
  const double lim = 2.0 * std::min(std::fabs(dl), std::fabs(dr));
  const double mag = std::min(std::fabs(central), lim);
  return central > 0 ? mag : -mag;
}

// Conservative taps of target cell `j` (global): the source cells it
// overlaps, the overlap as a fraction of the target cell, and the offset of
// the overlap's midpoint from the source cell's centre.
std::vector<Tap> overlap_taps(long long j, long long ns, long long nt) {
  std::vector<Tap> taps;
  const long long a = j * ns, b = (j + 1) * ns;  // units of 1 / (ns nt)
  for (long long i = a / nt; i * nt < b; ++i) {
    const long long lo = std::max(a, i * nt), hi = std::min(b, (i + 1) * nt);
    if (hi <= lo) continue;
    Tap t;
    t.i = i;
    t.w = static_cast<double>(hi - lo) / static_cast<double>(ns);
    t.off = static_cast<double>(lo + hi - (2 * i + 1) * nt) / static_cast<double>(2 * nt);
    taps.push_back(t);
  }
  return taps;
}

// Linear interpolation taps of target point `j` (global) on one axis:
// `faces` says the points are the lower faces (else the centres) of both
// grids. Two taps, or one on an axis of a single non-periodic source cell.
std::vector<Tap> linear_taps(long long j, long long ns, long long nt, bool faces, bool periodic) {
  // Doubled units: source point i at 2 i nt (+ nt for centres), target point
  // j at 2 j ns (+ ns).
  const long long x = 2 * j * ns + (faces ? 0 : ns);
  const long long p0 = faces ? 0 : nt;
  if (ns == 1 && !periodic) return {Tap{0, 1.0, 0.0}};
  long long i0 = floor_div(x - p0, 2 * nt);
  if (!periodic) i0 = std::clamp(i0, 0LL, ns - 2);
  const double w1 = static_cast<double>(x - (p0 + 2 * i0 * nt)) / static_cast<double>(2 * nt);
  return {Tap{i0, 1.0 - w1, 0.0}, Tap{i0 + 1, w1, 0.0}};
}

}  // namespace

void remap_source_box(const Mesh& target, RemapSource& src) {
  for (int d = 0; d < 3; ++d) {
    if (d >= target.dim()) {
      src.start[d] = 0;
      src.count[d] = 1;
      continue;
    }
    const long long ns = src.cells[d], nt = target.global_cells(d);
    const long long o = target.offset(d), n = target.local_cells(d);
    long long lo = (o * ns) / nt - 1;
    long long hi = ((o + n) * ns + nt - 1) / nt;  // one past the last overlapping cell
    if (!target.periodic(d)) {
      lo = std::max(lo, 0LL);
      hi = std::min(hi, ns - 1);
    }
    src.start[d] = lo;
    src.count[d] = hi - lo + 1;
  }
}

std::vector<double> remap_interior(const Mesh& target, const RemapSource& src, int face) {
  const int dim = target.dim();
  if (src.dim != dim) {
    throw InputError("remap: the source is " + std::to_string(src.dim) + "D, the mesh " +
                     std::to_string(dim) + "D");
  }
  const auto& c = src.count;
  const auto at = [&](long long i, long long j, long long k) {
    return src.values[static_cast<std::size_t>(
        ((k - src.start[2]) * c[1] + (j - src.start[1])) * c[0] + (i - src.start[0]))];
  };
  // Taps per axis and local target index.
  std::array<std::vector<std::vector<Tap>>, 3> taps;
  for (int d = 0; d < 3; ++d) {
    const int n = d < dim ? target.local_cells(d) : 1;
    taps[d].resize(static_cast<std::size_t>(n));
    for (int l = 0; l < n; ++l) {
      if (d >= dim) {
        taps[d][l] = {Tap{0, 1.0, 0.0}};
        continue;
      }
      const long long j = target.offset(d) + l, ns = src.cells[d], nt = target.global_cells(d);
      taps[d][l] = face < 0 ? overlap_taps(j, ns, nt)
                            : linear_taps(j, ns, nt, face == d, target.periodic(d));
      for (const Tap& t : taps[d][l]) {
        if (t.i < src.start[d] || t.i >= src.start[d] + c[d]) {
          throw RuntimeError("remap: source index outside the box read (internal error)");
        }
      }
    }
  }
  // Conservative: the limited slopes of every box cell that has its
  // neighbours (the others are only neighbours themselves).
  std::array<std::vector<double>, 3> slope;
  if (face < 0) {
    const long long total = c[0] * c[1] * c[2];
    for (int d = 0; d < dim; ++d) {
      slope[d].assign(static_cast<std::size_t>(total), 0.0);
      const long long ns = src.cells[d];
      const bool periodic = target.periodic(d);
      for (long long k = 0; k < c[2]; ++k) {
        for (long long j = 0; j < c[1]; ++j) {
          for (long long i = 0; i < c[0]; ++i) {
            long long g[3] = {src.start[0] + i, src.start[1] + j, src.start[2] + k};
            const long long b = (k * c[1] + j) * c[0] + i;
            const long long gi = g[d];
            const bool has_lo = gi - 1 >= src.start[d], has_hi = gi + 1 < src.start[d] + c[d];
            const double q = src.values[static_cast<std::size_t>(b)];
            double lo = 0.0, hi = 0.0;
            if (has_lo) {
              g[d] = gi - 1;
              lo = at(g[0], g[1], g[2]);
            }
            if (has_hi) {
              g[d] = gi + 1;
              hi = at(g[0], g[1], g[2]);
            }
            double s = 0.0;
            if (has_lo && has_hi) {
              s = mc_slope(q - lo, hi - q);
            } else if (!periodic && ns > 1 && gi == 0 && has_hi) {
              s = hi - q;  // one-sided at the lower boundary
            } else if (!periodic && ns > 1 && gi == ns - 1 && has_lo) {
              s = q - lo;  // and at the upper one
            }
            slope[d][static_cast<std::size_t>(b)] = s;
          }
        }
      }
    }
  }
  const int nx = taps[0].size(), ny = taps[1].size(), nz = taps[2].size();
  std::vector<double> out(static_cast<std::size_t>(nx) * ny * nz, 0.0);
  Kokkos::parallel_for(
      "remap_interior", Kokkos::RangePolicy<Kokkos::DefaultHostExecutionSpace>(0, ny * nz),
      [&](const int row) {
        const int k = row / ny, j = row % ny;
        for (int i = 0; i < nx; ++i) {
          double sum = 0.0;
          for (const Tap& tz : taps[2][k]) {
            for (const Tap& ty : taps[1][j]) {
              const double wzy = tz.w * ty.w;
              for (const Tap& tx : taps[0][i]) {
                const long long b = ((tz.i - src.start[2]) * c[1] + (ty.i - src.start[1])) * c[0] +
                                    (tx.i - src.start[0]);
                const auto bb = static_cast<std::size_t>(b);
                double v = src.values[bb];
                if (face < 0) {
                  v += slope[0][bb] * tx.off;
                  if (dim > 1) v += slope[1][bb] * ty.off;
                  if (dim > 2) v += slope[2][bb] * tz.off;
                }
                sum += wzy * tx.w * v;
              }
            }
          }
          out[static_cast<std::size_t>((static_cast<long long>(k) * ny + j) * nx + i)] = sum;
        }
      });
  Kokkos::fence();
  return out;
}

}  // namespace boreas
