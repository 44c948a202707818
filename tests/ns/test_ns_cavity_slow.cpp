// ns app, acceptance case: the Re = 100 lid-driven cavity at 128^2,
// steady state (t = 20), u on x = 0.5 and v on y = 0.5 within 0.02 of
// Ghia, Ghia & Shin (1982) at every tabulated point. Label slow.
#include <gtest/gtest.h>

#include "tests/ns/cavity.hpp"
#include "tests/test_context.hpp"

TEST(NavierStokes, LidDrivenCavityRe100At128MatchesGhiaWithin002) {
  const auto r = boreas::testing::run_cavity(100, 128, 20.0);
  boreas::testing::print_cavity(100, 128, r);
  if (boreas::testing::context().is_root()) {  // the deviations are computed on rank 0
    EXPECT_LT(r.max_u_deviation, 0.02);
    EXPECT_LT(r.max_v_deviation, 0.02);
  }
  EXPECT_LE(r.max_div_scaled_run, 1e-9);  // after every projection
}
