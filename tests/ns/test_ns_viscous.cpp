// ns app with Crank–Nicolson viscosity (physics.viscous = "crank-nicolson"):
// second-order space convergence on the Taylor–Green vortex, stability and
// accuracy at a dt the explicit scheme cannot take, and the Re = 100 cavity
// centrelines against the explicit run's.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "tests/common/run.hpp"
#include "tests/ns/cavity.hpp"
#include "tests/ns/taylor_green.hpp"
#include "tests/test_context.hpp"

using boreas::testing::context;

namespace {

using Tg = boreas::testing::TaylorGreenResult;

// The 32^2 vortex to t = 0.5 with Crank-Nicolson viscosity, plus `overrides`.
Tg taylor_green(std::vector<std::string> overrides) {
  overrides.insert(overrides.begin(), {"run.t_end=0.5", "physics.viscous=\"crank-nicolson\""});
  return boreas::testing::run_taylor_green(32, overrides);
}

}  // namespace

TEST(NavierStokesCrankNicolson, TaylorGreenConvergesAtSecondOrderInSpace) {
  boreas::testing::expect_taylor_green_second_order({"physics.viscous=\"crank-nicolson\""},
                                                    "TG CN");
}

TEST(NavierStokesCrankNicolson, StableAndAccurateBeyondTheExplicitViscousLimit) {
  // nu = 0.5 on 32^2 (h = 2 pi / 32): AB2's viscous limit is h^2 / (8 nu)
  // * 2 = 9.6e-3; dt = 0.04 is four times that (the advective limit, 0.049,
  // still holds). The vortex decays by exp(-2 nu t) = e^-1 by t = 1.
  const std::vector<std::string> ov = {"physics.nu=0.5", "run.t_end=1.0", "run.dt=0.04"};
  const Tg cn = taylor_green(ov);
  // Same dt, explicit viscosity: AB2 amplifies the grid-scale modes by ~5.7
  // a step. It either fails (non-finite pressure solve) or ends far off.
  double explicit_error = 0.0;
  bool explicit_failed = false;
  try {
    std::vector<std::string> ex = ov;
    ex.push_back("physics.viscous=\"explicit\"");
    explicit_error = taylor_green(ex).error;
  } catch (const boreas::Error&) {
    explicit_failed = true;
  }
  // The same run at a 4x smaller dt: CN's time error is the difference.
  std::vector<std::string> small = ov;
  small.back() = "run.dt=0.01";
  const Tg cn_small = taylor_green(small);
  const double decay = std::exp(-2.0 * 0.5 * cn.time);  // amplitude U = 1
  if (context().is_root()) {
    std::printf(
        "TG nu=0.5, 32^2, dt=0.04 (%lld steps): CN error %.3e (%.2e of the amplitude %.4f), "
        "KE ratio %.6f vs exp(-4 nu t) %.6f; dt=0.01: CN error %.3e; explicit: %s %.3e\n",
        cn.steps, cn.error, cn.error / decay, decay, cn.ke / cn.ke0, decay * decay, cn_small.error,
        explicit_failed ? "failed" : "error", explicit_error);
  }
  EXPECT_LT(cn.error, 2e-3 * decay);
  // The kinetic energy carries the spatial error of the decay rate: the
  // 3-point Laplacian's eigenvalue of sin(x) is 1 - h^2/12, so KE(1)/KE(0) is
  // exp(4 nu t h^2 / 12) = 1.0064 times the exact ratio at 32^2.
  const double h = 6.283185307179586 / 32;
  EXPECT_NEAR(cn.ke / cn.ke0, decay * decay * std::exp(4.0 * 0.5 * cn.time * h * h / 12.0),
              1e-3 * decay * decay);
  EXPECT_LT(std::fabs(cn.error - cn_small.error), 1e-3 * decay);  // dt barely matters
  EXPECT_LE(cn.div_run, 1e-9);
  EXPECT_TRUE(explicit_failed || !(explicit_error < 1.0));
}

TEST(NavierStokesCrankNicolson, CavityRe100CentrelinesMatchExplicit) {
  using boreas::testing::run_cavity;
  const auto ex = run_cavity(100, 32, 15.0, {"physics.viscous=\"explicit\""});
  const auto cn = run_cavity(100, 32, 15.0, {"physics.viscous=\"crank-nicolson\""});
  EXPECT_LE(cn.max_div_scaled_run, 1e-9);
  if (!context().is_root()) return;
  double du = 0.0, dv = 0.0;
  for (size_t k = 0; k < ex.u_centre.size(); ++k) {
    du = std::max(du, std::fabs(ex.u_centre[k] - cn.u_centre[k]));
    dv = std::max(dv, std::fabs(ex.v_centre[k] - cn.v_centre[k]));
  }
  std::printf(
      "cavity 32^2 Re 100, t = 15: max |u_CN - u_explicit| %.3e, max |v_CN - v_explicit| %.3e\n",
      du, dv);
  // Both approach the same discrete steady state; what is left at t = 15 is
  // the decaying transient (measured ~1e-5).
  EXPECT_LT(du, 1e-3);
  EXPECT_LT(dv, 1e-3);
}
