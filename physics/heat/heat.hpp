#pragma once
// physics/heat: explicit 2nd-order diffusion dT/dt = kappa lap(T) + S.
//
// Initial conditions: gaussian, sine (product of sines, whose exact solution
// the app knows and reports as l2_error), constant. Source: none, constant,
// or "manufactured", which with the sine initial condition makes
// T = A cos(omega t) prod sin(k_d x_d) the exact solution.
#include <memory>

#include "physics/app.hpp"

namespace boreas::heat {

AppInfo app_info();
void declare_schema(io::Schema& schema);
std::unique_ptr<App> create(const io::Deck& deck);

}  // namespace boreas::heat
