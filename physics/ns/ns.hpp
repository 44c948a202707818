#pragma once
// physics/ns: incompressible Navier–Stokes on the decomposed mesh (2D and 3D),
//     du/dt + div(u u) = -grad p + nu lap u,   div u = 0,
// on a staggered (MAC) grid (storage convention in ns_kernels.hpp) with a
// second-order incremental pressure-correction projection:
//   1. predictor  u* = u^n + dt [AB2(H) - grad p^{n-1/2}],  H = nu lap u - div(u u)
//      (forward Euler on the first step; variable-step AB2 weights);
//   2. pressure   -lap phi = -div(u*) / dt  (homogeneous neumann on walls, the
//      singular all-wall / periodic case handled by the solver), through
//      linear::make_solver ([solver] keys);
//   3. correction u^{n+1} = u* - dt grad phi,  p^{n+1/2} = p^{n-1/2} + phi.
// Boundaries ([boundary] keys): "wall" = no-slip wall whose tangential speed
// is boundary.<face>_value (moving lid; the speed is along x on y/z faces and
// along y on x faces), "reflecting" = free slip, "inflow", "outflow",
// "periodic". Problems (initial states, exact solutions) live in
// physics/ns/problems/. See docs/ns.md.
#include "physics/app.hpp"

namespace boreas::ns {

AppInfo app_info();

}  // namespace boreas::ns
