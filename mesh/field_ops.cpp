#include "mesh/field_ops.hpp"

#include <cmath>
#include <limits>
#include <type_traits>
#include <utility>

#include "core/math.hpp"

namespace boreas {

const char* centering_name(int face) {
  static const char* const names[] = {"cell", "x_face", "y_face", "z_face"};
  return names[face + 1];
}

FieldStats local_stats(const Mesh& mesh, const FieldView& f, int var) {
  FieldStats s;
  const Box b = mesh.interior();
  par_reduce(
      "field_sum", b, KOKKOS_LAMBDA(int k, int j, int i, double& acc) { acc += f(var, k, j, i); },
      Kokkos::Sum<double>(s.sum));
  par_reduce(
      "field_min", b,
      KOKKOS_LAMBDA(int k, int j, int i, double& acc) {
        acc = f(var, k, j, i) < acc ? f(var, k, j, i) : acc;
      },
      Kokkos::Min<double>(s.min));
  par_reduce(
      "field_max", b,
      KOKKOS_LAMBDA(int k, int j, int i, double& acc) {
        acc = f(var, k, j, i) > acc ? f(var, k, j, i) : acc;
      },
      Kokkos::Max<double>(s.max));
  return s;
}

FieldStats global_stats(const Mesh& mesh, const FieldView& f, int var) {
  FieldStats s = local_stats(mesh, f, var);
  const Context& ctx = mesh.context();
  return FieldStats{ctx.sum(s.sum), ctx.min(s.min), ctx.max(s.max)};
}

double local_squared_difference(const Mesh& mesh, const FieldView& f, int var, const FieldView& ref,
                                int ref_var, double scale, double offset) {
  double s = 0.0;
  par_reduce(
      "field_sqdiff", mesh.interior(),
      KOKKOS_LAMBDA(int k, int j, int i, double& acc) {
        const double d = f(var, k, j, i) - (offset + scale * ref(ref_var, k, j, i));
        acc += d * d;
      },
      Kokkos::Sum<double>(s));
  return s;
}

int first_non_finite_var(const Mesh& mesh, const FieldView& f) {
  const int nvar = static_cast<int>(f.extent(0));
  for (int v = 0; v < nvar; ++v) {
    // The reduction starts from Max's identity (INT_MIN), not 0: test > 0.
    int bad = 0;
    par_reduce(
        "field_non_finite", mesh.interior(),
        KOKKOS_LAMBDA(int k, int j, int i, int& acc) {
          // x - x is NaN for both NaN and +-inf.
          const double x = f(v, k, j, i);
          if (!(x - x == 0.0)) acc = 1;
        },
        Kokkos::Max<int>(bad));
    if (bad > 0) return v;
  }
  return -1;
}

bool first_non_finite_cell(const Mesh& mesh, const FieldView& f, int var, std::array<int, 3>& kji) {
  const Box in = mesh.interior();
  const long long nj = in.j1 - in.j0, ni = in.i1 - in.i0;
  long long first = 0;
  par_reduce(
      "field_first_non_finite", in,
      KOKKOS_LAMBDA(int k, int j, int i, long long& acc) {
        const double x = f(var, k, j, i);
        if (!(x - x == 0.0)) {
          const long long idx = ((k - in.k0) * nj + (j - in.j0)) * ni + (i - in.i0);
          if (idx < acc) acc = idx;
        }
      },
      Kokkos::Min<long long>(first));
  if (first >= in.size()) return false;  // Min's identity: no bad cell
  kji = {in.k0 + static_cast<int>(first / (nj * ni)), in.j0 + static_cast<int>(first / ni % nj),
         in.i0 + static_cast<int>(first % ni)};
  return true;
}

void axpby(const Mesh& mesh, const FieldView& out, double a, const FieldView& x, double b,
           const FieldView& y) {
  const int nvar = static_cast<int>(out.extent(0));
  par_for(
      "axpby", nvar, mesh.interior(), KOKKOS_LAMBDA(int v, int k, int j, int i) {
        out(v, k, j, i) = a * x(v, k, j, i) + b * y(v, k, j, i);
      });
}

namespace {
using HostBlock = Kokkos::View<double***, Kokkos::LayoutRight, Kokkos::HostSpace,
                               Kokkos::MemoryTraits<Kokkos::Unmanaged>>;
using ConstHostBlock = Kokkos::View<const double***, Kokkos::LayoutRight, Kokkos::HostSpace,
                                    Kokkos::MemoryTraits<Kokkos::Unmanaged>>;

auto interior_of(const Mesh& mesh, const FieldView& f, int var) {
  const Box b = mesh.interior();
  return Kokkos::subview(f, var, std::make_pair(b.k0, b.k1), std::make_pair(b.j0, b.j1),
                         std::make_pair(b.i0, b.i1));
}
}  // namespace

void interior_to_host(const Mesh& mesh, const FieldView& f, int var, double* out) {
  const auto part = interior_of(mesh, f, var);
  const HostBlock host(out, part.extent(0), part.extent(1), part.extent(2));
  if constexpr (std::is_same_v<MemSpace, Kokkos::HostSpace>) {
    Kokkos::deep_copy(host, part);
  } else {
    // Device memory: a contiguous device copy first (deep_copy across
    // memory spaces needs both sides contiguous).
    Kokkos::View<double***, Kokkos::LayoutRight, MemSpace> dev(
        Kokkos::view_alloc(Kokkos::WithoutInitializing, "interior_copy"), part.extent(0),
        part.extent(1), part.extent(2));
    Kokkos::deep_copy(dev, part);
    Kokkos::deep_copy(host, dev);
  }
}

void interior_from_host(const Mesh& mesh, const double* in, const FieldView& f, int var) {
  const auto part = interior_of(mesh, f, var);
  const ConstHostBlock host(in, part.extent(0), part.extent(1), part.extent(2));
  if constexpr (std::is_same_v<MemSpace, Kokkos::HostSpace>) {
    Kokkos::deep_copy(part, host);
  } else {
    Kokkos::View<double***, Kokkos::LayoutRight, MemSpace> dev(
        Kokkos::view_alloc(Kokkos::WithoutInitializing, "interior_copy"), part.extent(0),
        part.extent(1), part.extent(2));
    Kokkos::deep_copy(dev, host);
    Kokkos::deep_copy(part, dev);
  }
}

namespace {
constexpr double kPiSine = 3.14159265358979323846;
}  // namespace

void fill_sine_mode(const Mesh& mesh, const std::vector<long long>& mode, double background,
                    double amplitude, const FieldView& f, const Box& box) {
  const int dim = mesh.dim();
  double k[3] = {0, 0, 0}, dx[3] = {1, 1, 1};
  int off[3] = {0, 0, 0};
  for (int d = 0; d < dim; ++d) {
    k[d] = mode[d] * kPiSine / (mesh.upper(d) - mesh.lower(d));
    dx[d] = mesh.dx(d);
    off[d] = mesh.offset(d) - mesh.ghost(d);
  }
  par_for(
      "fill_sine_mode", box, KOKKOS_LAMBDA(int kk, int j, int i) {
        const int idx[3] = {i, j, kk};
        double v = 1.0;
        for (int d = 0; d < dim; ++d) v *= math::sin(k[d] * (off[d] + idx[d] + 0.5) * dx[d]);
        f(0, kk, j, i) = background + amplitude * v;
      });
}

double sine_mode_k_squared(const Mesh& mesh, const std::vector<long long>& mode) {
  double k2 = 0.0;
  for (int d = 0; d < mesh.dim(); ++d) {
    const double k = mode[d] * kPiSine / (mesh.upper(d) - mesh.lower(d));
    k2 += k * k;
  }
  return k2;
}

}  // namespace boreas
