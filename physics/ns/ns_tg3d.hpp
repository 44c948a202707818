#pragma once
// The 3D Taylor–Green vortex (physics.init = "taylor-green-3d") and the
// kinetic-energy budget diagnostics it is judged by.
//   u =  U sin(a x) cos(b y) cos(c z)
//   v = -U (a/b) cos(a x) sin(b y) cos(c z)
//   w =  0
//   p =  U^2/16 (cos 2ax + cos 2by)(cos 2cz + 2)
// with x, y, z measured from the domain's lower corner and a, b, c = 2 pi / L
// per direction. On the cube [0, 2 pi]^3 (a = b = c = 1) this is the
// benchmark of Brachet et al. (1983) and of the International Workshops on
// High-Order CFD Methods (Re = U / (a nu) = 1600); there the pressure is the
// exact one of the initial velocity. The flow has no closed-form solution for
// t > 0: it transitions to turbulence, its dissipation peaking near t = 9.
#include "mesh/mesh.hpp"

namespace boreas::ns {

// Samples the vortex on the MAC faces (and p at cell centres) of the interior.
void set_taylor_green_3d(const Mesh& mesh, const FieldView& vel, const FieldView& p,
                         double amplitude);

// Volume-averaged kinetic energy <|u|^2> / 2 (global; ghosts not used).
double mean_kinetic_energy(const Mesh& mesh, const FieldView& vel);

// nu <|grad_h u|^2>: the volume-averaged viscous dissipation of the
// discrete Laplacian. In a periodic box it equals -d<|u|^2/2>/dt of the
// semi-discrete equations, since the central advection conserves energy and
// sum(u lap_h u) = -sum |D+ u|^2 exactly. vel's upper ghosts must be filled.
double mean_viscous_dissipation(const Mesh& mesh, const FieldView& vel, double nu);

}  // namespace boreas::ns
