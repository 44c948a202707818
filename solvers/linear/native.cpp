#include "solvers/linear/native.hpp"

#include <cmath>

#include "core/error.hpp"
#include "core/timers.hpp"
#include "solvers/linear/krylov.hpp"
#include "solvers/linear/multigrid.hpp"
#include "solvers/linear/vector_ops.hpp"

namespace boreas::linear {
namespace {

// The Krylov stopping rule and naming of the settings.
KrylovOptions krylov_options(const SolverSettings& s, bool singular) {
  KrylovOptions o;
  o.name = s.type;
  o.rtol = s.rtol;
  o.atol = s.atol;
  o.max_iterations = s.max_iterations;
  o.singular = singular;
  return o;
}

bool uses_multigrid(const std::string& type) {
  return type == "cg-mg" || type == "mg";
}

class NativeSolver : public Solver {
 public:
  NativeSolver(const EllipticProblem& p, const SolverSettings& s) : s_(s) {
    const double t0 = wall_seconds();
    op_ = std::make_unique<StencilOperator>(p);
    if (uses_multigrid(s.type)) {
      MultigridOptions mo;
      mo.smoother = parse_smoother(s.smoother);
      mo.f_cycle = s.cycle == "F";
      mo.pre_smooth = s.pre_smooth;
      mo.post_smooth = s.post_smooth;
      mg_ = std::make_unique<Multigrid>(*op_, mo);
    }
    const Mesh& m = op_->mesh();
    if (s.type == "cg-mg") {
      cg_ = std::make_unique<ConjugateGradient>(*op_, mg_.get(), /*flexible=*/true);
    } else if (s.type == "cg") {
      jacobi_ = std::make_unique<JacobiPreconditioner>(*op_);
      cg_ = std::make_unique<ConjugateGradient>(*op_, jacobi_.get(), false);
    } else if (s.type == "bicgstab") {
      jacobi_ = std::make_unique<JacobiPreconditioner>(*op_);
      bicgstab_ = std::make_unique<BiCGStab>(*op_, jacobi_.get());
    } else {
      r_ = m.make_field("mg_residual", 1);
      if (op_->singular()) b_projected_ = m.make_field("mg_b_projected", 1);
    }
    fence();
    setup_seconds_ = wall_seconds() - t0;
  }

  SolveStats solve(const FieldView& b, const FieldView& x) override {
    fence();
    const double t0 = wall_seconds();
    // The stencil multiplies physical ghosts by 0: they only need to be finite.
    op_->fill_ghosts(x);
    const KrylovOptions o = krylov_options(s_, op_->singular());
    SolveStats st;
    if (cg_) {
      st = cg_->solve(b, x, o);
    } else if (bicgstab_) {
      st = bicgstab_->solve(b, x, o);
    } else {
      st = solve_multigrid(b, x, o);
    }
    fence();
    st.setup_seconds = setup_seconds_;
    st.solve_seconds = wall_seconds() - t0;
    return st;
  }

  std::string name() const override { return s_.type; }

 private:
  SolveStats solve_multigrid(const FieldView& b, const FieldView& x, const KrylovOptions& o) {
    const Mesh& m = op_->mesh();
    const Box in = m.interior();
    FieldView rhs = b;
    if (o.singular) {  // cycles on an inconsistent b would never converge
      copy(in, b_projected_, b);
      project_mean_zero(m, b_projected_);
      rhs = b_projected_;
    }
    SolveStats st;
    const double bnorm = norm2(m, rhs);
    const double target = std::max(o.rtol * bnorm, o.atol);
    if (bnorm == 0.0 && o.atol == 0.0) {
      fill(in, x, 0.0);
      st.converged = true;
      return st;
    }
    auto residual = [&] {
      op_->exchange(x);
      return std::sqrt(m.context().sum(op_->residual(rhs, x, r_)));
    };
    st.initial_residual = st.final_residual = residual();
    while (st.final_residual > target && st.iterations < o.max_iterations) {
      mg_->cycle(rhs, x);
      ++st.iterations;
      st.final_residual = residual();
      if (!std::isfinite(st.final_residual)) break;
    }
    if (o.singular) project_mean_zero(m, x);
    st.converged = st.final_residual <= target;
    if (!st.converged) throw_not_converged(o.name, st, target);
    return st;
  }

