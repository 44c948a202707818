#pragma once
// Kernels of the incompressible Navier–Stokes app on the MAC (staggered) grid.
//
// Storage convention: the velocity field has one variable per direction,
// vel(c, k, j, i), and component c of cell (k, j, i) lives on that cell's
// LOWER face in direction c (u(i) at x_{i-1/2}, v(j) at y_{j-1/2}, ...).
// The pressure p(0, k, j, i) is cell-centred. The upper face of the last
// interior cell is therefore stored in the first upper ghost cell: on a wall
// it holds the wall's normal velocity (0), between ranks it is the
// neighbour's first face (halo exchange), in a periodic direction it is the
// wrapped first face. Ghost width 1 is enough for every stencil below.
#include "core/exec.hpp"
#include "mesh/mesh.hpp"

namespace boreas::ns {

struct MomentumCoefficients {
  int dim = 2;
  int c = 0;  // velocity component
  double inv_h[3] = {1, 1, 1};
  double nu = 0.0;      // kinematic viscosity
  double upwind = 0.0;  // donor-cell weight in [0, 1]; 0 = central (energy conserving)
};

// H(c) = nu lap(u_c) - div(u u_c) at the c-faces of `box` (conservative
// form; the transported value at a flux point is the central average blended
// with the upwind value by `upwind`). vel's ghosts must be filled.
void momentum_rhs(const Box& box, const FieldView& vel, const FieldView& H,
                  const MomentumCoefficients& m);

// vel(c) += dt (wa H(c) + wb Hold(c) - d p / d x_c) over `box` (c-faces).
void predict(const Box& box, int c, double inv_hc, double dt, double wa, double wb,
             const FieldView& vel, const FieldView& H, const FieldView& Hold, const FieldView& p);

// vel(c) -= dt d phi / d x_c over `box` (c-faces); phi's ghosts must be filled.
void correct(const Box& box, int c, double inv_hc, double dt, const FieldView& vel,
             const FieldView& phi);

// out(0) = scale * div(vel) over the interior cells.
void divergence(const Mesh& mesh, const FieldView& vel, const FieldView& out, double scale);

// Largest |div(vel)| over this rank's interior (ghosts must be filled).
double local_max_divergence(const Mesh& mesh, const FieldView& vel);

// Sum of vel(c)^2 over `box` (this rank).
double local_sum_squares(const Box& box, int c, const FieldView& vel);

// Largest |vel(c)| over `box` (this rank).
double local_max_abs(const Box& box, int c, const FieldView& vel);

// Wall kinds of the velocity boundary fill.
enum class WallKind : int { no_slip = 0, free_slip = 1 };

// Fills the ghost layer of component c on physical face f: the normal
// component is 0 on the wall face (and in the ghost); a tangential component
// is mirrored, ghost = 2 speed - inside (no-slip, speed = wall's tangential
// velocity) or ghost = inside (free slip).
void fill_velocity_face(const Mesh& mesh, const FieldView& vel, Face f, int c, WallKind kind,
                        double speed);

}  // namespace boreas::ns
