// ns app, acceptance case: the differentially heated square cavity,
// Ra = 1e5, Pr = 0.71, at 128^2 (inputs/ns/heated_cavity_ra1e5.toml), steady
// state: mean hot-wall Nusselt number within 1% of de Vahl Davis (1983),
// 4.519, and u_max on x = 0.5 within 2% of 34.73 (units kappa/L). Label slow.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/ns/heated_cavity.hpp"
#include "tests/test_context.hpp"

TEST(NavierStokesBoussinesq, HeatedCavityRa1e5At128MatchesDeVahlDavis) {
  // Steady state: at 32^2 Nu changes by < 1e-5 relative after t = 0.25
  // (thermal units, measured history in docs/ns.md); t_mid = 0.25 -> t_end =
  // 0.3 checks it here.
  const auto r = boreas::testing::run_heated_cavity(0.25, 0.3, {"output.vtk.every_time=10"});
  boreas::testing::print_heated_cavity("heated cavity Ra 1e5, 128^2", r, 4.519, 34.73, 68.59);
  EXPECT_LT(std::fabs(r.nu - r.nu_mid), 1e-4 * r.nu);  // steady
  EXPECT_LE(r.max_div_scaled_run, 1e-9);               // after every projection, default tolerances
  EXPECT_LT(std::fabs(r.nu / 4.519 - 1), 0.01);
  if (boreas::testing::context().is_root()) {
    EXPECT_LT(std::fabs(r.u_max / 34.73 - 1), 0.02);
  }
}