  SolverSettings s_;
  double setup_seconds_ = 0.0;
  std::unique_ptr<StencilOperator> op_;
  std::unique_ptr<Multigrid> mg_;
  std::unique_ptr<JacobiPreconditioner> jacobi_;
  std::unique_ptr<ConjugateGradient> cg_;
  std::unique_ptr<BiCGStab> bicgstab_;
  FieldView r_, b_projected_;
};

// CG / BiCGStab on an operator the caller owns.
class KrylovSolver : public Solver {
 public:
  KrylovSolver(Operator& op, const SolverSettings& s, bool singular) : s_(s), singular_(singular) {
    const double t0 = wall_seconds();
    jacobi_ = std::make_unique<JacobiPreconditioner>(op);
    if (s.type == "cg") {
      cg_ = std::make_unique<ConjugateGradient>(op, jacobi_.get(), false);
    } else {
      bicgstab_ = std::make_unique<BiCGStab>(op, jacobi_.get());
    }
    fence();
    setup_seconds_ = wall_seconds() - t0;
  }

  SolveStats solve(const FieldView& b, const FieldView& x) override {
    fence();
    const double t0 = wall_seconds();
    const KrylovOptions o = krylov_options(s_, singular_);
    SolveStats st = cg_ ? cg_->solve(b, x, o) : bicgstab_->solve(b, x, o);
    fence();
    st.setup_seconds = setup_seconds_;
    st.solve_seconds = wall_seconds() - t0;
    return st;
  }

  std::string name() const override { return s_.type; }

 private:
  SolverSettings s_;
  bool singular_;
  double setup_seconds_ = 0.0;
  std::unique_ptr<JacobiPreconditioner> jacobi_;
  std::unique_ptr<ConjugateGradient> cg_;
  std::unique_ptr<BiCGStab> bicgstab_;
};

}  // namespace

std::vector<std::string> native_solver_types() {
  return {"cg-mg", "cg", "bicgstab", "mg"};
}

void check_native_settings(const SolverSettings& s) {
  bool known = false;
  for (const auto& t : native_solver_types()) known = known || t == s.type;
  if (!known) {
    throw InputError("unknown native solver type '" + s.type +
                     "' (allowed: cg-mg, cg, bicgstab, mg)");
  }
  parse_smoother(s.smoother);
  if (s.cycle != "V" && s.cycle != "F") {
    throw InputError("unknown multigrid cycle '" + s.cycle + "' (allowed: V, F)");
  }
  if (!(s.rtol >= 0.0) || !(s.atol >= 0.0)) {
    throw InputError("solver tolerances must be >= 0 (rtol " + std::to_string(s.rtol) + ", atol " +
                     std::to_string(s.atol) + ")");
  }
  if (s.max_iterations < 1) {
    throw InputError("solver max_iterations must be >= 1 (got " + std::to_string(s.max_iterations) +
                     ")");
  }
  if (s.pre_smooth < 0 || s.post_smooth < 0 ||
      (uses_multigrid(s.type) && s.pre_smooth + s.post_smooth < 1)) {
    throw InputError("multigrid needs pre_smooth, post_smooth >= 0 and at least one sweep (got " +
                     std::to_string(s.pre_smooth) + ", " + std::to_string(s.post_smooth) + ")");
  }
}

std::unique_ptr<Solver> make_native_solver(const EllipticProblem& p, const SolverSettings& s) {
  check_native_settings(s);
  return std::make_unique<NativeSolver>(p, s);
}

std::unique_ptr<Solver> make_krylov_solver(Operator& op, const SolverSettings& s, bool singular) {
  check_native_settings(s);
  if (s.type != "cg" && s.type != "bicgstab") {
    throw InputError("solver type '" + s.type +
                     "' needs the matrix-free mesh hierarchy; on a given operator use cg or "
                     "bicgstab");
  }
  return std::make_unique<KrylovSolver>(op, s, singular);
}

}  // namespace boreas::linear
