#pragma once
// Multigrid smoothers on the device, all matrix-free on a StencilOperator:
//   jacobi     weighted Jacobi, omega = 2 dim / (2 dim + 1) (the optimal
//              smoothing weight of the d-dimensional Laplacian)
//   rbgs       red-black Gauss-Seidel, colour = parity of the global cell
//              index; forward = red then black, reverse = black then red, so
//              a cycle with forward pre- and reverse post-smoothing is
//              symmetric
//   chebyshev  Chebyshev iteration on D^-1 A over [lmax / (2 dim), lmax],
//              lmax = 2 (Gershgorin bound of D^-1 A: no eigenvalue estimate
//              needed), damping the high-frequency half of the spectrum
#include <string>
#include <vector>

#include "solvers/linear/stencil_operator.hpp"

namespace boreas::linear {

enum class SmootherType { jacobi, rbgs, chebyshev };
// Throws InputError naming the allowed values.
SmootherType parse_smoother(const std::string& name);
std::vector<std::string> smoother_names();

class Smoother {
 public:
  // `work1` and `work2` are scratch fields of the operator's mesh.
  Smoother(StencilOperator& op, SmootherType type, const FieldView& work1, const FieldView& work2);
  // `sweeps` smoothing steps on A x = b. zero_guess: x's values are ignored
  // and taken as 0 (saves a pass). reverse: the adjoint ordering (rbgs).
  void smooth(const FieldView& x, const FieldView& b, int sweeps, bool zero_guess, bool reverse);
  SmootherType type() const { return type_; }

 private:
  void jacobi(const FieldView& x, const FieldView& b, int sweeps, bool zero_guess);
  void rbgs(const FieldView& x, const FieldView& b, int sweeps, bool zero_guess, bool reverse);
  void chebyshev(const FieldView& x, const FieldView& b, int sweeps, bool zero_guess);

  StencilOperator& op_;
  SmootherType type_;
  FieldView work1_, work2_;
  int parity0_ = 0;  // parity of the global index of this rank's first interior cell
};

}  // namespace boreas::linear
