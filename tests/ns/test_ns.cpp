// ns app on the periodic 2D Taylor–Green vortex: kinetic-energy decay rate,
// second-order convergence of the velocity, divergence after every
// projection, agreement over rank counts (against a 1-rank run of the same
// deck in the same launch). The lid-driven cavity is in test_ns_cavity.cpp.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "tests/common/decks.hpp"
#include "tests/common/run.hpp"
#include "tests/ns/taylor_green.hpp"
#include "tests/test_context.hpp"

using boreas::testing::context;
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
    std::printf(
        "TG 64^2: KE(t)/KE(0) = %.8f, exp(-4 nu t) = %.8f, rel. error %.3e, max div*h/U %.3e\n",
        r.ke / r.ke0, expected, rel, r.div_run);
  }
  EXPECT_LT(rel, 1e-3);
  EXPECT_LE(r.div_run, 1e-9);
}

TEST(NavierStokes, TaylorGreenVelocityConvergesAtSecondOrder) {
  expect_taylor_green_second_order({}, "TG");
}

TEST(NavierStokes, ResultsAgreeOverRankCounts) {
  // The same run on rank 0 alone is the reference; every rank count must
  // match it to the pressure-solver tolerance (rtol 1e-10 here).
  const std::vector<std::string> ov = {"run.t_end=0.5", "solver.rtol=1e-10"};
  const TaylorGreenResult r = taylor_green(32, ov);
  std::vector<double> ref = {0.0, 0.0};  // KE, error of the 1-rank run, on every rank
  if (auto one = context().first_ranks(1)) {
    const TaylorGreenResult r1 = boreas::testing::run_taylor_green(*one, 32, ov);
    ref = {r1.ke, r1.error};
  }
  context().sum(ref);
  if (context().is_root()) {
    std::printf("TG 32^2 on %d ranks: KE %.15e (1 rank %.15e), error %.15e (1 rank %.15e)\n",
                context().size(), r.ke, ref[0], r.error, ref[1]);
  }
  EXPECT_GT(ref[0], 0.0);
  EXPECT_NEAR(r.ke, ref[0], 1e-9 * ref[0]);
  EXPECT_NEAR(r.error, ref[1], 1e-5 * ref[1]);
}

TEST(NavierStokes, ThreeDimensionalZInvariantTaylorGreenMatches2D) {
  // The vortex extruded along a periodic z (w = 0) is the same flow: the 3D
  // app must reproduce the 2D velocity error (which is RMS over u, v, w in
  // 3D, hence the factor sqrt(2/3)) and kinetic energy per unit depth.
  const TaylorGreenResult r2 = taylor_green(16, {"run.t_end=0.5"});
  const TaylorGreenResult r3 =
      taylor_green(16, {"run.t_end=0.5", "mesh.cells=[16,16,4]",
                        "mesh.upper=[6.283185307179586,6.283185307179586,1.0]",
                        "boundary.z_lower=\"periodic\"", "boundary.z_upper=\"periodic\""});
  EXPECT_NEAR(r3.error, r2.error * std::sqrt(2.0 / 3.0), 1e-4 * r2.error);
  EXPECT_NEAR(r3.ke, r2.ke, 1e-9 * r2.ke);
  EXPECT_LE(r3.div_run, 1e-9);
}

TEST(NavierStokes, ThreeDimensionalCavityStaysDivergenceFree) {
  // Moving lid on y_upper, no-slip elsewhere, free slip on the z faces: a
  // short 3D run exercises every wall kind in every direction.
  auto run = run_app(context(), "ns", boreas::testing::read_test_deck("ns/cavity.toml"),
                     {"run.t_end=0.2", "mesh.cells=[12,12,8]", "boundary.z_lower=\"reflecting\"",
                      "boundary.z_upper=\"reflecting\""});
  const double ke = run->final("kinetic_energy");
  const double div = run->final("max_div_scaled_run");
  if (context().is_root())
    std::printf("3D cavity 12x12x8, t = 0.2: KE %.6e, max div*h/U %.3e\n", ke, div);
  EXPECT_GT(ke, 1e-4);  // the lid has set fluid in motion
  EXPECT_LT(ke, 0.5);   // and not more than all of it at lid speed
  EXPECT_LE(div, 1e-9);
}
