// ns app: the Re = 100 lid-driven cavity against Ghia, Ghia & Shin (1982)
// on a coarse grid (default suite); the 128^2 acceptance run is
// test_ns_cavity_slow.cpp (label slow).
#include <gtest/gtest.h>

#include <cstdio>

#include "tests/ns/cavity.hpp"
#include "tests/test_context.hpp"

using boreas::testing::context;

TEST(NavierStokes, LidDrivenCavityRe100CoarseMatchesGhia) {
  // 32^2 to t = 15: a coarse check of the whole cavity path (walls, moving
  // lid, singular all-neumann pressure); measured 0.0084 at 32^2;
  // test_ns_cavity_slow.cpp runs 128^2.
  const auto r = boreas::testing::run_cavity_re100(32, 15.0);
  if (context().is_root()) {
    std::printf("cavity 32^2: max |u - Ghia| %.4f, max |v - Ghia| %.4f, u_min %.4f, v_min %.4f, v_max %.4f, max div*h/U %.2e, %lld steps, %.1f s\n",
                r.max_u_deviation, r.max_v_deviation, r.u_min, r.v_min, r.v_max,
                r.max_div_scaled_run, r.steps, r.seconds);
    EXPECT_LT(r.max_u_deviation, 0.015);
    EXPECT_LT(r.max_v_deviation, 0.015);
  }
  EXPECT_LE(r.max_div_scaled_run, 1e-9);
}
