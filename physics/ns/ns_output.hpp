#pragma once
// The ns app's derived output variables (Fields::derived): cell-centred
// values computed from the MAC velocity (storage convention in
// ns_kernels.hpp). Each fills the interior cells of `out`; the velocity's
// ghosts must be filled (a step, setup() and restored() leave them so).
//
//   velocity_x/y/z  ū_c = (u_c(lower c-face) + u_c(upper c-face)) / 2
//   speed           |ū| = sqrt(sum_c ū_c^2)
//   vorticity       curl u at the cell centre: d u_a / d x_b by the central
//                   difference of ū_a over the neighbours along b,
//                   (ū_a(+b) - ū_a(-b)) / (2 h_b) — the average of the
//                   natural MAC vorticity at the cell's corners (edges in
//                   3D). 2D: one variable, omega_z = dv/dx - du/dy; 3D: x, y, z.
//
// All are second-order accurate for smooth fields in the interior. In a cell
// next to a no-slip wall the vorticity uses the ghost value that puts the
// wall speed on the wall (linear through the wall), which is first order
// there.
#include "core/exec.hpp"
#include "mesh/mesh.hpp"

namespace boreas::ns {

void cell_velocity(const Mesh& mesh, const FieldView& vel, const FieldView& out);
void cell_speed(const Mesh& mesh, const FieldView& vel, const FieldView& out);
void cell_vorticity(const Mesh& mesh, const FieldView& vel, const FieldView& out);

}  // namespace boreas::ns
