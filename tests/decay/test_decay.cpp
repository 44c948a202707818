// The minimal app of the developer guide (physics/decay) gets everything
// around its equation from its declarations: checkpoints that restart
// bit for bit, snapshot/VTK output, diagnostics.csv, the NaN/inf guard; and
// its numbers are right (2nd order against the exact solution).
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "tests/common/decks.hpp"
#include "tests/common/gather.hpp"
#include "tests/common/run.hpp"
#include "tests/common/temp_dir.hpp"
#include "tests/test_context.hpp"

namespace boreas {
namespace {

namespace fs = std::filesystem;
using testing::context;

const std::string kDeck = testing::read_test_deck("decay/sine_2d.toml");

// A run with its files in `dir`; the final q gathered on rank 0.
std::vector<double> run_to_files(const std::string& dir, const std::vector<std::string>& overrides,
                                 const std::string& restart = "") {
  pipeline::RunOptions opt;
  opt.deck = "sine_2d.toml";
  opt.deck_text = kDeck;
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

TEST(Decay, RestartContinuesBitForBit) {
  testing::SharedTempDir tmp(context(), "decay-restart");
  const std::vector<double> straight = run_to_files(tmp.file("straight"), {});
  // The same run again from its step-20 checkpoint, into another folder.
  const std::string checkpoint = tmp.file("straight") + "/checkpoints/sine_2d.00000020.h5";
  const std::vector<double> resumed = run_to_files(tmp.file("resumed"), {}, checkpoint);
  if (context().is_root()) {
    ASSERT_EQ(straight.size(), 24u * 20u);
    ASSERT_EQ(resumed.size(), straight.size());
    EXPECT_EQ(0, std::memcmp(straight.data(), resumed.data(), straight.size() * sizeof(double)))
        << "a restart from step 20 must reach the same bits at step 40";
    double largest = 0.0;
    for (double v : straight) largest = std::max(largest, std::fabs(v));
    EXPECT_GT(largest, 0.01)
        << "the state must not have decayed to nothing (the test would be vacuous)";
  }
}

TEST(Decay, OutputsAndDiagnosticsComeFromTheDeclarations) {
  testing::SharedTempDir tmp(context(), "decay-files");
  const std::string dir = tmp.file("run");
  run_to_files(dir, {});
  if (!context().is_root()) return;
  std::ifstream csv(dir + "/diagnostics.csv");
  std::string header;
  std::getline(csv, header);
  EXPECT_EQ(header, "step,time,dt,total,q_max,l2_error,steady_residual");
  int rows = 0;
  for (std::string line; std::getline(csv, line);) ++rows;
  EXPECT_EQ(rows, 9) << "steps 0, 5, ..., 40";
  EXPECT_TRUE(fs::exists(dir + "/snapshots/sine_2d.00000020.h5"));
  EXPECT_TRUE(fs::exists(dir + "/snapshots/sine_2d.xdmf"));
  EXPECT_TRUE(fs::exists(dir + "/vtk/sine_2d.pvd"));
  EXPECT_TRUE(fs::exists(dir + "/vtk/sine_2d.00000040.pvti"));
  EXPECT_TRUE(fs::exists(dir + "/checkpoints/latest"));
}

TEST(Decay, NanGuardStopsTheRunAndKeepsTheLastGoodState) {
  testing::SharedTempDir tmp(context(), "decay-nan");
  pipeline::RunOptions opt;
  opt.deck = "sine_2d.toml";
  opt.deck_text = kDeck;
  // Far beyond the forward-Euler limit: the mode grows by ~1e5 per step.
  opt.overrides = {"run.dt=1.0", "run.max_steps=400"};
  opt.output_dir = tmp.file("run");
  pipeline::Simulation sim(context(), opt);
  sim.initialize();
  try {
    sim.run();
    ADD_FAILURE() << "the run must stop on a non-finite value";
  } catch (const RuntimeError& e) {
    EXPECT_NE(std::string(e.what()).find("field 'q'"), std::string::npos) << e.what();
  }
  if (context().is_root()) {
    EXPECT_TRUE(fs::exists(tmp.file("run") + "/checkpoints/latest"));
  }
}

TEST(Decay, ConvergesSecondOrderToTheExactSolution) {
  std::vector<double> errors;
  for (int n : {16, 32, 64}) {
    const std::string cells = "mesh.cells=[" + std::to_string(n) + "," + std::to_string(n) + "]";
    auto run = testing::run_app(
        context(), "decay", kDeck,
        {cells, "run.t_end=0.05", "run.max_steps=100000", "output.checkpoint.every_steps=0",
         "output.snapshot.every_steps=0", "output.vtk.every_steps=0"});
    errors.push_back(run->final("l2_error"));
  }
  for (size_t i = 1; i < errors.size(); ++i) {
    EXPECT_GE(std::log2(errors[i - 1] / errors[i]), 1.9) << errors[i - 1] << " -> " << errors[i];
  }
}

}  // namespace
}  // namespace boreas
