// ns app: the differentially heated cavity at Ra = 1e4, 32^2, to the fixed
// time t = 0.1 (the flow is set up, not yet steady), with the temperature
// diffused by Crank–Nicolson (physics.scalar_diffusion) and Crank–Nicolson
// viscosity, against the same run all explicit: the step is no longer the
// diffusive one (fewer steps), the Nusselt number and velocity maxima agree
// to the schemes' time error. (At steady state they agree to round-off:
// docs/ns.md, "Implicit scalar diffusion: measured".)
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "tests/ns/heated_cavity.hpp"
#include "tests/test_context.hpp"

TEST(NavierStokesBoussinesq, HeatedCavityCrankNicolsonDiffusionMatchesExplicit) {
  const std::vector<std::string> base = {"physics.Ra=1e4", "mesh.cells=[32,32]",
                                         "output.vtk.every_time=10"};
  const auto ex = boreas::testing::run_heated_cavity(0.05, 0.1, base);
  std::vector<std::string> ov = base;
  ov.push_back("physics.scalar_diffusion=\"crank-nicolson\"");
  ov.push_back("physics.viscous=\"crank-nicolson\"");
  const auto cn = boreas::testing::run_heated_cavity(0.05, 0.1, ov);
  boreas::testing::print_heated_cavity("explicit", ex, 2.243, 16.178, 19.617);
  boreas::testing::print_heated_cavity("crank-nicolson T and u", cn, 2.243, 16.178, 19.617);
  if (boreas::testing::context().is_root()) {
    std::printf("Nu: explicit %.10f, CN %.10f (rel %.2e); steps %lld vs %lld\n", ex.nu, cn.nu,
                std::fabs(cn.nu / ex.nu - 1), ex.steps, cn.steps);
  }
  // Explicit: dt = 0.9 / (4 kappa sum 1/h^2) = 1.1e-4 throughout (911
  // steps); with both diffusions implicit the advective limit, about 3.5x
  // larger once the flow is set up, sets it.
  EXPECT_LT(static_cast<double>(cn.steps), 0.5 * static_cast<double>(ex.steps));
  EXPECT_GT(std::fabs(cn.nu - cn.nu_mid), 1e-3 * cn.nu);  // still changing: a transient
  EXPECT_LT(std::fabs(cn.nu / ex.nu - 1), 2e-4);          // measured 4.4e-5
  EXPECT_NEAR(cn.nu, cn.nu_cold, 1e-6 * cn.nu);
  EXPECT_LE(cn.max_div_scaled_run, 1e-9);
  if (boreas::testing::context().is_root()) {
    EXPECT_LT(std::fabs(cn.u_max / ex.u_max - 1), 3e-4);
    EXPECT_LT(std::fabs(cn.v_max / ex.v_max - 1), 3e-4);
  }
}
