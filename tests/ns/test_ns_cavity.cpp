// ns app: the Re = 100 lid-driven cavity against Ghia, Ghia & Shin (1982)
// on a coarse grid (default suite); the 128^2 acceptance run is
// test_ns_cavity_slow.cpp (label slow).
#include <gtest/gtest.h>

#include "tests/ns/cavity.hpp"

TEST(NavierStokes, LidDrivenCavityRe100CoarseMatchesGhia) {
  // 32^2 to t = 15: a coarse check of the whole cavity path (walls, moving
  // lid, singular all-neumann pressure); measured 0.0084 at 32^2;
  // test_ns_cavity_slow.cpp runs 128^2.
  boreas::testing::expect_cavity_matches_ghia(100, 32, 15.0, 0.015);
}
