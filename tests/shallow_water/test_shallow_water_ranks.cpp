// The shallow-water app on several ranks: the lake at rest over a bump with
// a dry top stays at rest to round-off for 1000 steps on this launch's
// ranks (1 and 4); runs give the same bits on 1, 2 and 4 ranks (and with
// the Serial backend); a restart from the framework's checkpoint continues
// bit for bit.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
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

const std::string kLake = testing::read_test_deck("shallow_water/lake_2d.toml");
const std::string kRotating = testing::read_test_deck("shallow_water/rotating_restart.toml");
const std::string kVortex = testing::read_test_deck("shallow_water/vortex.toml");

const char* const kState[] = {"h", "hu", "hv"};

// Every state variable, gathered on rank 0 of the run's communicator, one
// after the other.
std::vector<double> gather_state(const Mesh& mesh, const std::vector<NamedVariable>& vars) {
  std::vector<double> all;
  for (const char* name : kState) {
    for (const auto& v : vars) {
      if (v.name != name) continue;
      const auto g = testing::gather_global(mesh, v.view, v.var);
      all.insert(all.end(), g.begin(), g.end());
    }
  }
  return all;
}

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
        auto run = testing::run_app(ctx, "shallow_water", deck, overrides);
        global = gather_state(run->mesh(), run->state());
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

TEST(ShallowWaterRanks, BitwiseIdenticalOnOneTwoAndFourRanks) {
  // A wave over a dry-topped bump, rotating, with friction, walls, an
  // outflow face and a periodic direction; PLM-MC, SSP-RK3, HLL.
  expect_rank_independent(kRotating, {"output.checkpoint.every_steps=0"}, "rotating wave plm_mc");
  // WENO5 (3 ghost layers), SSP-RK2, HLLC on the periodic vortex.
  expect_rank_independent(kVortex,
                          {"mesh.cells=[24,20]", "run.max_steps=20", "physics.integrator=\"ssp_rk2\"",
                           "physics.flux=\"hllc\""},
                          "vortex weno5 hllc");
}

// A run with its files in `dir`; the final state gathered on rank 0.
std::vector<double> run_to_files(const std::string& dir, const std::vector<std::string>& overrides,
                                 const std::string& restart = "") {
  pipeline::RunOptions opt;
  opt.deck = "rotating_restart.toml";
  opt.deck_text = kRotating;
  opt.overrides = overrides;
  opt.output_dir = dir;
  opt.restart = restart;
  pipeline::Simulation sim(context(), opt);
  sim.initialize();
  EXPECT_EQ(sim.run(), 0);
  return gather_state(sim.mesh(), sim.fields().variables(kOutput));
}

// 40 steps straight against 20 steps + --restart from the step-20
// checkpoint + 20 steps, for both integrators.
TEST(ShallowWaterRanks, RestartContinuesBitForBit) {
  testing::SharedTempDir tmp(context(), "sw-restart");
  for (const char* integrator : {"ssp_rk3", "ssp_rk2"}) {
    const std::vector<std::string> o = {std::string("physics.integrator=\"") + integrator + "\""};
    const std::string straight_dir = tmp.file(std::string("straight_") + integrator);
    const std::vector<double> straight = run_to_files(straight_dir, o);
    const std::string checkpoint = straight_dir + "/checkpoints/rotating.00000020.h5";
    const std::vector<double> resumed =
        run_to_files(tmp.file(std::string("resumed_") + integrator), o, checkpoint);
    if (context().is_root()) {
      ASSERT_EQ(straight.size(), 3u * 24u * 20u);
      ASSERT_EQ(resumed.size(), straight.size());
      EXPECT_EQ(0, std::memcmp(straight.data(), resumed.data(), straight.size() * sizeof(double)))
          << integrator << ": a restart from step 20 must reach the same bits at step 40";
      double largest = 0.0;
      for (std::size_t c = 24u * 20u; c < straight.size(); ++c) {
        largest = std::max(largest, std::fabs(straight[c]));
      }
      EXPECT_GT(largest, 1e-3) << "the water must move (the test would be vacuous)";
    }
  }
}

}  // namespace
}  // namespace boreas
