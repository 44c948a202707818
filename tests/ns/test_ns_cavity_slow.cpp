// ns app, issue 5 acceptance: the Re = 100 lid-driven cavity at 128^2,
// steady state (t = 20), u on x = 0.5 and v on y = 0.5 within 0.02 of
// Ghia, Ghia & Shin (1982) at every tabulated point. Label slow.
#include <gtest/gtest.h>

#include "tests/ns/cavity.hpp"

TEST(NavierStokes, LidDrivenCavityRe100At128MatchesGhiaWithin002) {
  boreas::testing::expect_cavity_matches_ghia(100, 128, 20.0, 0.02);
}
