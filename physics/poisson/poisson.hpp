#pragma once
// physics/poisson: the steady elliptic problem -div(k grad u) = f on the
// decomposed mesh, solved once per step by the configured linear solver
// ([solver] keys: native CG+MG by default, or PETSc).
//
// physics.problem = "manufactured": f, k and the boundary data come from the
// exact solution in manufactured.hpp, and l2_error is reported;
// "constant-source": f = physics.source, k = physics.k, boundary values from
// the deck's [boundary] *_value keys.
#include <memory>

#include "physics/app.hpp"

namespace boreas::poisson {

AppInfo app_info();
void declare_schema(io::Schema& schema);
std::unique_ptr<App> create(const io::Deck& deck);

}  // namespace boreas::poisson
