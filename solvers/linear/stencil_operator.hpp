#pragma once
// The matrix-free operator of an EllipticProblem on one mesh (the fine level
// or a multigrid level):
//
//     A u = shift u - scale div(k grad u)
//
// 3-/5-/7-point, cell-centred, face k = harmonic mean of the two cells (the
// touching cell's k on a physical face), homogeneous physical conditions
// folded into the coefficients (stencil.hpp), rank and periodic neighbours
// through a HaloExchange.
#include <memory>
#include <type_traits>

#include "mesh/boundary.hpp"
#include "mesh/halo.hpp"
#include "solvers/linear/elliptic.hpp"
#include "solvers/linear/stencil.hpp"

namespace boreas::linear {

// What a level needs to build its stencil; the fine level takes it from the
// problem, coarse levels from the level above.
struct StencilSpec {
  Boundaries bcs{1};  // only the types matter: the operator is homogeneous
  double shift = 0.0;
  double scale = 1.0;
  double k_constant = 1.0;
  FieldView coefficient;  // optional cell k on the operator's mesh (ghosts not needed)
};

class StencilOperator : public Operator {
 public:
  explicit StencilOperator(const EllipticProblem& p);
  StencilOperator(const Mesh& mesh, const StencilSpec& spec);
  ~StencilOperator() override;

  const Mesh& mesh() const override { return mesh_; }
  // The Operator contract: refreshes all of x's ghosts (halo exchange and the
  // homogeneous physical conditions), then y = A x.
  void apply(const FieldView& x, const FieldView& y) override;
  void diagonal(const FieldView& d) override;

  // The solvers' fast paths. exchange() refreshes only the rank/periodic
  // ghosts (all the stencil reads); it is free on a single rank without
  // periodic directions.
  void exchange(const FieldView& x);
  // exchange() plus the homogeneous physical ghosts, edges and corners
  // included: what interpolation reads.
  void fill_ghosts(const FieldView& x);
  // y = A x with x's ghosts current; returns this rank's x . y.
  double apply_dot(const FieldView& x, const FieldView& y);
  // r = b - A x (x's ghosts current); returns this rank's ||r||^2.
  double residual(const FieldView& b, const FieldView& x, const FieldView& r);
  // dinv = 1 / diag(A) over the interior.
  void inverse_diagonal(const FieldView& dinv);

  bool variable() const { return variable_; }
  bool singular() const { return singular_; }
  const ConstCoefs& const_coefs() const { return const_; }
  const VarCoefs& var_coefs() const { return var_; }
  const StencilSpec& spec() const { return spec_; }

 private:
  void check_conditions() const;
  void build_constant();
  void build_variable();

  const Mesh& mesh_;
  StencilSpec spec_;
  Boundaries homogeneous_{1};  // spec_.bcs with zero values, for fill_ghosts
  bool variable_ = false;
  bool singular_ = false;
  bool needs_exchange_ = false;
  ConstCoefs const_;
  VarCoefs var_;
  std::unique_ptr<HaloExchange> halo_;
};

// Calls f(std::integral_constant<int, Dim>{}, coefs) with the operator's
// dimension and coefficient kind, so kernels are compiled per combination
// (the host lambda only forwards to a named kernel template).
template <class F>
void visit_stencil(const StencilOperator& op, F&& f) {
  const int dim = op.mesh().dim();
  if (op.variable()) {
    if (dim == 3) return f(std::integral_constant<int, 3>{}, op.var_coefs());
    if (dim == 2) return f(std::integral_constant<int, 2>{}, op.var_coefs());
    return f(std::integral_constant<int, 1>{}, op.var_coefs());
  }
  if (dim == 3) return f(std::integral_constant<int, 3>{}, op.const_coefs());
  if (dim == 2) return f(std::integral_constant<int, 2>{}, op.const_coefs());
  f(std::integral_constant<int, 1>{}, op.const_coefs());
}

}  // namespace boreas::linear
