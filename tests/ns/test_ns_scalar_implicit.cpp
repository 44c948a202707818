// ns app, Crank–Nicolson diffusion of the temperature and the passive
// scalars (physics.scalar_diffusion = "crank-nicolson"): a diffusing cosine
// mode at rest against the exact Crank–Nicolson amplification and the
// discrete-space solution (second order in time), a linear profile between
// fixed faces staying steady, conservation and uniformity in the periodic
// Taylor–Green vortex, and the stable step without the diffusion limit.
// Runs on 1 and 2 ranks.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "tests/common/decks.hpp"
#include "tests/common/run.hpp"
#include "tests/test_context.hpp"

using boreas::testing::context;
using boreas::testing::run_app;

namespace {

const std::string kCN = "physics.scalar_diffusion=\"crank-nicolson\"";

// tests/decks/ns/scalar_box.toml (unit square at rest, zero-flux walls, 32 x 8
// cells) with D = 0.1 and the 2D mode c = 1 + 0.25 cos(pi x) cos(pi y), to t = 1.
const double kD = 0.1, kT = 1.0;
const double kHx = 1.0 / 32, kHy = 1.0 / 8;

std::unique_ptr<boreas::testing::Run> mode_run(double dt, const std::string& scheme) {
  return run_app(context(), "ns", boreas::testing::read_test_deck("ns/scalar_box.toml"),
                 {scheme, "physics.scalar_diffusivity=[0.1]", "physics.scalar_mode=[1,1]",
                  "run.t_end=1.0", "run.dt=" + std::to_string(dt)});
}

// Amplitude A(t) of the mode (A(0) = 1), from c_max: the largest value is in
// the corner cell, at (hx/2, hy/2).
double amplitude(const boreas::testing::Run& run) {
  return (run.final("c_max") - 1.0) / (0.25 * std::cos(M_PI * kHx / 2) * std::cos(M_PI * kHy / 2));
}

// Eigenvalue of the discrete neumann Laplacian for the mode.
double lambda_h() {
  const double sx = std::sin(M_PI * kHx / 2), sy = std::sin(M_PI * kHy / 2);
  return 4.0 / (kHx * kHx) * sx * sx + 4.0 / (kHy * kHy) * sy * sy;
}

}  // namespace

TEST(NavierStokesScalarCrankNicolson, DiffusingModeIsSecondOrderInTime) {
  // At rest the advection is 0, so each step multiplies the mode by the
  // Crank–Nicolson factor g = (1 - a l) / (1 + a l), a = D dt / 2, l the
  // discrete eigenvalue; against the space-discrete exact exp(-D l t) the
  // error is the time error alone, O(dt^2).
  const double dts[3] = {0.1, 0.05, 0.025};
  double err[3];
  const double exact = std::exp(-kD * lambda_h() * kT);
  for (int r = 0; r < 3; ++r) {
    auto run = mode_run(dts[r], kCN);
    const double a = 0.5 * kD * dts[r] * lambda_h();
    const double n = std::round(kT / dts[r]);
    const double cn = std::pow((1.0 - a) / (1.0 + a), n);
    const double amp = amplitude(*run);
    err[r] = std::fabs(amp / exact - 1);
    if (context().is_root()) {
      std::printf(
          "CN mode, dt %.3f (%lld steps): A %.12f, CN factor^n %.12f (rel %.1e), exp(-D l t) "
          "%.12f (rel %.2e); integral %.15f; iterations %g\n",
          dts[r], run->steps, amp, cn, std::fabs(amp / cn - 1), exact, err[r],
          run->final("c_integral"), run->final("scalar_diffusion_iterations"));
    }
    EXPECT_EQ(run->steps, static_cast<long long>(n));
    EXPECT_LT(std::fabs(amp / cn - 1), 1e-8);           // exactly the CN recursion
    EXPECT_NEAR(run->final("c_integral"), 1.0, 1e-12);  // zero-flux walls conserve
    EXPECT_GT(run->final("scalar_diffusion_iterations"), 0);
  }
  const double o1 = std::log2(err[0] / err[1]), o2 = std::log2(err[1] / err[2]);
  if (context().is_root()) std::printf("observed order in time: %.3f, %.3f\n", o1, o2);
  EXPECT_GT(o1, 1.9);
  EXPECT_GT(o2, 1.9);
  // The same largest step explicitly is beyond AB2's limit 1/(4 D sum 1/h^2)
  // = 3.1e-3 by 30x: it blows up or ends far off, so the CN run above is
  // not an explicit one.
  bool off = false;
  try {
    auto ex = mode_run(0.1, "physics.scalar_diffusion=\"explicit\"");
    off = !(std::fabs(amplitude(*ex) / exact - 1) < 0.1);
  } catch (const boreas::Error&) {
    off = true;
  }
  EXPECT_TRUE(off);
}

