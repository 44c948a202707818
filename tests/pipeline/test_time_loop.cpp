// The time loop's services to every app, checked on the decay and heat
// apps: the steady-state residual against its definition, stopping at a
// steady state (with the final checkpoint, snapshot and VTK step), time-scheduled outputs on their
// exact times, empty cells where a diagnostic is undefined, progress lines by wall time.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "io/output/state_file.hpp"
#include "physics/pipeline/outputs.hpp"
#include "physics/pipeline/simulation.hpp"
#include "tests/common/decks.hpp"
#include "tests/common/gather.hpp"
#include "tests/common/temp_dir.hpp"
#include "tests/test_context.hpp"

namespace boreas {
namespace {

namespace fs = std::filesystem;
using testing::context;

const std::string kDecay = testing::read_test_deck("decay/sine_2d.toml");

// A heat run that relaxes to a non-zero steady state: a sine mode on a
// background of 1 between walls held at 1.
const std::string kHeat = R"(
[run]
app = "heat"
t_end = 10.0
[mesh]
cells = [16, 12]
[boundary]
x_lower = "dirichlet"
x_lower_value = 1.0
x_upper = "dirichlet"
x_upper_value = 1.0
y_lower = "dirichlet"
y_lower_value = 1.0
y_upper = "dirichlet"
y_upper_value = 1.0
[physics]
kappa = 0.1
[problem]
name = "sine"
background = 1.0
amplitude = 0.5
mode = [1, 1]
[output]
diagnostics_every = 20
)";

std::unique_ptr<pipeline::Simulation> make(const std::string& deck,
                                           const std::vector<std::string>& overrides,
                                           const std::string& dir = "") {
  pipeline::RunOptions opt;
  opt.deck = "loop.toml";
  opt.deck_text = deck;
  opt.overrides = overrides;
  opt.output_dir = dir;
  opt.write_files = !dir.empty();
  auto sim = std::make_unique<pipeline::Simulation>(context(), opt);
  sim->initialize();
  return sim;
}

std::vector<double> gathered(const pipeline::Simulation& sim, const std::string& name) {
  for (const auto& v : sim.fields().variables(kOutput)) {
    if (v.name == name) return testing::gather_global(sim.mesh(), v.view, v.var);
  }
  ADD_FAILURE() << "no variable " << name;
  return {};
}

// The rows of a CSV file as cells (strings), header first.
std::vector<std::vector<std::string>> read_csv(const std::string& path) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream ls(line);
    while (std::getline(ls, cell, ',')) cells.push_back(cell);
    if (!line.empty() && line.back() == ',') cells.push_back("");
    rows.push_back(cells);
  }
  return rows;
}

size_t column(const std::vector<std::string>& header, const std::string& name) {
  for (size_t c = 0; c < header.size(); ++c) {
    if (header[c] == name) return c;
  }
  ADD_FAILURE() << "no column " << name;
  return 0;
}

// R = ||q1 - q0|| / (dt ||q1||), recomputed from the gathered states.
TEST(TimeLoop, SteadyResidualMatchesItsDefinition) {
  auto sim = make(kDecay, {"output.diagnostics_every=1000"});
  sim->advance(7);
  const std::vector<double> q0 = gathered(*sim, "q");
  const double t0 = sim->state().time;
  sim->advance(1);
  const std::vector<double> q1 = gathered(*sim, "q");
  const double dt = sim->state().time - t0;
  const double r = sim->diagnostic("steady_residual");
  if (!context().is_root()) return;
  double diff = 0.0, size = 0.0;
  for (size_t i = 0; i < q1.size(); ++i) {
    diff += (q1[i] - q0[i]) * (q1[i] - q0[i]);
    size += q1[i] * q1[i];
  }
  const double expect = std::sqrt(diff) / (dt * std::sqrt(size));
  ASSERT_GT(expect, 0.0);
  EXPECT_NEAR(r, expect, 1e-12 * expect);
}

TEST(TimeLoop, StopWhenSteadyEndsTheRunWithAFinalCheckpoint) {
  testing::SharedTempDir tmp(context(), "steady");
  const std::string dir = tmp.file("run");
  const double tol = 1e-4;
  auto sim = make(kHeat, {"run.stop_when_steady=1e-4", "output.checkpoint.at_end=false"}, dir);
  EXPECT_EQ(sim->run(), 0);
  const long long step = sim->state().step;
  EXPECT_LT(sim->state().time, 10.0) << "the run must stop before t_end";
  if (!context().is_root()) return;
  const auto rows = read_csv(dir + "/diagnostics.csv");
  ASSERT_GE(rows.size(), 4u);
  const size_t c = column(rows[0], "steady_residual");
  EXPECT_EQ(rows[1][c], "") << "no residual at step 0";
  // Every row before the last is above the tolerance, the last below.
  for (size_t i = 2; i + 1 < rows.size(); ++i) EXPECT_GE(std::stod(rows[i][c]), tol) << i;
  EXPECT_LT(std::stod(rows.back()[c]), tol);
  EXPECT_EQ(std::stoll(rows.back()[0]), step);
  EXPECT_TRUE(fs::exists(dir + "/checkpoints/" + pipeline::state_file_name("loop", step)))
      << "a steady stop writes its checkpoint even with at_end = false";
  std::ifstream status(dir + "/exit_status");
  std::string first, second;
  std::getline(status, first);
  std::getline(status, second);
  EXPECT_EQ(first, "0");
  EXPECT_NE(second.find("steady"), std::string::npos) << second;
}

