// ns app: the differentially heated square cavity (the Ra = 1e5 deck with
// Ra = 1e4) on a coarse grid against de Vahl Davis (1983), Ra = 1e4:
// Nu = 2.243, u_max = 16.178, v_max = 19.617 (units kappa/L). The 128^2
// Ra = 1e5 acceptance run is test_ns_heated_cavity_slow.cpp (label slow).
#include <gtest/gtest.h>

#include <cmath>

#include "tests/ns/heated_cavity.hpp"
#include "tests/test_context.hpp"

TEST(NavierStokesBoussinesq, HeatedCavityRa1e4CoarseMatchesDeVahlDavis) {
  const auto r = boreas::testing::run_heated_cavity(
      0.3, 0.4, {"physics.Ra=1e4", "mesh.cells=[32,32]", "output.vtk.every_time=10"});
  boreas::testing::print_heated_cavity("heated cavity Ra 1e4, 32^2", r, 2.243, 16.178, 19.617);
  EXPECT_LT(std::fabs(r.nu - r.nu_mid), 1e-4 * r.nu);  // steady
  EXPECT_LE(r.max_div_scaled_run, 1e-9);               // after every projection, default tolerances
  EXPECT_NEAR(r.nu, r.nu_cold, 1e-6 * r.nu);           // what enters leaves
  EXPECT_LT(std::fabs(r.nu / 2.243 - 1), 0.02);
  if (boreas::testing::context().is_root()) {
    EXPECT_LT(std::fabs(r.u_max / 16.178 - 1), 0.02);
    EXPECT_LT(std::fabs(r.v_max / 19.617 - 1), 0.02);
  }
}