TEST(NavierStokesScalarCrankNicolson, LinearProfileBetweenFixedFacesIsSteady) {
  // The wall values enter lap c^n through the ghosts; the increment's
  // operator is homogeneous dirichlet there. A wrong condition moves it.
  auto run =
      run_app(context(), "ns", boreas::testing::read_test_deck("ns/scalar_box.toml"),
              {kCN, "physics.scalar_diffusivity=[0.1]", "run.dt=0.05",
               "physics.scalar_init=[\"linear\"]", "physics.scalar_axis=\"x\"",
               "physics.scalar_bc.x_lower=[\"fixed\"]", "physics.scalar_bc.x_lower_value=[3.0]",
               "physics.scalar_bc.x_upper=[\"fixed\"]", "physics.scalar_bc.x_upper_value=[1.0]"});
  EXPECT_NEAR(run->final("c_max"), 3.0 - 2.0 * kHx / 2, 1e-11);
  EXPECT_NEAR(run->final("c_min"), 1.0 + 2.0 * kHx / 2, 1e-11);
  EXPECT_NEAR(run->final("c_integral"), 2.0, 1e-11);
}

TEST(NavierStokesScalarCrankNicolson, FixedFacesRelaxToTheirValue) {
  // A uniform 0 between faces fixed at 1 (x) and zero flux (y): the x
  // profile is the discrete heat equation's; after t with D pi^2 t = 9.9 it
  // is 1 to within the decay of the slowest mode, 4/pi exp(-D pi^2 t).
  auto run =
      run_app(context(), "ns", boreas::testing::read_test_deck("ns/scalar_box.toml"),
              {kCN, "physics.scalar_diffusivity=[0.1]", "run.dt=0.05", "run.t_end=10.0",
               "physics.scalar_init=[\"uniform\"]", "physics.scalar_value=[0.0]",
               "physics.scalar_bc.x_lower=[\"fixed\"]", "physics.scalar_bc.x_lower_value=[1.0]",
               "physics.scalar_bc.x_upper=[\"fixed\"]", "physics.scalar_bc.x_upper_value=[1.0]"});
  const double slowest = 4.0 / M_PI * std::exp(-0.1 * M_PI * M_PI * 10.0);
  if (context().is_root()) {
    std::printf("fixed faces: c in [%.8f, %.8f], slowest mode %.2e\n", run->final("c_min"),
                run->final("c_max"), slowest);
  }
  EXPECT_GT(run->final("c_min"), 1.0 - 1.2 * slowest);
  EXPECT_LT(run->final("c_min"), 1.0 - 0.5 * slowest);  // and it is still approaching
  EXPECT_LE(run->final("c_max"), 1.0 + 1e-12);
}

