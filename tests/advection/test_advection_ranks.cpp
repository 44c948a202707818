// The advection app's runs are reproducible bit for bit: the same fields on
// 1, 2 and 4 ranks (and with the Serial backend), and a restart from the
// framework's checkpoint continues exactly as the run it came from.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "tests/common/decks.hpp"
#include "tests/common/ranks.hpp"
#include "tests/common/run.hpp"
#include "tests/common/temp_dir.hpp"
#include "tests/test_context.hpp"

namespace boreas {
namespace {

using testing::context;

const std::string kRotation = testing::read_test_deck("advection/rotation_restart.toml");
const std::string kDeformational = testing::read_test_deck("advection/deformational_periodic.toml");

TEST(AdvectionRanks, BitwiseIdenticalOnOneTwoAndFourRanks) {
  // WENO5 (3 ghost layers) with the bound-preserving limiter, outflow faces.
  testing::expect_rank_independent("advection", kRotation, {"output.checkpoint.every_steps=0"},
                                   {"q"}, "rotation weno5");
  // PLM-MC, SSP-RK2 on the periodic deformational flow (stream-function faces).
  testing::expect_rank_independent(
      "advection", kDeformational,
      {"physics.scheme=\"plm_mc\"", "physics.integrator=\"ssp_rk2\"", "run.t_end=0.2"}, {"q"},
      "deformational plm_mc");
}

// 40 steps straight against 20 steps + --restart from the step-20
// checkpoint + 20 steps, for both integrators.
TEST(AdvectionRanks, RestartContinuesBitForBit) {
  testing::SharedTempDir tmp(context(), "advection-restart");
  for (const char* integrator : {"ssp_rk3", "ssp_rk2"}) {
    const std::vector<std::string> o = {std::string("physics.integrator=\"") + integrator + "\""};
    const std::string straight_dir = tmp.file(std::string("straight_") + integrator);
    const std::vector<double> straight =
        testing::run_to_files("rotation.toml", kRotation, straight_dir, o, {"q"});
    const std::string checkpoint = straight_dir + "/checkpoints/rotation.00000020.h5";
    const std::vector<double> resumed =
        testing::run_to_files("rotation.toml", kRotation,
                              tmp.file(std::string("resumed_") + integrator), o, {"q"}, checkpoint);
    if (context().is_root()) {
      ASSERT_EQ(straight.size(), 24u * 20u);
      ASSERT_EQ(resumed.size(), straight.size());
      EXPECT_EQ(0, std::memcmp(straight.data(), resumed.data(), straight.size() * sizeof(double)))
          << integrator << ": a restart from step 20 must reach the same bits at step 40";
      double largest = 0.0;
      for (double v : straight) largest = std::max(largest, std::fabs(v));
      EXPECT_GT(largest, 0.5) << "the hump must still be there (the test would be vacuous)";
    }
  }
}

}  // namespace
}  // namespace boreas
