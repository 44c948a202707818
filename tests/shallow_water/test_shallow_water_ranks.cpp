// The shallow-water app on several ranks: the lake at rest over a bump with
// a dry top stays at rest to round-off for 1000 steps on this launch's
// ranks (1 and 4); runs give the same bits on 1, 2 and 4 ranks (and with
// the Serial backend); a restart from the framework's checkpoint continues
// bit for bit.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "tests/common/decks.hpp"
#include "tests/common/gather.hpp"
#include "tests/common/ranks.hpp"
#include "tests/common/run.hpp"
#include "tests/common/temp_dir.hpp"
#include "tests/test_context.hpp"

namespace boreas {
namespace {

using testing::context;

const std::string kLake = testing::read_test_deck("shallow_water/lake_2d.toml");
const std::string kRotating = testing::read_test_deck("shallow_water/rotating_restart.toml");
const std::string kVortex = testing::read_test_deck("shallow_water/vortex.toml");

const std::vector<std::string> kState = {"h", "hu", "hv"};
const std::vector<std::string> kStateAndDye = {"h", "hu", "hv", "h_dye"};

// 1000 steps of still water over a bump whose top is dry, on every rank of
// this launch: every velocity below 1e-12 at the end and at every
// diagnostics row (speed_max), the depth at its initial value to 1e-13.
TEST(ShallowWaterRanks, LakeAtRestStaysAtRestWithDryCells) {
  auto run = testing::run_app(context(), "shallow_water", kLake);
  const double speed = run->final("speed_max");
  if (context().is_root()) {
    std::printf(
        "lake at rest 32 x 28, %d ranks, %lld steps: speed_max %.3e, max |h - h0| / level %.3e, "
        "h_min %.3e\n",
        context().size(), run->steps, speed, run->final("h_error_max"), run->final("h_min"));
  }
  EXPECT_EQ(run->steps, 1000);
  EXPECT_LT(speed, 1e-12);
  EXPECT_LT(run->final("h_error_max"), 1e-13);
  EXPECT_EQ(run->initial("h_min"), 0.0) << "the top of the bump must be dry";
  EXPECT_GE(run->final("h_min"), 0.0) << "no negative depth, not even by rounding";
  // Every velocity, from the gathered state (dry cells have hu = 0).
  auto gather = [&](const char* name) {
    const NamedVariable v = run->variable(name);
    return testing::gather_global(run->mesh(), v.view, v.var);
  };
  const auto h = gather("h"), hu = gather("hu"), hv = gather("hv");
  if (context().is_root()) {
    double largest = 0.0;
    int dry = 0;
    for (std::size_t c = 0; c < h.size(); ++c) {
      if (h[c] <= 1e-8) {
        ++dry;
        EXPECT_LT(std::fabs(hu[c]) + std::fabs(hv[c]), 1e-20);
        continue;
      }
      largest = std::max(largest, std::hypot(hu[c], hv[c]) / h[c]);
    }
    std::printf("  %d dry cells; largest |u| over the wet ones %.3e\n", dry, largest);
    EXPECT_GT(dry, 4);
    EXPECT_LT(largest, 1e-12);
  }
}

TEST(ShallowWaterRanks, BitwiseIdenticalOnOneTwoAndFourRanks) {
  // A wave over a dry-topped bump, rotating, with friction, a tracer,
  // walls, an outflow face and a periodic direction; PLM-MC, SSP-RK3, HLL.
  testing::expect_rank_independent("shallow_water", kRotating, {"output.checkpoint.every_steps=0"},
                                   kStateAndDye, "rotating wave plm_mc");
  // WENO5 (3 ghost layers), SSP-RK2, HLLC on the periodic vortex.
  testing::expect_rank_independent("shallow_water", kVortex,
                                   {"mesh.cells=[24,20]", "run.max_steps=20",
                                    "physics.integrator=\"ssp_rk2\"", "physics.flux=\"hllc\""},
                                   kState, "vortex weno5 hllc");
}

// 40 steps straight against 20 steps + --restart from the step-20
// checkpoint + 20 steps, for both integrators.
TEST(ShallowWaterRanks, RestartContinuesBitForBit) {
  testing::SharedTempDir tmp(context(), "sw-restart");
  for (const char* integrator : {"ssp_rk3", "ssp_rk2"}) {
    const std::vector<std::string> o = {std::string("physics.integrator=\"") + integrator + "\""};
    const std::string straight_dir = tmp.file(std::string("straight_") + integrator);
    const std::vector<double> straight =
        testing::run_to_files("rotating_restart.toml", kRotating, straight_dir, o, kStateAndDye);
    const std::string checkpoint = straight_dir + "/checkpoints/rotating.00000020.h5";
    const std::vector<double> resumed = testing::run_to_files(
        "rotating_restart.toml", kRotating, tmp.file(std::string("resumed_") + integrator), o,
        kStateAndDye, checkpoint);
    if (context().is_root()) {
      ASSERT_EQ(straight.size(), 4u * 24u * 20u);
      ASSERT_EQ(resumed.size(), straight.size());
      EXPECT_EQ(0, std::memcmp(straight.data(), resumed.data(), straight.size() * sizeof(double)))
          << integrator << ": a restart from step 20 must reach the same bits at step 40";
      double largest = 0.0;
      for (std::size_t c = 24u * 20u; c < 3u * 24u * 20u; ++c) {  // the momenta
        largest = std::max(largest, std::fabs(straight[c]));
      }
      EXPECT_GT(largest, 1e-3) << "the water must move (the test would be vacuous)";
    }
  }
}

}  // namespace
}  // namespace boreas
