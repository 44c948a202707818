// ns app: the differentially heated cavity at Ra = 1e4, 32^2, to t = 0.25
// (steady), with the temperature diffused by Crank–Nicolson
// (physics.scalar_diffusion) and Crank–Nicolson viscosity, against the same
// run all explicit: the step is no longer the diffusive one (fewer steps),
// the steady Nusselt number and velocity maxima are the same.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "tests/ns/heated_cavity.hpp"
#include "tests/test_context.hpp"

TEST(NavierStokesBoussinesq, HeatedCavityCrankNicolsonDiffusionMatchesExplicit) {
  const std::vector<std::string> base = {"physics.Ra=1e4", "mesh.cells=[32,32]",
                                         "output.vtk.every_time=10"};
  const auto ex = boreas::testing::run_heated_cavity(0.2, 0.25, base);
  std::vector<std::string> ov = base;
  ov.push_back("physics.scalar_diffusion=\"crank-nicolson\"");
  ov.push_back("physics.viscous=\"crank-nicolson\"");
  const auto cn = boreas::testing::run_heated_cavity(0.2, 0.25, ov);
  boreas::testing::print_heated_cavity("explicit", ex, 2.243, 16.178, 19.617);
  boreas::testing::print_heated_cavity("crank-nicolson T and u", cn, 2.243, 16.178, 19.617);
  if (boreas::testing::context().is_root()) {
    std::printf("Nu: explicit %.10f, CN %.10f (rel %.2e); steps %lld vs %lld\n", ex.nu, cn.nu,
                std::fabs(cn.nu / ex.nu - 1), ex.steps, cn.steps);
  }
  // Explicit: dt = 0.9 / (4 kappa sum 1/h^2) = 1.1e-4 throughout (2276
  // steps); with both diffusions implicit the advective limit, about 3.5x
  // larger at steady state, sets it.
  EXPECT_LT(static_cast<double>(cn.steps), 0.5 * static_cast<double>(ex.steps));
  EXPECT_LT(std::fabs(cn.nu - cn.nu_mid), 1e-4 * cn.nu);  // steady
  EXPECT_LT(std::fabs(cn.nu / ex.nu - 1), 1e-5);          // the same steady state
  EXPECT_NEAR(cn.nu, cn.nu_cold, 1e-6 * cn.nu);
  EXPECT_LE(cn.max_div_scaled_run, 1e-9);
  if (boreas::testing::context().is_root()) {
    EXPECT_LT(std::fabs(cn.u_max / ex.u_max - 1), 1e-5);
    EXPECT_LT(std::fabs(cn.v_max / ex.v_max - 1), 1e-5);
  }
}
