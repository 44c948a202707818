// ns app, passive scalars (physics.scalars): conservation to round-off and
// a uniform scalar staying uniform in the Taylor–Green vortex, the decay of
// a diffusing cosine mode at rest against exp(-D pi^2 t / L^2), a linear
// profile between fixed-value faces staying put, scalars in the state, and
// the deck errors.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "core/error.hpp"
#include "tests/common/decks.hpp"
#include "tests/common/run.hpp"
#include "tests/test_context.hpp"

using boreas::testing::context;
using boreas::testing::run_app;

namespace {

// inputs/ns/taylor_green.toml at 32^2 with two scalars: a stirred cosine
// mode and a uniform one.
const std::vector<std::string> kScalarsInVortex = {"mesh.cells=[32,32]",
                                                   "physics.scalars=[\"dye\",\"ink\"]",
                                                   "physics.scalar_diffusivity=[1e-3,1e-2]",
                                                   "physics.scalar_init=[\"mode\",\"uniform\"]",
                                                   "physics.scalar_value=[1.0,2.0]",
                                                   "physics.scalar_amplitude=[0.5,0.0]",
                                                   "physics.scalar_mode=[2,2]"};

// tests/decks/ns/scalar_box.toml: unit square at rest, zero-flux walls, a
// diffusing cosine mode c.
const std::string kBox = boreas::testing::read_test_deck("ns/scalar_box.toml");

double diag(const boreas::testing::Run& run, const std::string& name, bool initial = false) {
  return initial ? run.initial(name) : run.final(name);
}

}  // namespace

TEST(NavierStokesScalars, ConservedAndUniformInTaylorGreen) {
  auto run = run_app(context(), "ns", boreas::testing::read_input_deck("ns/taylor_green.toml"),
                     kScalarsInVortex);
  const double i0 = diag(*run, "dye_integral", true), i1 = diag(*run, "dye_integral");
  const double area = 4 * M_PI * M_PI;
  if (context().is_root()) {
    std::printf(
        "TG 32^2, t = 1: dye integral %.15f -> %.15f (rel %.1e); ink in [%.15f, %.15f]; dye in "
        "[%.4f, %.4f]\n",
        i0, i1, std::fabs(i1 / i0 - 1), diag(*run, "ink_min"), diag(*run, "ink_max"),
        diag(*run, "dye_min"), diag(*run, "dye_max"));
  }
  EXPECT_NEAR(i0, area, 1e-12 * area);  // the cosine mode integrates to 0
  EXPECT_LT(std::fabs(i1 / i0 - 1), 1e-13);
  EXPECT_LT(diag(*run, "ink_max") - diag(*run, "ink_min"), 1e-11);
  EXPECT_NEAR(diag(*run, "ink_min"), 2.0, 1e-11);
  // The vortex stirs the dye: it is no longer the initial mode.
  EXPECT_LT(diag(*run, "dye_max"), 1.5 - 1e-3);
  // Scalars are state variables (snapshots, VTK, checkpoints, NaN checks).
  const auto state = run->state();
  ASSERT_EQ(state.size(), 5u);
  EXPECT_EQ(state[3].name, "dye");
  EXPECT_EQ(state[4].name, "ink");
}

TEST(NavierStokesScalars, DiffusingModeAtRestDecaysAsExpected) {
  auto run = run_app(context(), "ns", kBox);
  // c = 1 + A(t) cos(pi x) is an eigenvector of the discrete neumann
  // Laplacian; its largest value sits in the first cell, x = h/2.
  const double h = 1.0 / 32, D = 0.01, t = run->time;
  const double amp = (diag(*run, "c_max") - 1.0) / std::cos(M_PI * h / 2) / 0.25;
  const double exact = std::exp(-D * M_PI * M_PI * t);
  const double lambda_h = 4.0 / (h * h) * std::pow(std::sin(M_PI * h / 2), 2);
  const double discrete = std::exp(-D * lambda_h * t);
  if (context().is_root()) {
    std::printf(
        "diffusing mode, t = %.3f: A/A0 %.8f, exp(-D pi^2 t) %.8f (rel %.1e), discrete-space %.8f "
        "(rel %.1e); integral %.15f\n",
        t, amp, exact, std::fabs(amp / exact - 1), discrete, std::fabs(amp / discrete - 1),
        diag(*run, "c_integral"));
  }
  EXPECT_LT(std::fabs(amp / exact - 1), 1e-3);
  EXPECT_LT(std::fabs(amp / discrete - 1),
            1e-5);  // what is left is AB2's time error (measured 1.2e-6)
  EXPECT_NEAR(diag(*run, "c_integral"), 1.0, 1e-13);
  EXPECT_LT(diag(*run, "kinetic_energy"), 1e-30);  // no scalar feedback on the flow
}

TEST(NavierStokesScalars, LinearProfileBetweenFixedFacesIsSteady) {
  auto run =
      run_app(context(), "ns", kBox,
              {"physics.scalar_init=[\"linear\"]", "physics.scalar_axis=\"x\"",
               "physics.scalar_bc.x_lower=[\"fixed\"]", "physics.scalar_bc.x_lower_value=[3.0]",
               "physics.scalar_bc.x_upper=[\"fixed\"]", "physics.scalar_bc.x_upper_value=[1.0]"});
  const double h = 1.0 / 32;
  EXPECT_NEAR(diag(*run, "c_max"), 3.0 - 2.0 * h / 2, 1e-12);
  EXPECT_NEAR(diag(*run, "c_min"), 1.0 + 2.0 * h / 2, 1e-12);
  EXPECT_NEAR(diag(*run, "c_integral"), 2.0, 1e-12);
}

TEST(NavierStokesScalars, DeckErrorsNameTheKeys) {
  auto message = [](const std::vector<std::string>& ov) {
    try {
      run_app(context(), "ns", kBox, ov);
    } catch (const boreas::InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message({"physics.scalars=[\"a\",\"b\",\"c\"]", "physics.scalar_value=[1.0, 2.0]"})
                .find("physics.scalar_value"),
            std::string::npos);
  EXPECT_NE(message({"physics.scalars=[\"T\"]"}).find("physics.scalars"), std::string::npos);
  EXPECT_NE(message({"physics.scalar_init=[\"linear\"]"}).find("fixed"), std::string::npos);
}
