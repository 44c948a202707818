#include "solvers/linear/krylov.hpp"

#include <cmath>
#include <sstream>
#include <vector>

#include "core/error.hpp"
#include "solvers/linear/vector_ops.hpp"

namespace boreas::linear {
namespace {

double global2(const Mesh& m, double& a, double b) {
  std::vector<double> v{a, b};
  m.context().sum(v);
  a = v[0];
  return v[1];
}

// p = r + beta (p - omega v)
void bicgstab_direction(const Box& in, const FieldView& p, const FieldView& r, const FieldView& v,
                        double beta, double omega) {
  par_for_rows(
      "bicgstab_direction", in,
      KOKKOS_LAMBDA(const int k, const int j, const int i0, const int i1) {
        double* BOREAS_RESTRICT pp = &p(0, k, j, 0);
        const double* BOREAS_RESTRICT pr = &r(0, k, j, 0);
        const double* BOREAS_RESTRICT pv = &v(0, k, j, 0);
        BOREAS_SIMD
        for (int i = i0; i < i1; ++i) pp[i] = pr[i] + beta * (pp[i] - omega * pv[i]);
      });
}

// x += alpha ph + omega sh; r = r - omega t (r holds s); returns local ||r||^2.
double bicgstab_update(const Box& in, const FieldView& x, const FieldView& ph, const FieldView& sh,
                       const FieldView& r, const FieldView& t, double alpha, double omega) {
  double s = 0.0;
  par_reduce_rows(
      "bicgstab_update", in,
      KOKKOS_LAMBDA(const int k, const int j, const int i0, const int i1, double& acc) {
        double* BOREAS_RESTRICT px = &x(0, k, j, 0);
        const double* BOREAS_RESTRICT pph = &ph(0, k, j, 0);
        const double* BOREAS_RESTRICT psh = &sh(0, k, j, 0);
        double* BOREAS_RESTRICT pr = &r(0, k, j, 0);
        const double* BOREAS_RESTRICT pt = &t(0, k, j, 0);
        double a = 0.0;
        BOREAS_SIMD_SUM(a)
        for (int i = i0; i < i1; ++i) {
          px[i] += alpha * pph[i] + omega * psh[i];
          const double v = pr[i] - omega * pt[i];
          pr[i] = v;
          a += v * v;
        }
        acc += a;
      },
      Kokkos::Sum<double>(s));
  return s;
}

// d = 1 / d over the box.
void invert(const Box& in, const FieldView& d) {
  par_for(
      "jacobi_invert", in, KOKKOS_LAMBDA(const int k, const int j, const int i) {
        d(0, k, j, i) = 1.0 / d(0, k, j, i);
      });
}

// r = b - A x (projected when singular); returns ||r||.
double true_residual(KrylovOperator& op, const FieldView& b, const FieldView& x, const FieldView& r,
                     bool singular) {
  const Mesh& m = op.mesh();
  double rr = op.residual(b, x, r);
  if (singular) {
    project_mean_zero(m, r);
    rr = dot(m, r, r);
  }
  return std::sqrt(rr);
}

// Shared start of both methods: r = b - A x0 (projected when singular).
// Returns false when x = 0 solves b = 0 exactly.
struct Start {
  double target = 0.0;
  double r0 = 0.0;
  bool done = false;
};

Start start_solve(KrylovOperator& op, const FieldView& b, const FieldView& x, const FieldView& r,
                  const KrylovOptions& o) {
  const Mesh& m = op.mesh();
  Start s;
  const double bnorm = rhs_norm(m, b, o.singular);
  s.target = std::max(o.rtol * bnorm, o.atol);
  if (bnorm == 0.0 && o.atol == 0.0) {
    fill(m.interior(), x, 0.0);  // the exact solution; nothing can reach a target of 0
    s.done = true;
    return s;
  }
  s.r0 = true_residual(op, b, x, r, o.singular);
  s.done = s.r0 <= s.target;
  return s;
}

}  // namespace

double rhs_norm(const Mesh& mesh, const FieldView& b, bool singular) {
  const Box in = mesh.interior();
  if (!singular) return norm2(mesh, b);
  // Two passes (mean, then the centred sum of squares): sum b^2 - N mean^2
  // would cancel catastrophically for a b with a large mean.
  const double mean = mesh.context().sum(local_sum(in, b)) / mesh.global_cell_count();
  return std::sqrt(mesh.context().sum(local_centered_square(in, b, mean)));
}

void throw_not_converged(const std::string& name, const SolveStats& s, double target) {
  std::ostringstream m;
  m << "linear solver " << name << " did not converge: " << s.iterations
    << " iterations, initial residual " << s.initial_residual << ", final residual "
    << s.final_residual << " (target " << target << ")";
  if (s.restarts > 0) m << " after " << s.restarts << " restarts on breakdown";
  throw CollectiveFailure(m.str());
}

JacobiPreconditioner::JacobiPreconditioner(Operator& op)
    : mesh_(op.mesh()), dinv_(op.mesh().make_field("jacobi_dinv", 1)) {
  if (auto* s = dynamic_cast<StencilOperator*>(&op)) {
    s->inverse_diagonal(dinv_);
    return;
  }
  op.diagonal(dinv_);
  invert(mesh_.interior(), dinv_);
}

void JacobiPreconditioner::apply(const FieldView& r, const FieldView& z) {
  multiply(mesh_.interior(), z, r, dinv_);
}

KrylovOperator::KrylovOperator(Operator& op)
    : op_(op), stencil_(dynamic_cast<StencilOperator*>(&op)) {}

double KrylovOperator::apply_dot(const FieldView& p, const FieldView& q) {
  if (stencil_ != nullptr) {
    stencil_->exchange(p);
    return mesh().context().sum(stencil_->apply_dot(p, q));
  }
  op_.apply(p, q);
  return dot(mesh(), p, q);
}

double KrylovOperator::residual(const FieldView& b, const FieldView& x, const FieldView& r) {
  if (stencil_ != nullptr) {
    stencil_->exchange(x);
    return mesh().context().sum(stencil_->residual(b, x, r));
  }
  op_.apply(x, r);
  const Box in = mesh().interior();
  xpay(in, r, b, -1.0);  // r = b - A x
  return dot(mesh(), r, r);
}

ConjugateGradient::ConjugateGradient(Operator& op, Preconditioner* pc, bool flexible)
    : op_(op), pc_(pc), flexible_(flexible) {
  const Mesh& m = op.mesh();
  r_[0] = m.make_field("cg_r0", 1);
  r_[1] = flexible ? m.make_field("cg_r1", 1) : r_[0];
  z_ = pc ? m.make_field("cg_z", 1) : r_[0];
  p_ = m.make_field("cg_p", 1);
  q_ = m.make_field("cg_q", 1);
}

SolveStats ConjugateGradient::solve(const FieldView& b, const FieldView& x,
                                    const KrylovOptions& o) {
  const Mesh& m = op_.mesh();
  const Box in = m.interior();
  SolveStats st;
  int cur = 0;
  const Start s0 = start_solve(op_, b, x, r_[cur], o);
  st.initial_residual = st.final_residual = s0.r0;
  if (s0.done) {
    st.converged = true;
    return st;
  }
  // With no preconditioner z is r itself (and r_[1] == r_[0]).
  auto precondition = [&](const FieldView& r) {
    if (pc_ == nullptr) return r;
    pc_->apply(r, z_);
    if (o.singular) project_mean_zero(m, z_);
    return z_;
  };
  FieldView z;
  double rz = 0.0;
  auto restart = [&] {  // steepest descent from the residual in r_[cur]
    z = precondition(r_[cur]);
    rz = dot(m, r_[cur], z);
    copy(in, p_, z);
  };
  restart();
  while (st.iterations < o.max_iterations) {
    const double pq = op_.apply_dot(p_, q_);
    const double alpha = rz / pq;
    const int nxt = flexible_ ? 1 - cur : cur;
    const double rr = m.context().sum(local_cg_update(in, x, p_, r_[cur], r_[nxt], q_, alpha));
    ++st.iterations;
    st.final_residual = std::sqrt(rr);
    if (!(st.final_residual > s0.target)) {
      if (!std::isfinite(st.final_residual)) break;
      // The recursive residual drifts from b - A x in floating point: accept
      // only the true one, and restart from it if it is not small enough.
      st.final_residual = true_residual(op_, b, x, r_[nxt], o.singular);
      cur = nxt;
      if (st.final_residual <= s0.target) {
        st.converged = true;
        break;
      }
      restart();
      continue;
    }
    z = precondition(r_[nxt]);
    double beta = 0.0;
    if (flexible_) {
      const Sum2 d2 = local_dot2(in, z, r_[nxt], r_[cur]);
      double zr_new = d2.a;
      const double zr_old = global2(m, zr_new, d2.b);
      beta = (zr_new - zr_old) / rz;
      rz = zr_new;
    } else {
      const double zr_new = dot(m, z, r_[nxt]);
      beta = zr_new / rz;
      rz = zr_new;
    }
    xpay(in, p_, z, beta);
    cur = nxt;
  }
  if (o.singular) project_mean_zero(m, x);
  if (!st.converged && o.throw_on_failure) throw_not_converged(o.name, st, s0.target);
  return st;
}

BiCGStab::BiCGStab(Operator& op, Preconditioner* pc) : op_(op), pc_(pc) {
  const Mesh& m = op.mesh();
  r_ = m.make_field("bicgstab_r", 1);
  rhat_ = m.make_field("bicgstab_rhat", 1);
  p_ = m.make_field("bicgstab_p", 1);
  v_ = m.make_field("bicgstab_v", 1);
  phat_ = m.make_field("bicgstab_phat", 1);
  t_ = m.make_field("bicgstab_t", 1);
  shat_ = m.make_field("bicgstab_shat", 1);
}

SolveStats BiCGStab::solve(const FieldView& b, const FieldView& x, const KrylovOptions& o) {
  const Mesh& m = op_.mesh();
  const Box in = m.interior();
  SolveStats st;
  const Start s0 = start_solve(op_, b, x, r_, o);
  st.initial_residual = st.final_residual = s0.r0;
  if (s0.done) {
    st.converged = true;
    return st;
  }
  auto precondition = [&](const FieldView& in_field, const FieldView& out) {
    if (pc_ == nullptr) return copy(in, out, in_field);
    pc_->apply(in_field, out);
    if (o.singular) project_mean_zero(m, out);
  };
  double rho_old = 1.0, alpha = 1.0, omega = 1.0;
  double rhat_norm = st.final_residual;  // ||rhat||, fixed between (re)starts
  double r_norm = st.final_residual;     // ||r|| of the current residual
  bool fresh = true;                     // a (re)start: shadow residual and direction from r
  int since_start = 0;                   // iterations since the last (re)start
  // Replaces the recursive residual by the true one, b - A x (left in r),
  // and restarts from it: after a small recursive residual (to confirm it)
  // and after a breakdown. Returns false when iterating on cannot help:
  // converged, non-finite, or a breakdown right after a fresh start.
  auto restart = [&](bool breakdown) {
    const bool progress = since_start > 0;
    st.final_residual = true_residual(op_, b, x, r_, o.singular);
    st.converged = st.final_residual <= s0.target;
    rhat_norm = r_norm = st.final_residual;
    fresh = true;
    since_start = 0;
    if (st.converged || !std::isfinite(st.final_residual)) return false;
    if (breakdown) {
      ++st.restarts;
      if (!progress) return false;  // it would break down the same way again
    }
    return true;
  };
  // A breakdown: an inner product that should be O(|a| |b|) has lost all
  // its digits (the vectors became orthogonal), so dividing by it would
  // blow the iteration up. The cosine below which it counts as lost:
  constexpr double kBreakdownCosine = 1e-12;
  auto lost = [](double ab, double a_norm, double b_norm) {
    return !std::isfinite(ab) || std::fabs(ab) <= kBreakdownCosine * a_norm * b_norm;
  };
  while (st.iterations < o.max_iterations) {
    if (fresh) copy(in, rhat_, r_);
    const double rho = dot(m, rhat_, r_);
    if (lost(rho, rhat_norm, r_norm)) {
      if (!restart(true)) break;
      continue;
    }
    if (fresh) {
      copy(in, p_, r_);
    } else {
      bicgstab_direction(in, p_, r_, v_, (rho / rho_old) * (alpha / omega), omega);
    }
    fresh = false;
    precondition(p_, phat_);
    op_.apply_dot(phat_, v_);
    const Sum2 rv2 = local_dot2(in, v_, rhat_, v_);  // (v . rhat, v . v)
    double rv = rv2.a;
    const double vv = global2(m, rv, rv2.b);
    ++st.iterations;
    ++since_start;
    if (lost(rv, rhat_norm, std::sqrt(vv))) {
      if (!restart(true)) break;
      continue;
    }
    alpha = rho / rv;
    // s = r - alpha v, kept in r.
    const double snorm = std::sqrt(m.context().sum(local_axpy_norm(in, r_, -alpha, v_)));
    if (!std::isfinite(snorm)) {
      if (!restart(true)) break;
      continue;
    }
    if (snorm <= s0.target) {
      axpy(in, x, alpha, phat_);
      if (!restart(false)) break;
      continue;
    }
    precondition(r_, shat_);
    op_.apply_dot(shat_, t_);
    const Sum2 d2 = local_dot2(in, t_, r_, t_);
    double ts = d2.a;
    const double tt = global2(m, ts, d2.b);
    if (lost(ts, std::sqrt(tt), snorm)) {
      // omega would be 0: stagnation. Keep the half step x += alpha phat
      // (r holds its residual s) and restart from there.
      axpy(in, x, alpha, phat_);
      r_norm = snorm;
      if (!restart(true)) break;
      continue;
    }
    omega = ts / tt;
    const double rr = m.context().sum(bicgstab_update(in, x, phat_, shat_, r_, t_, alpha, omega));
    st.final_residual = r_norm = std::sqrt(rr);
    if (!std::isfinite(st.final_residual)) {
      if (!restart(true)) break;
      continue;
    }
    if (st.final_residual <= s0.target) {
      if (!restart(false)) break;
      continue;
    }
    rho_old = rho;
  }
  if (o.singular) project_mean_zero(m, x);
  if (!st.converged && o.throw_on_failure) throw_not_converged(o.name, st, s0.target);
  return st;
}

}  // namespace boreas::linear
