#pragma once
// Grid transfers between a multigrid level and the next coarser one. A
// coarse cell covers ratio[d] (1 or 2) fine cells along d; both meshes have
// the same rank layout, so every transfer is rank-local.
//
//   restriction   coarse = average of the children (cell-centred full
//                 weighting), fused with the fine residual b - A x
//   prolongation  (bi/tri)linear interpolation of the coarse cell centres to
//                 the fine ones: 3/4 own coarse cell + 1/4 the neighbour on
//                 the child's side per coarsened direction. Its order (2) plus
//                 the restriction's (1) exceeds 2, which cell-centred
//                 multigrid needs for a mesh-independent convergence rate.
#include <array>

#include "solvers/linear/stencil_operator.hpp"

namespace boreas::linear {

using Ratio = std::array<int, 3>;

// bc = R (b - A x) with x's ghosts current.
void restrict_residual(const StencilOperator& fine, const FieldView& b, const FieldView& x,
                       const Mesh& coarse, const FieldView& bc, const Ratio& ratio);
// c = R f, for the coarse coefficient k.
void restrict_average(const Mesh& fine, const FieldView& f, const Mesh& coarse, const FieldView& c,
                      const Ratio& ratio);
// x += P e; e's ghosts (edges and corners too) must be current.
void prolong_add(const Mesh& coarse, const FieldView& e, const Mesh& fine, const FieldView& x,
                 const Ratio& ratio);

}  // namespace boreas::linear
