#include "solvers/linear/elliptic.hpp"

namespace boreas::linear {
namespace {

// The constant value of each face's condition, for add_boundary_terms_with.
struct ConstantFaceValues {
  double value[6] = {0, 0, 0, 0, 0, 0};
  KOKKOS_INLINE_FUNCTION double operator()(Face f, int, int, int) const { return value[f]; }
};

}  // namespace

bool EllipticProblem::singular() const {
  if (shift != 0.0) return false;
  for (int f = 0; f < 2 * mesh->dim(); ++f) {
    if (bcs.get(static_cast<Face>(f), 0).type == BoundaryType::dirichlet) return false;
  }
  return true;
}

void add_boundary_terms(const EllipticProblem& p, const FieldView& b) {
  ConstantFaceValues v;
  for (int f = 0; f < 6; ++f) v.value[f] = p.bcs.get(static_cast<Face>(f), 0).value;
  add_boundary_terms_with(p, b, v);
}

}  // namespace boreas::linear
