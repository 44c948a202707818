// Heat app: convergence order of the manufactured solution, energy
// conservation, and bitwise reproducibility over rank counts and backends.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "core/exec.hpp"
#include "tests/common/decks.hpp"
#include "tests/common/gather.hpp"
#include "tests/common/run.hpp"
#include "tests/test_context.hpp"

using boreas::testing::context;
using boreas::testing::run_heat;

namespace {

const std::string kDirichletSine = boreas::testing::read_test_deck("heat/dirichlet_sine.toml");

double l2_error_at(int n, const std::string& extra = "") {
  std::vector<std::string> ov = {"mesh.cells=[" + std::to_string(n) + "," + std::to_string(n) +
                                 "," + std::to_string(n) + "]"};
  if (!extra.empty()) ov.push_back(extra);
  auto run = run_heat(context(), kDirichletSine, ov);
  return run->final("l2_error");
}

}  // namespace

TEST(Heat, ManufacturedSolutionConvergesSecondOrder3D) {
  const double e16 = l2_error_at(16), e32 = l2_error_at(32), e64 = l2_error_at(64);
  const double p1 = std::log2(e16 / e32), p2 = std::log2(e32 / e64);
  if (context().is_root()) {
    std::printf("heat decay: L2 errors %.3e %.3e %.3e, observed orders %.3f %.3f\n", e16, e32, e64,
                p1, p2);
  }
  EXPECT_GE(p1, 1.9);
  EXPECT_GE(p2, 1.9);
  EXPECT_LT(e64, 1e-4);
}

TEST(Heat, TimeDependentManufacturedSourceConverges) {
  // T = cos(omega t) prod sin(pi x): exercises the source at every stage time.
  const std::string src = "problem.name=\"manufactured\"";
  const std::vector<std::string> omega = {"problem.omega=50.0"};
  auto at = [&](int n) {
    std::vector<std::string> ov = {"mesh.cells=[" + std::to_string(n) + "," + std::to_string(n) +
                                       "," + std::to_string(n) + "]",
                                   src, omega[0]};
    auto run = run_heat(context(), kDirichletSine, ov);
    return run->final("l2_error");
  };
  const double e8 = at(8), e16 = at(16), e32 = at(32);
  EXPECT_GE(std::log2(e8 / e16), 1.9);
  EXPECT_GE(std::log2(e16 / e32), 1.9);
}

TEST(Heat, EnergyConservedWithPeriodicBoundaries) {
  const std::string deck = boreas::testing::read_test_deck("heat/periodic_gaussian.toml");
  auto run = run_heat(context(), deck);
  const size_t e = run->index("energy");
  const double e0 = run->initial_diagnostics[e], e1 = run->final_diagnostics[e];
  EXPECT_GT(e0, 0.0);
  EXPECT_LE(std::abs(e1 - e0) / std::abs(e0), 1e-12) << e0 << " -> " << e1;
  // It did diffuse: the peak dropped.
  const size_t mx = run->index("T_max");
  EXPECT_LT(run->final_diagnostics[mx], 0.9 * run->initial_diagnostics[mx]);
}

TEST(Heat, EnergyConservedWithZeroFluxBoundaries) {
  for (const char* scheme : {"forward_euler", "ssp_rk2", "ssp_rk3"}) {
    const std::string deck = boreas::testing::read_test_deck("heat/neumann_gaussian_2d.toml");
    auto run = run_heat(context(), deck, {std::string("physics.integrator=\"") + scheme + "\""});
    const size_t e = run->index("energy");
    const double e0 = run->initial_diagnostics[e], e1 = run->final_diagnostics[e];
    EXPECT_LE(std::abs(e1 - e0) / std::abs(e0), 1e-12) << scheme << ": " << e0 << " -> " << e1;
  }
}

TEST(Heat, DirichletWallDrainsEnergy) {
  // The converse of the conservation tests: an absorbing wall must lose heat,
  // so the conservation checks above are not vacuous.
  auto run = run_heat(context(), kDirichletSine, {"run.t_end=0.005"});
  const size_t e = run->index("energy");
  EXPECT_LT(run->final_diagnostics[e], 0.95 * run->initial_diagnostics[e]);
}

// Runs the same 3D problem on 1, 2 and (if available) 4 ranks of this launch
// and with the Serial backend, and requires identical bits everywhere.
TEST(Heat, BitwiseIdenticalAcrossRankCountsAndBackends) {
  const auto& world = context();
  const std::string deck = boreas::testing::read_test_deck("heat/mixed_heated_3d.toml");
  std::vector<double> reference;
  for (int nranks : {1, 2, 4}) {
    if (nranks > world.size()) break;
    MPI_Comm sub;
    MPI_Comm_split(world.comm(), world.rank() < nranks ? 0 : MPI_UNDEFINED, world.rank(), &sub);
    for (bool serial : {false, true}) {
      std::vector<double> global;
      if (sub != MPI_COMM_NULL) {
        boreas::Context ctx(sub);
        const bool before = boreas::exec::force_serial(serial);
        auto run = run_heat(ctx, deck);
        global = boreas::testing::gather_global(run->mesh(), run->variable("T").view, 0);
        boreas::exec::force_serial(before);
      }
      if (world.is_root()) {
        if (reference.empty()) {
          reference = global;
        } else {
          ASSERT_EQ(global.size(), reference.size());
          EXPECT_EQ(0, std::memcmp(global.data(), reference.data(), global.size() * sizeof(double)))
              << nranks << " ranks, serial=" << serial << " differs from 1 rank default backend";
        }
      }
    }
    if (sub != MPI_COMM_NULL) MPI_Comm_free(&sub);
  }
  if (world.is_root()) {
    EXPECT_FALSE(reference.empty());
  }
}