// The state a run stops at is the last entry of its snapshot and VTK
// series, even when their schedules would not have written that step.
TEST(TimeLoop, StopWhenSteadyWritesTheFinalSnapshotAndVtk) {
  testing::SharedTempDir tmp(context(), "steady_out");
  const std::string dir = tmp.file("run");
  auto sim = make(kHeat,
                  {"run.stop_when_steady=1e-4", "output.snapshot.every_time=1.0",
                   "output.vtk.every_time=1.0", "output.checkpoint.at_end=false"},
                  dir);
  EXPECT_EQ(sim->run(), 0);
  const long long step = sim->state().step;
  const double t = sim->state().time;
  ASSERT_GT(t, 1.0) << "at least one scheduled output before the stop";
  ASSERT_GT(std::abs(t - std::round(t)), 1e-6) << "the stop is off the schedule";
  const auto files = pipeline::list_state_files(dir + "/snapshots", "loop");
  ASSERT_EQ(files.size(), static_cast<size_t>(std::floor(t)) + 2) << "t = 0, 1, ..., and the stop";
  const io::StateHeader h = io::read_state_header(context(), files.front());
  EXPECT_EQ(h.step, step);
  EXPECT_EQ(h.time, t);
  if (!context().is_root()) return;
  std::ifstream xdmf_in(dir + "/snapshots/loop.xdmf");
  const std::string xdmf((std::istreambuf_iterator<char>(xdmf_in)), {});
  EXPECT_NE(xdmf.find(pipeline::state_file_name("loop", step)), std::string::npos);
  const std::string pvti = fmt::format("loop.{:08d}.pvti", step);
  EXPECT_TRUE(fs::exists(dir + "/vtk/" + pvti));
  std::ifstream pvd_in(dir + "/vtk/loop.pvd");
  const std::string pvd((std::istreambuf_iterator<char>(pvd_in)), {});
  const size_t last = pvd.rfind("file=");
  ASSERT_NE(last, std::string::npos);
  EXPECT_NE(pvd.find(pvti, last), std::string::npos) << "the stop is the last .pvd entry";
}

TEST(TimeLoop, TimeScheduledOutputsLandOnTheirTimes) {
  testing::SharedTempDir tmp(context(), "exact");
  const std::string dir = tmp.file("run");
  // every_time is no multiple of the stable step.
  auto sim = make(kDecay,
                  {"run.max_steps=1000", "run.t_end=0.02", "output.snapshot.every_steps=0",
                   "output.snapshot.every_time=0.0037", "output.vtk.every_steps=0",
                   "output.checkpoint.every_steps=0"},
                  dir);
  EXPECT_EQ(sim->run(), 0);
  const auto files = pipeline::list_state_files(dir + "/snapshots", "loop");
  ASSERT_EQ(files.size(), 6u) << "t = 0, 0.0037, ..., 0.0185";
  for (const auto& f : files) {
    const io::StateHeader h = io::read_state_header(context(), f);
    const double k = std::round(h.time / 0.0037);
    EXPECT_NEAR(h.time, k * 0.0037, 1e-15) << f;
  }
  if (!context().is_root()) return;
  // The shortened steps are at least half a regular one (no sliver).
  const auto rows = read_csv(dir + "/diagnostics.csv");
  const size_t c = column(rows[0], "dt");
  double largest = 0.0, smallest = 1e300;
  for (size_t i = 2; i < rows.size(); ++i) {
    largest = std::max(largest, std::stod(rows[i][c]));
    smallest = std::min(smallest, std::stod(rows[i][c]));
  }
  EXPECT_GE(smallest, 0.25 * largest);
}

TEST(TimeLoop, ProgressLinesComeByWallTimeToo) {
  testing::SharedTempDir tmp(context(), "progress");
  setenv("BOREAS_TEST_LOG_SECONDS", "0.2", 1);
  setenv("BOREAS_TEST_STEP_DELAY_MS", "30", 1);
  ::testing::internal::CaptureStdout();
  {
    auto sim = make(kDecay, {"run.log_every=100000", "run.max_steps=30"}, tmp.file("run"));
    sim->run();
  }
  const std::string out = ::testing::internal::GetCapturedStdout();
  unsetenv("BOREAS_TEST_LOG_SECONDS");
  unsetenv("BOREAS_TEST_STEP_DELAY_MS");
  if (!context().is_root()) return;
  int lines = 0;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("step ", 0) == 0) ++lines;
  }
  // 30 steps of at least 30 ms: about 4 lines by time, and the last step's.
  EXPECT_GE(lines, 3) << out;
}

}  // namespace
}  // namespace boreas
