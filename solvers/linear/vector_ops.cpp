#include "solvers/linear/vector_ops.hpp"

#include <cmath>

#include "solvers/linear/stencil.hpp"

namespace boreas::linear {

double local_dot(const Box& in, const FieldView& a, const FieldView& b) {
  double s = 0.0;
  par_reduce_rows(
      "linear_dot", in,
      KOKKOS_LAMBDA(const int k, const int j, const int i0, const int i1, double& acc) {
        const double* BOREAS_RESTRICT pa = &a(0, k, j, 0);
        const double* BOREAS_RESTRICT pb = &b(0, k, j, 0);
        double t = 0.0;
        BOREAS_SIMD_SUM(t)
        for (int i = i0; i < i1; ++i) t += pa[i] * pb[i];
        acc += t;
      },
      Kokkos::Sum<double>(s));
  return s;
}

Sum2 local_dot2(const Box& in, const FieldView& a, const FieldView& b, const FieldView& c) {
  Sum2 s;
  par_reduce_rows(
      "linear_dot2", in,
      KOKKOS_LAMBDA(const int k, const int j, const int i0, const int i1, Sum2& acc) {
        const double* BOREAS_RESTRICT pa = &a(0, k, j, 0);
        const double* BOREAS_RESTRICT pb = &b(0, k, j, 0);
        const double* BOREAS_RESTRICT pc = &c(0, k, j, 0);
        double tb = 0.0, tc = 0.0;
        BOREAS_SIMD_SUM(tb, tc)
        for (int i = i0; i < i1; ++i) {
          tb += pa[i] * pb[i];
          tc += pa[i] * pc[i];
        }
        acc.a += tb;
        acc.b += tc;
      },
      Kokkos::Sum<Sum2>(s));
  return s;
}

double local_sum(const Box& in, const FieldView& a) {
  double s = 0.0;
  par_reduce_rows(
      "linear_sum", in,
      KOKKOS_LAMBDA(const int k, const int j, const int i0, const int i1, double& acc) {
        const double* BOREAS_RESTRICT pa = &a(0, k, j, 0);
        double t = 0.0;
        BOREAS_SIMD_SUM(t)
        for (int i = i0; i < i1; ++i) t += pa[i];
        acc += t;
      },
      Kokkos::Sum<double>(s));
  return s;
}

double local_centered_square(const Box& in, const FieldView& a, double c) {
  double s = 0.0;
  par_reduce_rows(
      "linear_centered_square", in,
      KOKKOS_LAMBDA(const int k, const int j, const int i0, const int i1, double& acc) {
        const double* BOREAS_RESTRICT pa = &a(0, k, j, 0);
        double t = 0.0;
        BOREAS_SIMD_SUM(t)
        for (int i = i0; i < i1; ++i) t += (pa[i] - c) * (pa[i] - c);
        acc += t;
      },
      Kokkos::Sum<double>(s));
  return s;
}

void copy(const Box& in, const FieldView& dst, const FieldView& src) {
  par_for_rows(
      "linear_copy", in, KOKKOS_LAMBDA(const int k, const int j, const int i0, const int i1) {
        double* BOREAS_RESTRICT d = &dst(0, k, j, 0);
        const double* BOREAS_RESTRICT s = &src(0, k, j, 0);
        BOREAS_SIMD
        for (int i = i0; i < i1; ++i) d[i] = s[i];
      });
}

void fill(const Box& in, const FieldView& dst, double value) {
  par_for_rows(
      "linear_fill", in, KOKKOS_LAMBDA(const int k, const int j, const int i0, const int i1) {
        double* BOREAS_RESTRICT d = &dst(0, k, j, 0);
        BOREAS_SIMD
        for (int i = i0; i < i1; ++i) d[i] = value;
      });
}

void add_constant(const Box& in, const FieldView& a, double c) {
  par_for_rows(
      "linear_add_constant", in,
      KOKKOS_LAMBDA(const int k, const int j, const int i0, const int i1) {
        double* BOREAS_RESTRICT d = &a(0, k, j, 0);
        BOREAS_SIMD
        for (int i = i0; i < i1; ++i) d[i] += c;
      });
}

void axpy(const Box& in, const FieldView& y, double alpha, const FieldView& x) {
  par_for_rows(
      "linear_axpy", in, KOKKOS_LAMBDA(const int k, const int j, const int i0, const int i1) {
        double* BOREAS_RESTRICT py = &y(0, k, j, 0);
        const double* BOREAS_RESTRICT px = &x(0, k, j, 0);
        BOREAS_SIMD
        for (int i = i0; i < i1; ++i) py[i] += alpha * px[i];
      });
}

void xpay(const Box& in, const FieldView& y, const FieldView& x, double beta) {
  par_for_rows(
      "linear_xpay", in, KOKKOS_LAMBDA(const int k, const int j, const int i0, const int i1) {
        double* BOREAS_RESTRICT py = &y(0, k, j, 0);
        const double* BOREAS_RESTRICT px = &x(0, k, j, 0);
        BOREAS_SIMD
        for (int i = i0; i < i1; ++i) py[i] = px[i] + beta * py[i];
      });
}

void multiply(const Box& in, const FieldView& z, const FieldView& r, const FieldView& dinv) {
  par_for_rows(
      "linear_multiply", in, KOKKOS_LAMBDA(const int k, const int j, const int i0, const int i1) {
        double* BOREAS_RESTRICT pz = &z(0, k, j, 0);
        const double* BOREAS_RESTRICT pr = &r(0, k, j, 0);
        const double* BOREAS_RESTRICT pd = &dinv(0, k, j, 0);
        BOREAS_SIMD
        for (int i = i0; i < i1; ++i) pz[i] = pr[i] * pd[i];
      });
}

double local_axpy_norm(const Box& in, const FieldView& y, double alpha, const FieldView& x) {
  double s = 0.0;
  par_reduce_rows(
      "linear_axpy_norm", in,
      KOKKOS_LAMBDA(const int k, const int j, const int i0, const int i1, double& acc) {
        double* BOREAS_RESTRICT py = &y(0, k, j, 0);
        const double* BOREAS_RESTRICT px = &x(0, k, j, 0);
        double t = 0.0;
        BOREAS_SIMD_SUM(t)
        for (int i = i0; i < i1; ++i) {
          const double v = py[i] + alpha * px[i];
          py[i] = v;
          t += v * v;
        }
        acc += t;
      },
      Kokkos::Sum<double>(s));
  return s;
}

double local_cg_update(const Box& in, const FieldView& x, const FieldView& p,
                       const FieldView& r_old, const FieldView& r_new, const FieldView& q,
                       double alpha) {
  double s = 0.0;
  par_reduce_rows(
      "linear_cg_update", in,
      KOKKOS_LAMBDA(const int k, const int j, const int i0, const int i1, double& acc) {
        double* BOREAS_RESTRICT px = &x(0, k, j, 0);
        const double* BOREAS_RESTRICT pp = &p(0, k, j, 0);
        const double* pro = &r_old(0, k, j, 0);  // may alias r_new: no restrict
        double* prn = &r_new(0, k, j, 0);
        const double* BOREAS_RESTRICT pq = &q(0, k, j, 0);
        double t = 0.0;
        BOREAS_SIMD_SUM(t)
        for (int i = i0; i < i1; ++i) {
          px[i] += alpha * pp[i];
          const double r = pro[i] - alpha * pq[i];
          prn[i] = r;
          t += r * r;
        }
        acc += t;
      },
      Kokkos::Sum<double>(s));
  return s;
}

double dot(const Mesh& mesh, const FieldView& a, const FieldView& b) {
  return mesh.context().sum(local_dot(mesh.interior(), a, b));
}

double norm2(const Mesh& mesh, const FieldView& a) {
  return std::sqrt(dot(mesh, a, a));
}

void project_mean_zero(const Mesh& mesh, const FieldView& a) {
  const Box in = mesh.interior();
  const double total = mesh.context().sum(local_sum(in, a));
  add_constant(in, a, -total / static_cast<double>(mesh.global_cell_count()));
}

}  // namespace boreas::linear
