#pragma once
// physics/heat: 2nd-order diffusion dT/dt = kappa lap(T) + S, explicit
// (forward Euler, SSP-RK2, SSP-RK3) or implicit (backward Euler,
// Crank-Nicolson through the linear solvers). Problems (initial states,
// manufactured sources, exact solutions) live in physics/heat/problems/.
#include "physics/app.hpp"

namespace boreas::heat {

AppInfo app_info();

}  // namespace boreas::heat
