// ns app: the Re = 100 lid-driven cavity against Ghia, Ghia & Shin (1982)
// on a coarse grid (default suite); the 128^2 acceptance run is
// test_ns_cavity_slow.cpp (label slow).
#include <gtest/gtest.h>

#include "tests/ns/cavity.hpp"
#include "tests/test_context.hpp"

TEST(NavierStokes, LidDrivenCavityRe100CoarseMatchesGhia) {
  // 32^2 to t = 15: a coarse check of the whole cavity path (walls, moving
  // lid, singular all-neumann pressure); measured 0.0084 at 32^2;
  // test_ns_cavity_slow.cpp runs 128^2.
  const auto r = boreas::testing::run_cavity(100, 32, 15.0);
  boreas::testing::print_cavity(100, 32, r);
  if (boreas::testing::context().is_root()) {  // the deviations are computed on rank 0
    EXPECT_LT(r.max_u_deviation, 0.015);
    EXPECT_LT(r.max_v_deviation, 0.015);
  }
  EXPECT_LE(r.max_div_scaled_run, 1e-9);  // after every projection
}
