#include "solvers/linear/transfer.hpp"

namespace boreas::linear {
namespace {

// One coarse row (K, J) collects the fine rows of its children: ry * rz of
// them, each contributing RX residuals per coarse cell.
template <int Dim, int RX, class C>
void restrict_residual_kernel(const Box& fin, const C& c, const FieldView& b, const FieldView& x,
                              const Box& cin, const FieldView& bc, int ry, int rz) {
  const double w = 1.0 / (RX * ry * rz);
  const int fi0 = fin.i0, fj0 = fin.j0, fk0 = fin.k0;
  const int ci0 = cin.i0, cj0 = cin.j0, ck0 = cin.k0;
  par_for_rows(
      "mg_restrict_residual", cin,
      KOKKOS_LAMBDA(const int K, const int J, const int I0, const int I1) {
        double* BOREAS_RESTRICT pc = &bc(0, K, J, 0);
        for (int sz = 0; sz < rz; ++sz) {
          for (int sy = 0; sy < ry; ++sy) {
            const int k = fk0 + rz * (K - ck0) + sz;
            const int j = fj0 + ry * (J - cj0) + sy;
            const auto row = c.template row<Dim>(k, j);
            const Rows u = rows_of<Dim>(x, k, j);
            const double* BOREAS_RESTRICT pb = &b(0, k, j, 0);
            const bool first = sz == 0 && sy == 0;
            BOREAS_SIMD
            for (int I = I0; I < I1; ++I) {
              const int i = fi0 + RX * (I - ci0);
              double r = pb[i] - apply_at<Dim>(row, u, i);
              if constexpr (RX == 2) r += pb[i + 1] - apply_at<Dim>(row, u, i + 1);
              pc[I] = first ? w * r : pc[I] + w * r;
            }
          }
        }
      });
}

// Linear interpolation weights along one direction: the fine cell's parent
// P and the neighbour N on the child's side, weights 3/4 and 1/4 (ratio 2),
// or the parent alone (ratio 1).
struct Along {
  int parent, neighbour;
  double wp, wn;
};

KOKKOS_INLINE_FUNCTION Along along(int f, int f0, int c0, int r) {
  const int q = f - f0;
  Along a;
  if (r == 2) {
    a.parent = c0 + (q >> 1);
    a.neighbour = a.parent + ((q & 1) ? 1 : -1);
    a.wp = 0.75;
    a.wn = 0.25;
  } else {
    a.parent = a.neighbour = c0 + q;
    a.wp = 1.0;
    a.wn = 0.0;
  }
  return a;
}

// Weighted sum of the four coarse rows around a fine row at coarse cell I.
struct RowBlend {
  const double* e0;
  const double* e1;
  const double* e2;
  const double* e3;
  double a0, a1, a2, a3;
  KOKKOS_FORCEINLINE_FUNCTION double operator()(int I) const {
    return a0 * e0[I] + a1 * e1[I] + a2 * e2[I] + a3 * e3[I];
  }
};

template <int RX>
void prolong_kernel(const Box& fin, const FieldView& x, const Box& cin, const FieldView& e, int ry,
                    int rz) {
  const int fib = fin.i0, fj0 = fin.j0, fk0 = fin.k0;
  const int cib = cin.i0, cj0 = cin.j0, ck0 = cin.k0;
  par_for_rows(
      "mg_prolong_add", fin, KOKKOS_LAMBDA(const int k, const int j, const int i0, const int i1) {
        const Along az = along(k, fk0, ck0, rz);
        const Along ay = along(j, fj0, cj0, ry);
        const RowBlend c{&e(0, az.parent, ay.parent, 0),
                         &e(0, az.parent, ay.neighbour, 0),
                         &e(0, az.neighbour, ay.parent, 0),
                         &e(0, az.neighbour, ay.neighbour, 0),
                         az.wp * ay.wp,
                         az.wp * ay.wn,
                         az.wn * ay.wp,
                         az.wn * ay.wn};
        double* BOREAS_RESTRICT px = &x(0, k, j, 0);
        // Captured here, not first inside `if constexpr` (nvcc refuses that).
        const int ci0 = cib, fi0 = fib;
        if constexpr (RX == 1) {
          BOREAS_SIMD
          for (int i = i0; i < i1; ++i) px[i] += c(ci0 + i - fi0);
        } else {
          // Children in pairs (even, odd) of one coarse cell I: the even
          // child leans 1/4 on I - 1, the odd one on I + 1. A lone child at
          // either end (device backends hand out single cells) is done
          // separately.
          int i = i0;
          if (i < i1 && ((i - fi0) & 1)) {
            const int I = ci0 + ((i - fi0) >> 1);
            px[i] += 0.75 * c(I) + 0.25 * c(I + 1);
            ++i;
          }
          const int pairs = (i1 - i) / 2;
          const int Ib = ci0 + ((i - fi0) >> 1);
          double* BOREAS_RESTRICT pp = px + i;
          BOREAS_SIMD
          for (int q = 0; q < pairs; ++q) {
            const double vc = 0.75 * c(Ib + q);
            pp[2 * q] += vc + 0.25 * c(Ib + q - 1);
            pp[2 * q + 1] += vc + 0.25 * c(Ib + q + 1);
          }
          i += 2 * pairs;
          if (i < i1) {
            const int I = ci0 + ((i - fi0) >> 1);
            px[i] += 0.75 * c(I) + 0.25 * c(I - 1);
          }
        }
      });
}

}  // namespace

void restrict_residual(const StencilOperator& fine, const FieldView& b, const FieldView& x,
                       const Mesh& coarse, const FieldView& bc, const Ratio& ratio) {
  const Box fin = fine.mesh().interior(), cin = coarse.interior();
  visit_stencil(fine, [&](auto dim, const auto& c) {
    constexpr int D = decltype(dim)::value;
    if (ratio[0] == 2) {
      restrict_residual_kernel<D, 2>(fin, c, b, x, cin, bc, ratio[1], ratio[2]);
    } else {
      restrict_residual_kernel<D, 1>(fin, c, b, x, cin, bc, ratio[1], ratio[2]);
    }
  });
}

void restrict_average(const Mesh& fine, const FieldView& f, const Mesh& coarse, const FieldView& c,
                      const Ratio& ratio) {
  const Box fin = fine.interior(), cin = coarse.interior();
  const int rx = ratio[0], ry = ratio[1], rz = ratio[2];
  const double w = 1.0 / (rx * ry * rz);
  par_for(
      "mg_restrict_average", cin, KOKKOS_LAMBDA(const int K, const int J, const int I) {
        double s = 0.0;
        for (int sz = 0; sz < rz; ++sz)
          for (int sy = 0; sy < ry; ++sy)
            for (int sx = 0; sx < rx; ++sx)
              s += f(0, fin.k0 + rz * (K - cin.k0) + sz, fin.j0 + ry * (J - cin.j0) + sy,
                     fin.i0 + rx * (I - cin.i0) + sx);
        c(0, K, J, I) = w * s;
      });
}

void prolong_add(const Mesh& coarse, const FieldView& e, const Mesh& fine, const FieldView& x,
                 const Ratio& ratio) {
  const Box fin = fine.interior(), cin = coarse.interior();
  if (ratio[0] == 2) {
    prolong_kernel<2>(fin, x, cin, e, ratio[1], ratio[2]);
  } else {
    prolong_kernel<1>(fin, x, cin, e, ratio[1], ratio[2]);
  }
}

}  // namespace boreas::linear
