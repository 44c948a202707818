// mesh/remap: the interpolation of `boreas run --init`. Conservation of the
// integral (coarse to fine, fine to coarse, non-nested), exact linear
// fields (conservative away from the limiter, and the consistent face
// interpolation), and the same bits on every rank layout.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <functional>
#include <vector>

#include "mesh/remap.hpp"
#include "tests/test_context.hpp"

namespace boreas {
namespace {

const Context& ctx() {
  return testing::context();
}

using Fn = std::function<double(long long, long long, long long)>;

MeshSpec spec(int dim, std::array<int, 3> cells,
              std::array<bool, 3> periodic = {false, false, false},
              std::array<int, 3> ranks = {0, 0, 0}) {
  MeshSpec s;
  s.dim = dim;
  s.cells = cells;
  s.lower = {0.0, -1.0, 0.5};
  s.upper = {1.5, 1.0, 1.25};
  s.periodic = periodic;
  s.ranks = ranks;
  return s;
}

// The source box this rank needs, filled from src_value(i, j, k) at the
// (wrapped) global indices.
RemapSource source(const Mesh& target, int dim, std::array<long long, 3> cells, const Fn& value) {
  RemapSource s;
  s.dim = dim;
  s.cells = cells;
  remap_source_box(target, s);
  for (long long k = 0; k < s.count[2]; ++k) {
    for (long long j = 0; j < s.count[1]; ++j) {
      for (long long i = 0; i < s.count[0]; ++i) {
        const long long g[3] = {s.start[0] + i, s.start[1] + j, s.start[2] + k};
        long long w[3];
        for (int d = 0; d < 3; ++d) w[d] = ((g[d] % cells[d]) + cells[d]) % cells[d];
        s.values.push_back(value(w[0], w[1], w[2]));
      }
    }
  }
  return s;
}

// The whole target field on every rank (global x-fastest order).
std::vector<double> gather(const Mesh& m, const std::vector<double>& local) {
  const long long nx = m.global_cells(0), ny = m.global_cells(1), nz = m.global_cells(2);
  std::vector<double> all(static_cast<size_t>(nx * ny * nz), 0.0);
  const int lx = m.local_cells(0), ly = m.local_cells(1), lz = m.local_cells(2);
  for (int k = 0; k < lz; ++k) {
    for (int j = 0; j < ly; ++j) {
      for (int i = 0; i < lx; ++i) {
        const long long g = ((m.offset(2) + k) * ny + m.offset(1) + j) * nx + m.offset(0) + i;
        all[static_cast<size_t>(g)] = local[static_cast<size_t>((k * ly + j) * lx + i)];
      }
    }
  }
  ctx().sum(all);
  return all;
}

// A rough field: smooth part plus jumps (the limiter is busy).
double rough(long long i, long long j, long long k) {
  return std::sin(0.37 * i) + std::cos(0.23 * j * j) + 0.5 * ((i + 2 * j + k) % 5 == 0) + 0.1 * k;
}

// Integral over the domain of the target (global cells) and of the source.
double target_integral(const Mesh& m, const std::vector<double>& local) {
  double s = 0.0;
  for (double v : local) s += v;
  return ctx().sum(s) * m.cell_volume();
}

double source_integral(const MeshSpec& sp, std::array<long long, 3> cells, const Fn& f) {
  double s = 0.0, vol = 1.0;
  for (long long k = 0; k < cells[2]; ++k)
    for (long long j = 0; j < cells[1]; ++j)
      for (long long i = 0; i < cells[0]; ++i) s += f(i, j, k);
  for (int d = 0; d < sp.dim; ++d) vol *= (sp.upper[d] - sp.lower[d]) / cells[d];
  return s * vol;
}

TEST(Remap, ConservesTheIntegral2D) {
  const std::array<long long, 3> src{24, 16, 1};
  const std::vector<std::array<int, 3>> targets{
      {40, 28, 1}, {12, 8, 1}, {48, 32, 1}, {7, 37, 1}, {24, 16, 1}};
  for (std::array<int, 3> cells : targets) {
    for (bool periodic : {false, true}) {
      const MeshSpec sp = spec(2, cells, {periodic, false, false});
      Mesh m(ctx(), sp);
      const auto out = remap_interior(m, source(m, 2, src, rough), -1);
      const double a = target_integral(m, out), b = source_integral(sp, src, rough);
      EXPECT_NEAR(a, b, 1e-13 * std::fabs(b))
          << cells[0] << "x" << cells[1] << " periodic " << periodic;
    }
  }
}

TEST(Remap, ConservesTheIntegral3DAnd1D) {
  {
    const std::array<long long, 3> src{10, 7, 6};
    const MeshSpec sp = spec(3, {13, 5, 9}, {false, true, false});
    Mesh m(ctx(), sp);
    const auto out = remap_interior(m, source(m, 3, src, rough), -1);
    const double a = target_integral(m, out), b = source_integral(sp, src, rough);
    EXPECT_NEAR(a, b, 1e-13 * std::fabs(b));
  }
  {
    const std::array<long long, 3> src{24, 1, 1};
    const MeshSpec sp = spec(1, {40, 1, 1});
    Mesh m(ctx(), sp);
    const auto out = remap_interior(m, source(m, 1, src, rough), -1);
    const double a = target_integral(m, out), b = source_integral(sp, src, rough);
    EXPECT_NEAR(a, b, 1e-13 * std::fabs(b));
  }
}

// A linear field's cell averages are its centre values; the remap gives the
// target's centre values (the MC limiter is inactive on a linear field, the
// boundary cells take the one-sided slope).
TEST(Remap, ReproducesALinearCellField) {
  const std::vector<std::array<int, 3>> targets{{40, 28, 1}, {12, 8, 1}, {7, 37, 1}};
  for (std::array<int, 3> cells : targets) {
    const std::array<long long, 3> src{24, 16, 1};
    const MeshSpec sp = spec(2, cells);
    Mesh m(ctx(), sp);
    const auto lin = [&](double x, double y) { return 0.3 + 1.7 * x - 2.1 * y; };
    const double hx = 1.5 / src[0], hy = 2.0 / src[1];
    const Fn f = [&](long long i, long long j, long long) {
      return lin(sp.lower[0] + (i + 0.5) * hx, sp.lower[1] + (j + 0.5) * hy);
    };
    const auto out = remap_interior(m, source(m, 2, src, f), -1);
    double err = 0.0;
    for (int j = 0; j < m.local_cells(1); ++j) {
      for (int i = 0; i < m.local_cells(0); ++i) {
        const double x = m.center(0, i + m.ghost()), y = m.center(1, j + m.ghost());
        err = std::max(err, std::fabs(out[j * m.local_cells(0) + i] - lin(x, y)));
      }
    }
    EXPECT_LT(ctx().max(err), 1e-12) << cells[0] << "x" << cells[1];
  }
}

// The limiter: a step stays within its two values (no new extrema).
TEST(Remap, AddsNoExtremaAtAStep) {
  const std::array<long long, 3> src{24, 16, 1};
  const MeshSpec sp = spec(2, {40, 28, 1});
  Mesh m(ctx(), sp);
  const Fn step = [](long long i, long long, long long) { return i < 11 ? 1.0 : 3.0; };
  const auto out = remap_interior(m, source(m, 2, src, step), -1);
  double lo = 1e300, hi = -1e300;
  for (double v : out) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  EXPECT_GE(ctx().min(lo), 1.0 - 1e-14);
  EXPECT_LE(ctx().max(hi), 3.0 + 1e-14);
}

// Face values of a linear field (x-faces along x, centres along y; y-faces
// the other way round) interpolate exactly, up to the boundary faces, also
// across a periodic axis when the field is periodic in it (constant along
// the periodic axis there).
TEST(Remap, FaceInterpolationIsExactForLinearFields) {
  const std::vector<std::array<int, 3>> targets{{40, 28, 1}, {12, 8, 1}, {7, 37, 1}};
  for (bool periodic_y : {false, true}) {
    for (std::array<int, 3> cells : targets) {
      const std::array<long long, 3> src{24, 16, 1};
      const MeshSpec sp = spec(2, cells, {false, periodic_y, false});
      Mesh m(ctx(), sp);
      const double cy = periodic_y ? 0.0 : -2.1;
      const auto lin = [&](double x, double y) { return 0.3 + 1.7 * x + cy * y; };
      const double hx = 1.5 / src[0], hy = 2.0 / src[1];
      for (int face = 0; face < 2; ++face) {
        const Fn f = [&](long long i, long long j, long long) {
          return lin(sp.lower[0] + (i + (face == 0 ? 0.0 : 0.5)) * hx,
                     sp.lower[1] + (j + (face == 1 ? 0.0 : 0.5)) * hy);
        };
        const auto out = remap_interior(m, source(m, 2, src, f), face);
        double err = 0.0;
        for (int j = 0; j < m.local_cells(1); ++j) {
          for (int i = 0; i < m.local_cells(0); ++i) {
            const double x =
                face == 0 ? m.center(0, i + m.ghost()) - 0.5 * m.dx(0) : m.center(0, i + m.ghost());
            const double y =
                face == 1 ? m.center(1, j + m.ghost()) - 0.5 * m.dx(1) : m.center(1, j + m.ghost());
            err = std::max(err, std::fabs(out[j * m.local_cells(0) + i] - lin(x, y)));
          }
        }
        EXPECT_LT(ctx().max(err), 1e-12)
            << "face " << face << " " << cells[0] << "x" << cells[1] << " periodic " << periodic_y;
      }
    }
  }
}

TEST(Remap, FaceInterpolationIsExactForLinearFields3D) {
  const std::array<long long, 3> src{10, 7, 6};
  const MeshSpec sp = spec(3, {13, 5, 9}, {false, false, true});
  Mesh m(ctx(), sp);
  // Constant along the periodic z.
  const auto lin = [](double x, double y) { return -0.4 + 0.9 * x + 1.3 * y; };
  double h[3];
  for (int d = 0; d < 3; ++d) h[d] = (sp.upper[d] - sp.lower[d]) / src[d];
  for (int face = 0; face < 3; ++face) {
    const Fn f = [&](long long i, long long j, long long) {
      return lin(sp.lower[0] + (i + (face == 0 ? 0.0 : 0.5)) * h[0],
                 sp.lower[1] + (j + (face == 1 ? 0.0 : 0.5)) * h[1]);
    };
    const auto out = remap_interior(m, source(m, 3, src, f), face);
    double err = 0.0;
    const int lx = m.local_cells(0), ly = m.local_cells(1);
    for (int k = 0; k < m.local_cells(2); ++k) {
      for (int j = 0; j < ly; ++j) {
        for (int i = 0; i < lx; ++i) {
          const double x = m.center(0, i + m.ghost()) - (face == 0 ? 0.5 * m.dx(0) : 0.0);
          const double y = m.center(1, j + m.ghost()) - (face == 1 ? 0.5 * m.dx(1) : 0.0);
          err = std::max(err, std::fabs(out[(k * ly + j) * lx + i] - lin(x, y)));
        }
      }
    }
    EXPECT_LT(ctx().max(err), 1e-12) << "face " << face;
  }
}

// The same target bits on the rank layouts n x 1 and 1 x n of this launch
// (with 1 rank trivially; the pipeline test `init` compares 1, 2 and 3 ranks).
TEST(Remap, SameBitsOnEveryRankLayout) {
  const int n = ctx().size();
  std::vector<std::array<int, 3>> layouts = {{n, 1, 1}, {1, n, 1}};
  const std::array<long long, 3> src{24, 16, 1};
  for (int face = -1; face < 2; ++face) {
    for (bool periodic : {false, true}) {
      std::vector<std::vector<double>> results;
      for (const auto& r : layouts) {
        Mesh m(ctx(), spec(2, {40, 28, 1}, {periodic, periodic, false}, r));
        results.push_back(gather(m, remap_interior(m, source(m, 2, src, rough), face)));
      }
      ASSERT_EQ(results[0].size(), results[1].size());
      for (size_t q = 0; q < results[0].size(); ++q) {
        ASSERT_EQ(results[0][q], results[1][q]) << "face " << face << " at " << q;
      }
    }
  }
}

}  // namespace
}  // namespace boreas
