// ns app with Boussinesq buoyancy: a stably stratified fluid stays at rest
// (the buoyancy of a T(y) profile is a discrete gradient the projection
// removes), and Rayleigh–Bénard between rigid plates (periodic in x, box
// 2 x 1, Pr = 1) decays at Ra = 1500 and grows at Ra = 2000 (onset 1708).
// The wall Nusselt numbers are 1 for pure conduction and exceed 1 once the
// rolls carry heat; physics.Ra / physics.Pr reproduce the explicit
// coefficients; conflicting keys are refused.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "core/error.hpp"
#include "tests/common/decks.hpp"
#include "tests/common/run.hpp"
#include "tests/test_context.hpp"

using boreas::testing::context;
using boreas::testing::run_app;

namespace {

std::vector<std::string> with_coefficients(std::vector<std::string> ov) {
  ov.push_back("physics.nu=0.05");
  ov.push_back("physics.kappa=0.05");
  return ov;
}

// tests/decks/ns/benard.toml: Ra = beta_g dT H^3 / (nu kappa) with dT = H = 1;
// nu = kappa = 0.05 come as overrides (with_coefficients) so that the Ra/Pr
// test can leave them out.
const std::string kBenard = boreas::testing::read_test_deck("ns/benard.toml");

double kinetic_energy(double ra, double t_end) {
  const double beta_g = ra * 0.05 * 0.05;
  auto run = run_app(context(), "ns", kBenard,
                     with_coefficients({"physics.beta_g=" + std::to_string(beta_g),
                                        "run.t_end=" + std::to_string(t_end)}));
  return run->final("kinetic_energy");
}

}  // namespace

TEST(NavierStokesBoussinesq, StableStratificationStaysAtRest) {
  // Hot above cold, strong buoyancy: the hydrostatic state must not move.
  auto run = run_app(context(), "ns", kBenard,
                     with_coefficients({"physics.beta_g=50.0", "problem.T_perturbation=0.0",
                                        "run.t_end=2.0", "physics.thermal.y_lower_value=0.0",
                                        "physics.thermal.y_upper_value=1.0"}));
  const double ke = run->final("kinetic_energy");
  const double nu_lo = run->final("Nu_y_lower");
  const double nu_hi = run->final("Nu_y_upper");
  if (context().is_root()) {
    std::printf("stable stratification, t = 2: KE %.3e, Nu %.15f %.15f\n", ke, nu_lo, nu_hi);
  }
  EXPECT_LT(ke, 1e-20);
  // Linear conduction profile: the wall flux is exactly kappa dT / L.
  EXPECT_NEAR(nu_lo, 1.0, 1e-10);
  EXPECT_NEAR(nu_hi, 1.0, 1e-10);
}

TEST(NavierStokesBoussinesq, RayleighPrandtlKeysReproduceExplicitCoefficients) {
  // Ra = 2000, Pr = 1 in thermal units (L = dT = 1): kappa = nu = 1,
  // beta_g = 2000, i.e. the explicit run (kappa = nu = 0.05) with time
  // scaled by 20 and velocity by 1/0.05: the same steps, KE x 400.
  auto ex =
      run_app(context(), "ns", kBenard, with_coefficients({"physics.beta_g=5.0", "run.t_end=2.0"}));
  auto ra =
      run_app(context(), "ns", kBenard,
              {"physics.Ra=2000", "physics.Pr=1", "physics.Ra_units=\"thermal\"", "run.t_end=0.1"});
  const size_t ke = ex->index("kinetic_energy");
  const size_t nu = ex->index("Nu_y_lower");
  const double ke_ex = ex->final_diagnostics[ke], ke_ra = ra->final_diagnostics[ke];
  if (context().is_root()) {
    std::printf(
        "Ra 2000 explicit vs Ra/Pr keys: %lld vs %lld steps, KE x 400 %.12e vs %.12e, Nu %.12f vs "
        "%.12f\n",
        ex->steps, ra->steps, 400 * ke_ex, ke_ra, ex->final_diagnostics[nu],
        ra->final_diagnostics[nu]);
  }
  EXPECT_EQ(ex->steps, ra->steps);
  EXPECT_NEAR(ke_ra, 400 * ke_ex, 1e-8 * ke_ra);
  EXPECT_NEAR(ra->final_diagnostics[nu], ex->final_diagnostics[nu], 1e-9);
  // Free-fall units: the same physics with time in H / U and velocity in
  // U = sqrt(beta_g dT H) = sqrt(5) of the explicit run: t = 2 sqrt(5), KE / 5.
  auto ff = run_app(context(), "ns", kBenard,
                    {"physics.Ra=2000", "physics.Pr=1", "physics.Ra_units=\"free-fall\"",
                     "run.t_end=4.47213595499958"});
  EXPECT_NEAR(ff->final_diagnostics[ke], ke_ex / 5, 1e-8 * ke_ex);
  EXPECT_NEAR(ff->final_diagnostics[nu], ex->final_diagnostics[nu], 1e-9);
}

TEST(NavierStokesBoussinesq, RayleighKeysRefuseConflicts) {
  auto message = [](std::vector<std::string> ov) {
    ov.push_back("run.max_steps=1");
    try {
      run_app(context(), "ns", kBenard, ov);
    } catch (const boreas::InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string both =
      message({"physics.Ra=2000", "physics.Pr=1", "physics.nu=0.1", "physics.beta_g=1"});
  EXPECT_NE(both.find("physics.nu, physics.beta_g"), std::string::npos) << both;
  EXPECT_NE(message({"physics.Ra=2000"}).find("physics.Pr is missing"), std::string::npos);
  EXPECT_NE(message({"physics.Ra=2000", "physics.Pr=1", "physics.thermal.y_upper=\"adiabatic\""})
                .find("isothermal"),
            std::string::npos);
  EXPECT_NE(message({"physics.Ra=2000", "physics.Pr=1", "physics.boussinesq=false"})
                .find("physics.boussinesq"),
            std::string::npos);
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