TEST(NavierStokesScalarCrankNicolson, ConservedAndUniformInPeriodicTaylorGreen) {
  // Periodic faces, advection AB2 + diffusion CN; dt from the app.
  auto run =
      run_app(context(), "ns", boreas::testing::read_input_deck("ns/taylor_green.toml"),
              {kCN, "mesh.cells=[32,32]", "physics.scalars=[\"dye\",\"ink\"]",
               "physics.scalar_diffusivity=[1e-3,1e-2]",
               "physics.scalar_init=[\"mode\",\"uniform\"]", "physics.scalar_value=[1.0,2.0]",
               "physics.scalar_amplitude=[0.5,0.0]", "physics.scalar_mode=[2,2]"});
  const double i0 = run->initial("dye_integral"), i1 = run->final("dye_integral");
  if (context().is_root()) {
    std::printf("TG CN scalars: dye integral rel change %.1e; ink spread %.1e; dye max %.4f\n",
                std::fabs(i1 / i0 - 1), run->final("ink_max") - run->final("ink_min"),
                run->final("dye_max"));
  }
  EXPECT_LT(std::fabs(i1 / i0 - 1), 1e-11);
  EXPECT_LT(run->final("ink_max") - run->final("ink_min"), 1e-11);
  EXPECT_LT(run->final("dye_max"), 1.5 - 1e-3);  // stirred and diffused
}

TEST(NavierStokesScalarCrankNicolson, StableStepDropsTheDiffusionLimit) {
  // Taylor–Green 32^2 (U = 1, nu = 0.01, h = 2 pi / 32) with a scalar of
  // D = 1: explicitly D sets dt = 1 / (4 D sum 1/h^2); with Crank–Nicolson
  // the advective 0.5 / sum(|u_d|max/h) is left (nu's limit is 100x larger);
  // the MAC samples' |u|max is cos(h/2) (u = sin x cos y, y at cell centres).
  const std::vector<std::string> ov = {"mesh.cells=[32,32]",
                                       "run.max_steps=0",
                                       "physics.scalars=[\"dye\"]",
                                       "physics.scalar_diffusivity=[1.0]",
                                       "physics.scalar_init=[\"mode\"]",
                                       "physics.scalar_value=[1.0]",
                                       "physics.scalar_amplitude=[0.5]",
                                       "physics.scalar_mode=[2,2]"};
  const std::string deck = boreas::testing::read_input_deck("ns/taylor_green.toml");
  auto ex = run_app(context(), "ns", deck, ov);
  std::vector<std::string> ov_cn = ov;
  ov_cn.push_back(kCN);
  auto cn = run_app(context(), "ns", deck, ov_cn);
  const double h = 2 * M_PI / 32;
  const double dt_ex = ex->sim->app().max_stable_dt();
  const double dt_cn = cn->sim->app().max_stable_dt();
  if (context().is_root()) {
    std::printf("max_stable_dt: explicit %.6e, crank-nicolson %.6e (ratio %.2f)\n", dt_ex, dt_cn,
                dt_cn / dt_ex);
  }
  EXPECT_NEAR(dt_ex, 1.0 / (4.0 * 1.0 * 2.0 / (h * h)), 1e-12 * dt_ex);
  EXPECT_NEAR(dt_cn, 0.5 / (2.0 * std::cos(h / 2) / h), 1e-12 * dt_cn);
  EXPECT_GT(dt_cn, 5.0 * dt_ex);
  // And a run to t = 0.5 takes that many fewer steps and stays bounded.
  ov_cn[1] = "run.t_end=0.5";
  auto cn_run = run_app(context(), "ns", deck, ov_cn);
  if (context().is_root()) {
    std::printf("TG D = 1 to t = 0.5: %lld steps; dye in [%.6f, %.6f]\n", cn_run->steps,
                cn_run->final("dye_min"), cn_run->final("dye_max"));
  }
  EXPECT_LT(cn_run->steps, 60);  // explicit: 0.5 / (0.9 dt_ex) = 256 steps
  // The mode decays as exp(-2 D t) = e^-1 (stirred a little): bounded, smooth.
  EXPECT_GT(cn_run->final("dye_max"), 1.1);
  EXPECT_LT(cn_run->final("dye_max"), 1.25);
  EXPECT_GT(cn_run->final("dye_min"), 0.75);
}
