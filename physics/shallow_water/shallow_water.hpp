#pragma once
// physics/shallow_water: the rotating shallow-water equations in flux form
// on 1D and 2D meshes,
//     dh/dt + div(h u) = 0,
//     d(h u)/dt + div(h u u) + g grad(h^2 / 2) = -g h grad(b) - f k x (h u) - friction,
// with the finite-volume blocks of physics/fv: reconstruction of
// (h, u[, v], h + b), the positivity limiter on h, the well-balanced
// hydrostatic reconstruction (scheme.hpp), HLL/Rusanov/HLLC fluxes,
// SSP-RK2/3, Coriolis on an f- or beta-plane, Manning friction. Problems:
// physics/shallow_water/problems/; docs/shallow_water.md.
#include "physics/app.hpp"

namespace boreas::shallow_water {

AppInfo app_info();

// The exact solution of the flat-bottom Riemann problem (the dam break's)
// between (hL, uL) and (hR, uR) at xi = (x - x_dam) / t: depth h and
// velocity u (physics/shallow_water/exact_riemann.hpp), for tests and tools.
void exact_riemann_state(double g, double hL, double uL, double hR, double uR, double xi, double& h,
                         double& u);

}  // namespace boreas::shallow_water
