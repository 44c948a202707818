// ns app in 3D on the Taylor–Green vortex (problem "taylor_green_3d"),
// small and fast; the Re = 1600 run against the published DNS is the slow
// regression check_taylor_green_3d.py.
//  * the sampled initial state has <|u|^2>/2 = 1/8 and a dissipation rate
//    nu <|D+ u|^2> equal, to rounding, to 6 nu E0 times the second-order
//    Laplacian's eigenvalue factor (2 - 2 cos h) / h^2 of sin x;
//  * without viscosity the central scheme conserves kinetic energy: what
//    changes converges away at second order in dt; full donor-cell
//    upwinding loses energy at any dt (so the check can fail);
//  * the projection keeps |div u| at the solver tolerance; a 2D mesh is refused.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "tests/common/decks.hpp"
#include "tests/common/run.hpp"
#include "tests/test_context.hpp"

using boreas::testing::context;
using boreas::testing::run_app;

namespace {

const std::string kTaylorGreen3D = boreas::testing::read_test_deck("ns/taylor_green_3d.toml");

constexpr double kPi = 3.14159265358979323846;

}  // namespace

TEST(NavierStokes3D, TaylorGreenInitialEnergyAndDissipationAreTheDiscreteExactValues) {
  auto run = run_app(context(), "ns", kTaylorGreen3D, {"run.max_steps=0"});
  const double e0 = run->initial("kinetic_energy_mean");
  const double eps0 = run->initial("dissipation_rate");
  const double h = 2 * kPi / 16;
  const double factor = (2 - 2 * std::cos(h)) / (h * h);
  EXPECT_NEAR(e0, 0.125, 1e-14);
  EXPECT_NEAR(eps0 / (6 * 0.000625 * 0.125 * factor), 1.0, 1e-12);
  // The total kinetic energy is the mean times the volume (2 pi)^3.
  EXPECT_NEAR(run->initial("kinetic_energy"), 0.125 * std::pow(2 * kPi, 3), 1e-10);
}

// The relative change of <|u|^2>/2 from t = 0 to 0.8 without viscosity, at a fixed step.
static double inviscid_energy_change(double dt, bool upwind = false, double* div = nullptr) {
  std::vector<std::string> ov = {"physics.nu=0", "run.max_steps=1000", "run.t_end=0.8",
                                 "run.dt=" + std::to_string(dt)};
  if (upwind) ov.push_back("physics.upwind=1");
  auto run = run_app(context(), "ns", kTaylorGreen3D, ov);
  if (div) *div = run->final("max_div_scaled_run");
  return run->final("kinetic_energy_mean") / run->initial("kinetic_energy_mean") - 1;
}

TEST(NavierStokes3D, InviscidCentralAdvectionConservesEnergyAndUpwindingDoesNot) {
  // The central MAC advection conserves energy semi-discretely, so what
  // changes is the time stepping's: halving dt must cut it ~4x (the forward
  // Euler start step gains O(dt^2)). A scheme that leaked energy in space
  // would leave a dt-independent change.
  double div = 0.0;
  const double coarse = inviscid_energy_change(0.08);
  const double fine = inviscid_energy_change(0.04, false, &div);
  const double upwind = inviscid_energy_change(0.08, true);
  if (context().is_root()) {
    std::printf(
        "16^3, nu = 0, t = 0.8: central dE/E %.3e (dt 0.08), %.3e (dt 0.04), ratio %.2f; "
        "upwind dE/E %.3e; max div h/U %.1e\n",
        coarse, fine, coarse / fine, upwind, div);
  }
  EXPECT_LT(std::fabs(fine), 2e-4);
  EXPECT_GT(coarse / fine, 3.5);
  EXPECT_LT(coarse / fine, 4.5);
  EXPECT_LT(upwind, -1e-2);  // donor cell dissipates, whatever dt
  EXPECT_LE(div, 1e-9);
}

TEST(NavierStokes3D, TaylorGreen3DNeedsA3DMesh) {
  EXPECT_THROW(run_app(context(), "ns", kTaylorGreen3D,
                       {"mesh.cells=[16,16]", "mesh.upper=[6.283185307179586,6.283185307179586]"}),
               boreas::InputError);
}
