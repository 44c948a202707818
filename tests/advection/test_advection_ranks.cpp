// The advection app's runs are reproducible bit for bit: the same fields on
// 1, 2 and 4 ranks (and with the Serial backend), and a restart from the
// framework's checkpoint continues exactly as the run it came from.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "tests/common/decks.hpp"
#include "tests/common/gather.hpp"
#include "tests/common/run.hpp"
#include "tests/common/temp_dir.hpp"
#include "tests/test_context.hpp"

namespace boreas {
namespace {

using testing::context;

const std::string kRotation = testing::read_test_deck("advection/rotation_restart.toml");
const std::string kDeformational = testing::read_test_deck("advection/deformational_periodic.toml");

// The same run on 1, 2 and (when launched with them) 4 ranks of this
// launch, with the default and the Serial backend: identical bits.
void expect_rank_independent(const std::string& deck, const std::vector<std::string>& overrides,
                             const std::string& what) {
  const auto& world = context();
  std::vector<double> reference;
  for (int nranks : {1, 2, 4}) {
    if (nranks > world.size()) break;
    MPI_Comm sub;
    MPI_Comm_split(world.comm(), world.rank() < nranks ? 0 : MPI_UNDEFINED, world.rank(), &sub);
    for (bool serial : {false, true}) {
      std::vector<double> global;
      if (sub != MPI_COMM_NULL) {
        Context ctx(sub);
        const bool before = exec::force_serial(serial);
        auto run = testing::run_app(ctx, "advection", deck, overrides);
        global = testing::gather_global(run->mesh(), run->variable("q").view, 0);
        exec::force_serial(before);
      }
      if (world.is_root()) {
        if (reference.empty()) {
          reference = global;
        } else {
          ASSERT_EQ(global.size(), reference.size());
          EXPECT_EQ(0, std::memcmp(global.data(), reference.data(), global.size() * sizeof(double)))
              << what << ": " << nranks << " ranks, serial=" << serial
              << " differs from 1 rank, default backend";
        }
      }
    }
    if (sub != MPI_COMM_NULL) MPI_Comm_free(&sub);
  }
  if (world.is_root()) {
    EXPECT_FALSE(reference.empty());
  }
}

TEST(AdvectionRanks, BitwiseIdenticalOnOneTwoAndFourRanks) {
  // WENO5 (3 ghost layers) with the bound-preserving limiter, outflow faces.
  expect_rank_independent(kRotation, {"output.checkpoint.every_steps=0"}, "rotation weno5");
  // PLM-MC, SSP-RK2 on the periodic deformational flow (stream-function faces).
  expect_rank_independent(
      kDeformational,
      {"physics.scheme=\"plm_mc\"", "physics.integrator=\"ssp_rk2\"", "run.t_end=0.2"},
      "deformational plm_mc");
}

// A run with its files in `dir`; the final q gathered on rank 0.
std::vector<double> run_to_files(const std::string& dir, const std::vector<std::string>& overrides,
                                 const std::string& restart = "") {
  pipeline::RunOptions opt;
  opt.deck = "rotation.toml";
  opt.deck_text = kRotation;
  opt.overrides = overrides;
  opt.output_dir = dir;
  opt.restart = restart;
  pipeline::Simulation sim(context(), opt);
  sim.initialize();
  EXPECT_EQ(sim.run(), 0);
  for (const auto& v : sim.fields().variables(kOutput)) {
    if (v.name == "q") return testing::gather_global(sim.mesh(), v.view, 0);
  }
  ADD_FAILURE() << "no state variable q";
  return {};
}

// 40 steps straight against 20 steps + --restart from the step-20
// checkpoint + 20 steps, for both integrators.
TEST(AdvectionRanks, RestartContinuesBitForBit) {
  testing::SharedTempDir tmp(context(), "advection-restart");
  for (const char* integrator : {"ssp_rk3", "ssp_rk2"}) {
    const std::vector<std::string> o = {std::string("physics.integrator=\"") + integrator + "\""};
    const std::string straight_dir = tmp.file(std::string("straight_") + integrator);
    const std::vector<double> straight = run_to_files(straight_dir, o);
    const std::string checkpoint = straight_dir + "/checkpoints/rotation.00000020.h5";
    const std::vector<double> resumed =
        run_to_files(tmp.file(std::string("resumed_") + integrator), o, checkpoint);
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
