// ns app, issue 5 acceptance: the Re = 100 lid-driven cavity at 128^2,
// steady state (t = 20), u on x = 0.5 and v on y = 0.5 within 0.02 of
// Ghia, Ghia & Shin (1982) at every tabulated point. Label slow.
#include <gtest/gtest.h>

#include <cstdio>

#include "tests/ns/cavity.hpp"
#include "tests/test_context.hpp"

using boreas::testing::context;

TEST(NavierStokes, LidDrivenCavityRe100At128MatchesGhiaWithin002) {
  const auto r = boreas::testing::run_cavity_re100(128, 20.0);
  if (context().is_root()) {
    std::printf("cavity 128^2: max |u - Ghia| %.4f, max |v - Ghia| %.4f, u_min %.4f, v_min %.4f, v_max %.4f, max div*h/U %.2e, %lld steps, %.1f s\n",
                r.max_u_deviation, r.max_v_deviation, r.u_min, r.v_min, r.v_max,
                r.max_div_scaled_run, r.steps, r.seconds);
    EXPECT_LT(r.max_u_deviation, 0.02);
    EXPECT_LT(r.max_v_deviation, 0.02);
  }
  EXPECT_LE(r.max_div_scaled_run, 1e-9);
}
