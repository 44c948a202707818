// physics.Re sets nu = U L / Re (U = physics.U, default 1; L = physics.L,
// default the x extent): the same run as the explicit nu, bit for bit; nu is
// reported as a derived parameter; conflicting or orphaned keys are refused
// naming them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/error.hpp"
#include "tests/common/decks.hpp"
#include "tests/common/run.hpp"
#include "tests/test_context.hpp"

using boreas::testing::context;
using boreas::testing::run_app;

namespace {

const std::string kCavity = boreas::testing::read_test_deck("ns/cavity.toml");

std::string message(std::vector<std::string> ov) {
  ov.push_back("run.max_steps=1");
  try {
    run_app(context(), "ns", kCavity, ov);
  } catch (const boreas::InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST(NavierStokesReynolds, ReGivesTheSameRunAsItsViscosity) {
  // Domain 2 x 1, lid speed 0.5: Re = 0.5 x 2 / nu.
  const std::vector<std::string> base = {"mesh.upper=[2.0, 1.0]", "boundary.y_upper_value=0.5",
                                         "run.max_steps=20"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> ov = base;
    ov.insert(ov.end(), extra.begin(), extra.end());
    return run_app(context(), "ns", kCavity, ov);
  };
  auto nu = with({"physics.nu=0.0025"});
  auto re = with({"physics.Re=400", "physics.U=0.5"});  // L = the x extent, 2
  auto re_l = with({"physics.Re=200", "physics.U=0.5", "physics.L=1.0"});
  const double ke = nu->final("kinetic_energy");
  EXPECT_GT(ke, 0.0);
  EXPECT_EQ(re->final("kinetic_energy"), ke);
  EXPECT_EQ(re_l->final("kinetic_energy"), ke);
  EXPECT_EQ(re->steps, nu->steps);
  const auto& derived = re->sim->derived_parameters();
  ASSERT_EQ(derived.size(), 1u);
  EXPECT_EQ(derived[0].name, "nu");
  EXPECT_EQ(derived[0].value, 0.0025);
  EXPECT_NE(derived[0].origin.find("physics.Re = 400, U = 0.5, L = 2 (the x extent)"),
            std::string::npos)
      << derived[0].origin;
  EXPECT_NE(re->sim->resolved_deck_text().find("#   nu = 0.0025 m^2/s"), std::string::npos)
      << re->sim->resolved_deck_text();
  EXPECT_TRUE(nu->sim->derived_parameters().empty());
}

TEST(NavierStokesReynolds, ConflictsAndOrphansAreRefused) {
  const std::string both = message({"physics.Re=400", "physics.nu=0.01"});
  EXPECT_NE(both.find("remove physics.nu"), std::string::npos) << both;
  EXPECT_NE(both.find("physics.Re"), std::string::npos) << both;
  const std::string u = message({"physics.U=2.0"});
  EXPECT_NE(u.find("physics.U is the scale of physics.Re"), std::string::npos) << u;
  const std::string l = message({"physics.L=2.0"});
  EXPECT_NE(l.find("physics.L is the scale of physics.Re"), std::string::npos) << l;
  const std::string ra =
      message({"physics.Re=400", "physics.Ra=1e4", "physics.Pr=0.71", "physics.boussinesq=true"});
  EXPECT_NE(ra.find("keep one"), std::string::npos) << ra;
  EXPECT_NE(message({"physics.Re=0"}), "no error");
}
