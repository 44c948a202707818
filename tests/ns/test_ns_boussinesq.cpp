// ns app with Boussinesq buoyancy: a stably stratified fluid stays at rest
// (the buoyancy of a T(y) profile is a discrete gradient the projection
// removes), and Rayleigh–Bénard between rigid plates (periodic in x, box
// 2 x 1, Pr = 1) decays at Ra = 1500 and grows at Ra = 2000 (onset 1708).
#include <gtest/gtest.h>

#include <cstdio>

#include "tests/heat/heat_runner.hpp"
#include "tests/test_context.hpp"

using boreas::testing::context;
using boreas::testing::diagnostic_index;
using boreas::testing::run_app;

namespace {

// Ra = beta_g dT H^3 / (nu kappa) with dT = H = 1, nu = kappa = 0.05.
const char* kBenard = R"(
[run]
app = "ns"
[mesh]
cells = [24, 12]
upper = [2.0, 1.0]
[boundary]
x_lower = "periodic"
x_upper = "periodic"
y_lower = "wall"
y_upper = "wall"
[physics]
nu = 0.05
kappa = 0.05
boussinesq = true
T0 = 0.5
T_init = "conduction"
T_perturbation = 0.01
[physics.thermal]
y_lower = "isothermal"
y_lower_value = 1.0
y_upper = "isothermal"
y_upper_value = 0.0
)";

double kinetic_energy(double ra, double t_end) {
  const double beta_g = ra * 0.05 * 0.05;
  auto run = run_app(context(), "ns", kBenard,
                     {"physics.beta_g=" + std::to_string(beta_g), "run.t_end=" + std::to_string(t_end)});
  return run->final_diagnostics[diagnostic_index(*run->app, "kinetic_energy")];
}

}  // namespace

TEST(NavierStokesBoussinesq, StableStratificationStaysAtRest) {
  // Hot above cold, strong buoyancy: the hydrostatic state must not move.
  auto run = run_app(context(), "ns", kBenard,
                     {"physics.beta_g=50.0", "physics.T_perturbation=0.0", "run.t_end=2.0",
                      "physics.thermal.y_lower_value=0.0", "physics.thermal.y_upper_value=1.0"});
  const double ke = run->final_diagnostics[diagnostic_index(*run->app, "kinetic_energy")];
  if (context().is_root()) std::printf("stable stratification, t = 2: KE %.3e\n", ke);
  EXPECT_LT(ke, 1e-20);
}

TEST(NavierStokesBoussinesq, RayleighBenardOnsetBetween1500And2000) {
  const double d1 = kinetic_energy(1500, 10.0), d2 = kinetic_energy(1500, 20.0);
  const double g1 = kinetic_energy(2000, 10.0), g2 = kinetic_energy(2000, 20.0);
  if (context().is_root()) {
    std::printf("Ra 1500: KE(10) %.3e -> KE(20) %.3e; Ra 2000: KE(10) %.3e -> KE(20) %.3e\n", d1,
                d2, g1, g2);
  }
  EXPECT_LT(d2, 0.5 * d1);  // decays
  EXPECT_GT(g2, 2.0 * g1);  // grows
}
