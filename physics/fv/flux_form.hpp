#pragma once
// The flux-form right-hand side of a conservation law, assembled from the
// blocks of physics/fv, one axis after the other:
//
//   du/dt = - sum_d (F_{d, c+1/2} - F_{d, c-1/2}) / h_d
//
// per axis: reconstruct (reconstruction.hpp) -> limit to bounds, if asked
// (bounds.hpp) -> interface fluxes of the Riemann solver (riemann.hpp) ->
// flux divergence added to dudt. An app adds its source terms afterwards.
#include <vector>

#include "mesh/mesh.hpp"
#include "physics/fv/bounds.hpp"
#include "physics/fv/reconstruction.hpp"
#include "physics/fv/riemann.hpp"

namespace boreas::fv {

// Work fields of the state's shape (declare them with Fields::scratch).
struct FaceWork {
  FieldView lo, hi;  // reconstructed face values of the current axis
  FieldView flux;    // interface fluxes of the current axis
};

// dudt = the flux divergence of u (its ghosts filled: ghost_cells(r)
// layers). systems_for(axis) returns the SystemAt functor of
// interface_fluxes for that axis; `bounds` are applied in order.
template <class Solver, class SystemsFor>
void flux_form_rhs(const Mesh& mesh, const FieldView& u, Reconstruction r,
                   const std::vector<BoundsLimit>& bounds, const SystemsFor& systems_for,
                   const FaceWork& work, const FieldView& dudt) {
  for (int axis = 0; axis < mesh.dim(); ++axis) {
    reconstruct(mesh, u, axis, r, work.lo, work.hi);
    for (const BoundsLimit& b : bounds) limit_to_bounds(mesh, u, axis, b, work.lo, work.hi);
    interface_fluxes<Solver>(mesh, axis, systems_for(axis), work.lo, work.hi, work.flux);
    flux_divergence(mesh, axis, work.flux, dudt, axis > 0);
  }
}

}  // namespace boreas::fv
