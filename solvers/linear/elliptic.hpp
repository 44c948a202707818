#pragma once
// The scalar elliptic problem every Boreas linear solver works on, and the
// interface they share. One cell-centred unknown per cell:
//
//     A u = shift * u - scale * div(k grad u) = b
//
// discretised with the 2nd-order 5-point (2D) / 7-point (3D) / 3-point (1D)
// stencil. Face coefficients are harmonic means of the two cell values of k
// (k constant when `coefficient` is empty). Physical faces carry the
// conditions of `bcs` (variable 0):
//   dirichlet(g): u = g on the face     (ghost = 2g - u_1)
//   neumann(q):   du/dn = q outward     (ghost = u_1 + q dx)
//   periodic:     from the mesh
// The operator is applied with *homogeneous* conditions (g = 0, q = 0: ghost
// = -u_1 or +u_1); `add_boundary_terms` moves the non-zero values into b, so
// the solvers only ever see a linear, symmetric operator.
//
// Uses: Poisson (shift 0, scale 1), backward Euler (shift 1, scale kappa dt),
// Crank–Nicolson (shift 1, scale kappa dt / 2), pressure projection.
#include <memory>
#include <string>

#include "core/exec.hpp"
#include "mesh/boundary.hpp"
#include "mesh/mesh.hpp"
#include "solvers/linear/settings.hpp"

namespace boreas::linear {

struct EllipticProblem {
  const Mesh* mesh = nullptr;
  Boundaries bcs{1};        // per face, variable 0
  double shift = 0.0;       // >= 0
  double scale = 1.0;       // > 0
  double k_constant = 1.0;  // used when `coefficient` is empty
  FieldView coefficient;    // optional cell k (1 var, ghosts filled by the caller or
                            // by the operator's own exchange), > 0

  // True when A has the constant vector in its null space (shift == 0 and no
  // dirichlet face): the singular all-neumann / periodic case, solved with a
  // mean-zero projection of b and of u.
  bool singular() const;
};

// A linear operator on one-variable cell fields of a mesh: the matrix-free
// stencil, an assembled CSR matrix, a multigrid level.
class Operator {
 public:
  virtual ~Operator() = default;
  virtual const Mesh& mesh() const = 0;
  // y = A x over the interior. Refreshes x's ghost cells first (halo
  // exchange + homogeneous boundary conditions); y's ghosts are untouched.
  virtual void apply(const FieldView& x, const FieldView& y) = 0;
  // d = diag(A) over the interior.
  virtual void diagonal(const FieldView& d) = 0;
};

class Solver {
 public:
  virtual ~Solver() = default;
  // Solves A x = b over the interior (x holds the initial guess; its ghost
  // cells may be overwritten). b must already contain the boundary terms.
  // Throws RuntimeError on non-convergence with iterations, initial and final
  // residual and the solver type in the message.
  virtual SolveStats solve(const FieldView& b, const FieldView& x) = 0;
  virtual std::string name() const = 0;  // "cg-mg", "petsc(cg+gamg)", ...
};

// b += the contribution of the non-homogeneous boundary values of `p`.
void add_boundary_terms(const EllipticProblem& p, const FieldView& b);

// As add_boundary_terms, with boundary data that varies along a face:
// value(face, k, j, i) is the dirichlet value or neumann outward gradient at
// the face centre of boundary cell (k, j, i) (a device-callable functor).
// The coefficient of a boundary face is the touching cell's k.
template <class FaceValue>
void add_boundary_terms_with(const EllipticProblem& p, const FieldView& b, const FaceValue& value);

template <class FaceValue>
void add_boundary_terms_with(const EllipticProblem& p, const FieldView& b, const FaceValue& value) {
  const Mesh& mesh = *p.mesh;
  const bool variable_k = p.coefficient.data() != nullptr;
  const FieldView kc = p.coefficient;
  const double k0 = p.k_constant;
  for (int f = 0; f < 2 * mesh.dim(); ++f) {
    const Face face = static_cast<Face>(f);
    if (!mesh.is_physical_boundary(face)) continue;
    const BoundaryType type = p.bcs.get(face, 0).type;
    const int d = face_dir(face);
    const double h = mesh.dx(d);
    double w = 0.0;
    if (type == BoundaryType::dirichlet) {
      w = 2.0 * p.scale / (h * h);  // ghost = 2g - u1
    } else if (type == BoundaryType::neumann) {
      w = p.scale / h;  // ghost = u1 + q h
    } else {
      continue;
    }
    Box slab = mesh.interior();
    int* lo[3] = {&slab.i0, &slab.j0, &slab.k0};
    int* hi[3] = {&slab.i1, &slab.j1, &slab.k1};
    if (face_is_upper(face)) {
      *lo[d] = *hi[d] - 1;
    } else {
      *hi[d] = *lo[d] + 1;
    }
    par_for(
        "elliptic_boundary_terms", slab, KOKKOS_LAMBDA(const int k, const int j, const int i) {
          const double kf = variable_k ? kc(0, k, j, i) : k0;
          b(0, k, j, i) += w * kf * value(face, k, j, i);
        });
  }
}

}  // namespace boreas::linear
