// ns app on the periodic 2D Taylor–Green vortex: kinetic-energy decay rate,
// second-order convergence of the velocity, divergence after every
// projection, agreement over rank counts (against numbers the 1-rank run
// produced). The lid-driven cavity is in test_ns_cavity.cpp.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "tests/heat/heat_runner.hpp"
#include "tests/ns/taylor_green.hpp"
#include "tests/test_context.hpp"

using boreas::testing::context;
using boreas::testing::diagnostic_index;
using boreas::testing::run_app;

using boreas::testing::expect_taylor_green_second_order;
using boreas::testing::TaylorGreenResult;

namespace {
TaylorGreenResult taylor_green(int n, const std::vector<std::string>& extra = {}) {
  return boreas::testing::run_taylor_green(n, extra);
}
}  // namespace

TEST(NavierStokes, TaylorGreenKineticEnergyDecaysAsExpMinus4NuT) {
  const TaylorGreenResult r = taylor_green(64);
  const double expected = std::exp(-4.0 * 0.01 * r.time);
  const double rel = std::fabs(r.ke / r.ke0 - expected) / expected;
  if (context().is_root()) {
    std::printf("TG 64^2: KE(t)/KE(0) = %.8f, exp(-4 nu t) = %.8f, rel. error %.3e, max div*h/U %.3e\n",
                r.ke / r.ke0, expected, rel, r.div_run);
  }
  EXPECT_LT(rel, 1e-3);
  EXPECT_LE(r.div_run, 1e-9);
}

TEST(NavierStokes, TaylorGreenVelocityConvergesAtSecondOrder) {
  expect_taylor_green_second_order({}, "TG");
}

TEST(NavierStokes, ResultsAgreeOverRankCounts) {
  // Reference values printed by the 1-rank run; every rank count must match
  // them to the pressure-solver tolerance (rtol 1e-10 here).
  const TaylorGreenResult r = taylor_green(32, {"run.t_end=0.5", "solver.rtol=1e-10"});
  if (context().is_root()) std::printf("TG 32^2: KE %.15e, error %.15e\n", r.ke, r.error);
  EXPECT_NEAR(r.ke, 9.674786456180588, 1e-9 * 9.674786456180588);
  EXPECT_NEAR(r.error, 1.569136555716148e-05, 1e-5 * 1.569136555716148e-05);
}

TEST(NavierStokes, ThreeDimensionalZInvariantTaylorGreenMatches2D) {
  // The vortex extruded along a periodic z (w = 0) is the same flow: the 3D
  // app must reproduce the 2D velocity error (which is RMS over u, v, w in
  // 3D, hence the factor sqrt(2/3)) and kinetic energy per unit depth.
  const TaylorGreenResult r2 = taylor_green(16, {"run.t_end=0.5"});
  const TaylorGreenResult r3 = taylor_green(
      16, {"run.t_end=0.5", "mesh.cells=[16,16,4]", "mesh.upper=[6.283185307179586,6.283185307179586,1.0]",
           "boundary.z_lower=\"periodic\"", "boundary.z_upper=\"periodic\""});
  EXPECT_NEAR(r3.error, r2.error * std::sqrt(2.0 / 3.0), 1e-4 * r2.error);
  EXPECT_NEAR(r3.ke, r2.ke, 1e-9 * r2.ke);
  EXPECT_LE(r3.div_run, 1e-9);
}

TEST(NavierStokes, ThreeDimensionalCavityStaysDivergenceFree) {
  // Moving lid on y_upper, no-slip elsewhere, free slip on the z faces: a
  // short 3D run exercises every wall kind in every direction.
  const char* deck = R"(
[run]
app = "ns"
t_end = 0.2
[mesh]
cells = [12, 12, 8]
[boundary]
x_lower = "wall"
x_upper = "wall"
y_lower = "wall"
y_upper = "wall"
y_upper_value = 1.0
z_lower = "reflecting"
z_upper = "reflecting"
[physics]
nu = 0.01
)";
  auto run = run_app(context(), "ns", deck);
  const auto& d = run->final_diagnostics;
  const double ke = d[diagnostic_index(*run->app, "kinetic_energy")];
  if (context().is_root()) std::printf("3D cavity 12x12x8, t = 0.2: KE %.6e, max div*h/U %.3e\n", ke, d[diagnostic_index(*run->app, "max_div_scaled_run")]);
  EXPECT_GT(ke, 1e-4);  // the lid has set fluid in motion
  EXPECT_LT(ke, 0.5);   // and not more than all of it at lid speed
  EXPECT_LE(d[diagnostic_index(*run->app, "max_div_scaled_run")], 1e-9);
}
