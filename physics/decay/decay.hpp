#pragma once
// physics/decay: the smallest complete app, and the one the developer
// guide's "adding an app" walkthrough builds. A scalar q diffuses and decays,
//     dq/dt = kappa lap(q) - q / tau,
// explicit (forward Euler) on the 3-/5-/7-point Laplacian. Everything around
// the equation (halo exchange, checkpoints and restart, snapshots and VTK,
// the NaN/inf guard, diagnostics.csv) comes from its declarations in
// decay.cpp. Problems: physics/decay/problems/.
#include "physics/app.hpp"

namespace boreas::decay {

AppInfo app_info();

}  // namespace boreas::decay
