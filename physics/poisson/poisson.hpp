#pragma once
// physics/poisson: the steady problem -div(k grad u) = f, one solve per step
// (decks set run.max_steps = 1), through the native solvers or PETSc.
// Problems (manufactured solution, constant source) live in
// physics/poisson/problems/.
#include "physics/app.hpp"

namespace boreas::poisson {

AppInfo app_info();

}  // namespace boreas::poisson
