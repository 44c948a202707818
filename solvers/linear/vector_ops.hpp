#pragma once
// Whole-vector operations of the Krylov methods and multigrid on variable 0
// of cell fields, over the interior box of a mesh. The `local_` functions
// return this rank's share; the others reduce through the mesh's Context.
// Every kernel is one streaming pass in the row idiom, with the updates the
// solvers need fused (update + norm, two dots in one pass).
#include "core/exec.hpp"
#include "mesh/mesh.hpp"
#include "solvers/linear/row_reduce.hpp"

namespace boreas::linear {

double local_dot(const Box& in, const FieldView& a, const FieldView& b);
// (a . b, a . c) in one pass.
Sum2 local_dot2(const Box& in, const FieldView& a, const FieldView& b, const FieldView& c);
double local_sum(const Box& in, const FieldView& a);
// sum (a - c)^2
double local_centered_square(const Box& in, const FieldView& a, double c);

void copy(const Box& in, const FieldView& dst, const FieldView& src);
void fill(const Box& in, const FieldView& dst, double value);
void add_constant(const Box& in, const FieldView& a, double c);
// y += alpha x
void axpy(const Box& in, const FieldView& y, double alpha, const FieldView& x);
// y = x + beta y
void xpay(const Box& in, const FieldView& y, const FieldView& x, double beta);
// z = r * dinv (a Jacobi preconditioner)
void multiply(const Box& in, const FieldView& z, const FieldView& r, const FieldView& dinv);
// y += alpha x; returns the local ||y||^2.
double local_axpy_norm(const Box& in, const FieldView& y, double alpha, const FieldView& x);
// The CG update x += alpha p, r_new = r_old - alpha q (r_new may be r_old);
// returns the local ||r_new||^2.
double local_cg_update(const Box& in, const FieldView& x, const FieldView& p,
                       const FieldView& r_old, const FieldView& r_new, const FieldView& q,
                       double alpha);

// Global reductions over the mesh's ranks.
double dot(const Mesh& mesh, const FieldView& a, const FieldView& b);
double norm2(const Mesh& mesh, const FieldView& a);
// Subtracts the global mean over all cells (the singular problems' null space
// is the constant vector; cells all have the same volume).
void project_mean_zero(const Mesh& mesh, const FieldView& a);

}  // namespace boreas::linear
