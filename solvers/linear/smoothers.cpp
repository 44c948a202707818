#include "solvers/linear/smoothers.hpp"

#include "core/error.hpp"
#include "solvers/linear/vector_ops.hpp"

namespace boreas::linear {
namespace {

const char* const kSmootherNames[] = {"jacobi", "rbgs", "chebyshev"};

// dst = src + omega D^-1 (b - A src)   (Jacobi)
// or, for Chebyshev, d = c1 d + c2 D^-1 (b - A src), dst = src + d.
template <int Dim, bool Cheby, class C>
void relax_step(const Box& in, const C& c, const FieldView& src, const FieldView& b,
                const FieldView& d, const FieldView& dst, double c1, double c2) {
  par_for_rows(
      "smooth_relax", in, KOKKOS_LAMBDA(const int k, const int j, const int i0, const int i1) {
        const auto row = c.template row<Dim>(k, j);
        const Rows u = rows_of<Dim>(src, k, j);
        const double* BOREAS_RESTRICT pb = &b(0, k, j, 0);
        double* BOREAS_RESTRICT pd = Cheby ? &d(0, k, j, 0) : nullptr;
        double* BOREAS_RESTRICT po = &dst(0, k, j, 0);
        // Captured here, not first inside `if constexpr` (nvcc refuses that).
        const double w1 = c1, w2 = c2;
        BOREAS_SIMD
        for (int i = i0; i < i1; ++i) {
          const double r = (pb[i] - apply_at<Dim>(row, u, i)) / row.diag(i);
          if constexpr (Cheby) {
            const double dn = w1 * pd[i] + w2 * r;
            pd[i] = dn;
            po[i] = u.c[i] + dn;
          } else {
            po[i] = u.c[i] + w2 * r;
          }
        }
      });
}

// The first step from x = 0: dst = c2 D^-1 b (and d = dst for Chebyshev).
template <int Dim, bool Cheby, class C>
void relax_first(const Box& in, const C& c, const FieldView& b, const FieldView& d,
                 const FieldView& dst, double c2) {
  par_for_rows(
      "smooth_relax_first", in,
      KOKKOS_LAMBDA(const int k, const int j, const int i0, const int i1) {
        const auto row = c.template row<Dim>(k, j);
        const double* BOREAS_RESTRICT pb = &b(0, k, j, 0);
        double* BOREAS_RESTRICT pd = Cheby ? &d(0, k, j, 0) : nullptr;
        double* BOREAS_RESTRICT po = &dst(0, k, j, 0);
        BOREAS_SIMD
        for (int i = i0; i < i1; ++i) {
          const double v = c2 * pb[i] / row.diag(i);
          if constexpr (Cheby) pd[i] = v;
          po[i] = v;
        }
      });
}

// Gauss-Seidel update of the cells of one colour, in place. The other
// colour's values are read only, so the stride-2 row loop is independent.
template <int Dim, class C>
void rbgs_colour(const Box& in, const C& c, const FieldView& x, const FieldView& b, int colour,
                 int parity0) {
  const int ib = in.i0, jb = in.j0, kb = in.k0;
  par_for_rows(
      "smooth_rbgs", in, KOKKOS_LAMBDA(const int k, const int j, const int i0, const int i1) {
        const auto row = c.template row<Dim>(k, j);
        const Rows u = rows_of<Dim>(x, k, j);
        const double* BOREAS_RESTRICT pb = &b(0, k, j, 0);
        double* px = &x(0, k, j, 0);
        const int p = (parity0 + (k - kb) + (j - jb) + (i0 - ib)) & 1;
        BOREAS_SIMD
        for (int i = i0 + ((colour ^ p) & 1); i < i1; i += 2) {
          px[i] = (pb[i] + neighbour_sum<Dim>(row, u, i)) / row.diag(i);
        }
      });
}

// The first half sweep from x = 0: the colour's cells get D^-1 b, the other
// colour 0 (one pass writing all of x instead of zero-fill + update).
template <int Dim, class C>
void rbgs_first(const Box& in, const C& c, const FieldView& x, const FieldView& b, int colour,
                int parity0) {
  const int ib = in.i0, jb = in.j0, kb = in.k0;
  par_for_rows(
      "smooth_rbgs_first", in, KOKKOS_LAMBDA(const int k, const int j, const int i0, const int i1) {
        const auto row = c.template row<Dim>(k, j);
        const double* BOREAS_RESTRICT pb = &b(0, k, j, 0);
        double* BOREAS_RESTRICT px = &x(0, k, j, 0);
        const int p = (parity0 + (k - kb) + (j - jb) + colour) & 1;
        BOREAS_SIMD
        for (int i = i0; i < i1; ++i) {
          const bool mine = ((i - ib + p) & 1) == 0;
          px[i] = mine ? pb[i] / row.diag(i) : 0.0;
        }
      });
}

}  // namespace

SmootherType parse_smoother(const std::string& name) {
  for (int i = 0; i < 3; ++i) {
    if (name == kSmootherNames[i]) return static_cast<SmootherType>(i);
  }
  throw InputError("unknown multigrid smoother '" + name + "' (allowed: jacobi, rbgs, chebyshev)");
}

std::vector<std::string> smoother_names() {
  return {kSmootherNames, kSmootherNames + 3};
}

Smoother::Smoother(StencilOperator& op, SmootherType type, const FieldView& work1,
                   const FieldView& work2)
    : op_(op), type_(type), work1_(work1), work2_(work2) {
  const Mesh& m = op.mesh();
  parity0_ = (m.offset(0) + m.offset(1) + m.offset(2)) & 1;
}

void Smoother::smooth(const FieldView& x, const FieldView& b, int sweeps, bool zero_guess,
                      bool reverse) {
  if (sweeps <= 0) {
    if (zero_guess) fill(op_.mesh().interior(), x, 0.0);
    return;
  }
  switch (type_) {
    case SmootherType::jacobi:
      return jacobi(x, b, sweeps, zero_guess);
    case SmootherType::rbgs:
      return rbgs(x, b, sweeps, zero_guess, reverse);
    case SmootherType::chebyshev:
      return chebyshev(x, b, sweeps, zero_guess);
  }
}

void Smoother::jacobi(const FieldView& x, const FieldView& b, int sweeps, bool zero_guess) {
  const Box in = op_.mesh().interior();
  const int dim = op_.mesh().dim();
  const double omega = 2.0 * dim / (2.0 * dim + 1.0);
  // Ping-pong between x and work1, arranged so that the last step writes x.
  FieldView src = x, dst = work1_;
  int s = 0;
  if (zero_guess) {
    src = (sweeps - 1) % 2 == 0 ? x : work1_;
    visit_stencil(op_, [&](auto d, const auto& c) {
      relax_first<decltype(d)::value, false>(in, c, b, work2_, src, omega);
    });
    dst = src.data() == x.data() ? work1_ : x;
    s = 1;
  }
  for (; s < sweeps; ++s) {
    op_.exchange(src);
    visit_stencil(op_, [&](auto d, const auto& c) {
      relax_step<decltype(d)::value, false>(in, c, src, b, work2_, dst, 0.0, omega);
    });
    std::swap(src, dst);
  }
  if (src.data() != x.data()) copy(in, x, src);
}

void Smoother::rbgs(const FieldView& x, const FieldView& b, int sweeps, bool zero_guess,
                    bool reverse) {
  const Box in = op_.mesh().interior();
  const int first = reverse ? 1 : 0;
  for (int s = 0; s < sweeps; ++s) {
    for (int half = 0; half < 2; ++half) {
      const int colour = half == 0 ? first : 1 - first;
      if (s == 0 && half == 0 && zero_guess) {
        visit_stencil(op_, [&](auto d, const auto& c) {
          rbgs_first<decltype(d)::value>(in, c, x, b, colour, parity0_);
        });
        continue;
      }
      op_.exchange(x);
      visit_stencil(op_, [&](auto d, const auto& c) {
        rbgs_colour<decltype(d)::value>(in, c, x, b, colour, parity0_);
      });
    }
  }
}

void Smoother::chebyshev(const FieldView& x, const FieldView& b, int sweeps, bool zero_guess) {
  const Box in = op_.mesh().interior();
  const int dim = op_.mesh().dim();
  const double lmax = 2.0;
  const double lmin = lmax / (2.0 * dim);
  const double theta = 0.5 * (lmax + lmin), delta = 0.5 * (lmax - lmin);
  const double sigma = theta / delta;
  double rho = 1.0 / sigma;
  FieldView src = x, dst = work1_;
  const FieldView d = work2_;
  // Step 1: d = D^-1 r / theta, x += d.
  if (zero_guess) {
    src = (sweeps - 1) % 2 == 0 ? x : work1_;
    visit_stencil(op_, [&](auto dd, const auto& c) {
      relax_first<decltype(dd)::value, true>(in, c, b, d, src, 1.0 / theta);
    });
  } else {
    op_.exchange(src);
    visit_stencil(op_, [&](auto dd, const auto& c) {
      relax_step<decltype(dd)::value, true>(in, c, src, b, d, dst, 0.0, 1.0 / theta);
    });
    std::swap(src, dst);
  }
  dst = src.data() == x.data() ? work1_ : x;
  for (int s = 1; s < sweeps; ++s) {
    const double rho_new = 1.0 / (2.0 * sigma - rho);
    const double c1 = rho_new * rho, c2 = 2.0 * rho_new / delta;
    op_.exchange(src);
    visit_stencil(op_, [&](auto dd, const auto& c) {
      relax_step<decltype(dd)::value, true>(in, c, src, b, d, dst, c1, c2);
    });
    std::swap(src, dst);
    rho = rho_new;
  }
  if (src.data() != x.data()) copy(in, x, src);
}

}  // namespace boreas::linear
