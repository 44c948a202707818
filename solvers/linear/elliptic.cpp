#include "solvers/linear/elliptic.hpp"

namespace boreas::linear {

bool EllipticProblem::singular() const {
  if (shift != 0.0) return false;
  for (int f = 0; f < 2 * mesh->dim(); ++f) {
    if (bcs.get(static_cast<Face>(f), 0).type == BoundaryType::dirichlet) return false;
  }
  return true;
}

void add_boundary_terms(const EllipticProblem& p, const FieldView& b) {
  const Mesh& mesh = *p.mesh;
  const Box in = mesh.interior();
  const bool variable_k = p.coefficient.data() != nullptr;
  const FieldView kc = p.coefficient;
  const double k0 = p.k_constant;
  for (int f = 0; f < 2 * mesh.dim(); ++f) {
    const Face face = static_cast<Face>(f);
    if (!mesh.is_physical_boundary(face)) continue;
    const BoundaryCondition& bc = p.bcs.get(face, 0);
    if (bc.value == 0.0) continue;
    const int d = face_dir(face);
    const double h = mesh.dx(d);
    // The boundary face's coefficient is the touching cell's k.
    double w = 0.0;
    if (bc.type == BoundaryType::dirichlet) {
      w = 2.0 * p.scale * bc.value / (h * h);  // ghost = 2g - u1
    } else if (bc.type == BoundaryType::neumann) {
      w = p.scale * bc.value / h;  // ghost = u1 + q h
    } else {
      continue;
    }
    Box slab = in;
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
          b(0, k, j, i) += w * kf;
        });
  }
}

}  // namespace boreas::linear
