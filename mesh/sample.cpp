#include "mesh/sample.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/error.hpp"

namespace boreas {
namespace {

// Up to 8 taps per point: local (k, j, i) and weight.
struct Taps {
  int n = 0;
  int k[8], j[8], i[8];
  double w[8];
};

}  // namespace

std::string sample_point_problem(const Mesh& mesh, const Point& p) {
  for (int d = 0; d < mesh.dim(); ++d) {
    const double lo = mesh.lower(d), hi = mesh.upper(d), slack = 1e-12 * (hi - lo);
    if (!std::isfinite(p[d]) || p[d] < lo - slack || p[d] > hi + slack) {
      const char* axis = "xyz";
      return fmt::format("point ({}) is outside the domain: {} = {} is not in [{}, {}]",
                         fmt::join(p.begin(), p.begin() + mesh.dim(), ", "), axis[d], p[d], lo, hi);
    }
  }
  return "";
}

std::vector<Point> line_points(const Point& a, const Point& b, int n) {
  std::vector<Point> out;
  if (n <= 1) return {a};
  for (int s = 0; s < n; ++s) {
    Point p{};
    // The end points exactly; in between a + (b - a) s / (n - 1).
    for (int d = 0; d < 3; ++d) {
      p[d] = s == n - 1 ? b[d] : a[d] + (b[d] - a[d]) * static_cast<double>(s) / (n - 1);
    }
    out.push_back(p);
  }
  return out;
}

std::vector<double> sample(const Mesh& mesh, const std::vector<NamedVariable>& vars,
                           const std::vector<Point>& points) {
  const Context& ctx = mesh.context();
  const int dim = mesh.dim();
  for (const auto& p : points) {
    if (const std::string why = sample_point_problem(mesh, p); !why.empty()) throw InputError(why);
  }
  // The cell holding each point (global index per axis), and whether it is ours.
  std::vector<std::array<int, 3>> cell(points.size(), {0, 0, 0});
  std::vector<size_t> mine;
  for (size_t q = 0; q < points.size(); ++q) {
    bool local = true;
    for (int d = 0; d < dim; ++d) {
      const int n = mesh.global_cells(d);
      const double s = (points[q][d] - mesh.lower(d)) / mesh.dx(d);
      cell[q][d] = std::clamp(static_cast<int>(std::floor(s)), 0, n - 1);
      local = local && cell[q][d] >= mesh.offset(d) &&
              cell[q][d] < mesh.offset(d) + mesh.local_cells(d);
    }
    if (local) mine.push_back(q);
  }
  const size_t nv = vars.size();
  std::vector<double> values(points.size() * nv, 0.0);
  if (!mine.empty()) {
    const int m = static_cast<int>(mine.size());
    Kokkos::View<Taps*, MemSpace> taps("sample_taps", mine.size());
    auto htaps = Kokkos::create_mirror_view(taps);
    Kokkos::View<double*, MemSpace> out("sample_values", mine.size());
    auto hout = Kokkos::create_mirror_view(out);
    for (size_t v = 0; v < nv; ++v) {
      const int face = vars[v].face;
      for (int q = 0; q < m; ++q) {
        const Point& p = points[mine[q]];
        // Per axis: the lower grid index (global) and the upper weight.
        int base[3] = {0, 0, 0};
        double w1[3] = {0, 0, 0};
        bool active[3] = {false, false, false};
        for (int d = 0; d < dim; ++d) {
          const double s = (p[d] - mesh.lower(d)) / mesh.dx(d) - (face == d ? 0.0 : 0.5);
          // The stencil stays within the cell's neighbourhood: centres
          // ic - 1 .. ic + 1, faces ic .. ic + 1 (face n is the upper boundary).
          const int ic = cell[mine[q]][d];
          const int b = face == d ? ic : std::clamp(static_cast<int>(std::floor(s)), ic - 1, ic);
          base[d] = b;
          w1[d] = std::clamp(s - b, 0.0, 1.0);
          active[d] = true;
        }
        Taps t;
        for (int c = 0; c < 8; ++c) {
          const int ci = c & 1, cj = (c >> 1) & 1, ck = (c >> 2) & 1;
          if ((ci && !active[0]) || (cj && !active[1]) || (ck && !active[2])) continue;
          double w = 1.0;
          int idx[3] = {0, 0, 0};
          const int corner[3] = {ci, cj, ck};
          for (int d = 0; d < 3; ++d) {
            if (!active[d]) continue;
            w *= corner[d] ? w1[d] : 1.0 - w1[d];
            idx[d] = base[d] + corner[d] - mesh.offset(d) + mesh.ghost(d);
          }
          t.i[t.n] = idx[0];
          t.j[t.n] = idx[1];
          t.k[t.n] = idx[2];
          t.w[t.n] = w;
          ++t.n;
        }
        htaps(q) = t;
      }
      Kokkos::deep_copy(taps, htaps);
      const FieldView f = vars[v].view;
      const int var = vars[v].var;
      Kokkos::parallel_for(
          "sample", Kokkos::RangePolicy<ExecSpace>(0, m), KOKKOS_LAMBDA(const int q) {
            const Taps& t = taps(q);
            double sum = 0.0;
            for (int c = 0; c < t.n; ++c) {
              // A weight of 0 leaves the value out (it may be a ghost nobody set).
              if (t.w[c] != 0.0) sum += t.w[c] * f(var, t.k[c], t.j[c], t.i[c]);
            }
            out(q) = sum;
          });
      Kokkos::deep_copy(hout, out);
      for (int q = 0; q < m; ++q) values[mine[q] * nv + v] = hout(q);
    }
  }
  ctx.sum(values);
  return values;
}

}  // namespace boreas
