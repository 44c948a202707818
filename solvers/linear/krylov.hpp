#pragma once
// Krylov methods on an Operator: preconditioned CG (optionally flexible) and
// right-preconditioned BiCGStab. Global reductions go through the mesh's
// Context; the stopping test is ||r|| <= max(rtol ||b||, atol) (2-norms over
// all cells, b projected to mean zero for singular problems).
//
// A StencilOperator gets the fused kernels (A p together with p . A p);
// any other Operator (an assembled matrix) works through apply().
#include <memory>
#include <string>

#include "solvers/linear/elliptic.hpp"
#include "solvers/linear/stencil_operator.hpp"

namespace boreas::linear {

// z = M r, M approximating A^-1. z's ghosts may be overwritten.
class Preconditioner {
 public:
  virtual ~Preconditioner() = default;
  virtual void apply(const FieldView& r, const FieldView& z) = 0;
};

class JacobiPreconditioner : public Preconditioner {
 public:
  explicit JacobiPreconditioner(Operator& op);
  void apply(const FieldView& r, const FieldView& z) override;

 private:
  const Mesh& mesh_;
  FieldView dinv_;
};

struct KrylovOptions {
  std::string name = "cg";  // for messages
  double rtol = 1e-8;
  double atol = 0.0;
  int max_iterations = 200;
  bool singular = false;         // project b, r, z and x to mean zero
  bool throw_on_failure = true;  // false: return with converged = false
};

// Operator access shared by the methods: fused when the operator is the
// matrix-free stencil.
class KrylovOperator {
 public:
  explicit KrylovOperator(Operator& op);
  const Mesh& mesh() const { return op_.mesh(); }
  // q = A p, returns the global p . q.
  double apply_dot(const FieldView& p, const FieldView& q);
  // r = b - A x, returns the global ||r||^2.
  double residual(const FieldView& b, const FieldView& x, const FieldView& r);

 private:
  Operator& op_;
  StencilOperator* stencil_;  // null for other operators
};

class ConjugateGradient {
 public:
  // flexible: Polak-Ribiere beta, robust to a preconditioner that is not
  // exactly symmetric or linear (multigrid with an iterative coarse solve).
  ConjugateGradient(Operator& op, Preconditioner* pc, bool flexible);
  SolveStats solve(const FieldView& b, const FieldView& x, const KrylovOptions& o);

 private:
  KrylovOperator op_;
  Preconditioner* pc_;
  bool flexible_;
  FieldView r_[2], z_, p_, q_;
};

class BiCGStab {
 public:
  BiCGStab(Operator& op, Preconditioner* pc);
  SolveStats solve(const FieldView& b, const FieldView& x, const KrylovOptions& o);

 private:
  KrylovOperator op_;
  Preconditioner* pc_;
  FieldView r_, rhat_, p_, v_, phat_, shat_, t_;
};

// ||b|| (of b minus its mean when `singular`), global.
double rhs_norm(const Mesh& mesh, const FieldView& b, bool singular);
// The CollectiveFailure (every rank) for a solve that did not converge.
[[noreturn]] void throw_not_converged(const std::string& name, const SolveStats& s, double target);

}  // namespace boreas::linear
