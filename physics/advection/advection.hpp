#pragma once
// physics/advection: a conservative tracer carried by a prescribed velocity,
//     dq/dt + div(q u) = 0,
// in flux form with the finite-volume blocks of physics/fv: upwind, limited
// PLM or WENO5 face values, the HLL (upwind) or Rusanov flux through each
// face with the face-normal velocity, SSP-RK2/3 in time, optionally the
// Zhang-Shu bound-preserving limiter. Velocities: physics/advection/flow.hpp;
// problems: physics/advection/problems/; docs/advection.md.
#include "physics/app.hpp"

namespace boreas::advection {

AppInfo app_info();

}  // namespace boreas::advection
