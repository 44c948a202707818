// Implicit heat (time.scheme = backward-euler | crank-nicolson): observed
// order in time against a fine-step reference on the same grid (so the
// spatial error cancels), with a time-dependent manufactured source and
// inhomogeneous dirichlet data that match the initial condition (data that
// jump at t = 0 excite stiff modes Crank–Nicolson barely damps, and the
// observed order then says nothing about the scheme); and a step far beyond the explicit limit.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "tests/common/decks.hpp"
#include "tests/common/gather.hpp"
#include "tests/common/run.hpp"
#include "tests/test_context.hpp"

using boreas::testing::context;
using boreas::testing::run_heat;

namespace {

const std::string kDeck = boreas::testing::read_test_deck("heat/implicit_manufactured_2d.toml");

// Final field (gathered on rank 0) with `steps` equal steps to t_end.
std::vector<double> final_field(const std::string& scheme, int steps) {
  char dt[64];
  std::snprintf(dt, sizeof dt, "run.dt=%.17g", 0.1 / steps);
  auto run = run_heat(context(), kDeck, {"time.scheme=\"" + scheme + "\"", dt});
  EXPECT_EQ(run->steps, steps);
  return boreas::testing::gather_global(run->mesh(), run->variable("T").view, 0);
}

double rms_difference(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0.0;
  for (size_t i = 0; i < a.size(); ++i) s += (a[i] - b[i]) * (a[i] - b[i]);
  return std::sqrt(s / static_cast<double>(a.size()));
}

// Observed orders between successive halvings of dt.
std::vector<double> observed_orders(const std::string& scheme) {
  const auto reference = final_field(scheme, 1280);
  std::vector<double> errors;
  for (int steps : {10, 20, 40})
    errors.push_back(rms_difference(final_field(scheme, steps), reference));
  std::vector<double> orders;
  if (context().is_root()) {
    for (size_t i = 1; i < errors.size(); ++i)
      orders.push_back(std::log2(errors[i - 1] / errors[i]));
    std::printf("%s: errors vs dt/128 reference %.3e %.3e %.3e, orders %.3f %.3f\n", scheme.c_str(),
                errors[0], errors[1], errors[2], orders[0], orders[1]);
  }
  return orders;
}

}  // namespace

TEST(HeatImplicit, BackwardEulerIsFirstOrderInTime) {
  const auto p = observed_orders("backward-euler");
  for (double o : p) {
    EXPECT_GT(o, 0.9);
    EXPECT_LT(o, 1.2);  // and not better: a second-order result would mean the scheme is wrong
  }
}

TEST(HeatImplicit, CrankNicolsonIsSecondOrderInTime) {
  const auto p = observed_orders("crank-nicolson");
  for (double o : p) EXPECT_GT(o, 1.9);
}

TEST(HeatImplicit, StableFarBeyondTheExplicitLimit) {
  // The explicit limit here is dx^2 / (4 kappa) ~ 2.4e-4; take 100x that.
  // Dirichlet data = background, so the manufactured solution is exact.
  auto run = run_heat(context(), kDeck, {"time.scheme=\"crank-nicolson\"", "run.dt=0.025"});
  const size_t e = run->index("l2_error");
  EXPECT_EQ(run->steps, 4);
  EXPECT_LT(run->final_diagnostics[e], 2e-2);
  EXPECT_GT(run->final_diagnostics[run->index("iterations")], 0);
}

TEST(HeatImplicit, ImplicitSchemeWithoutDtIsADeckError) {
  EXPECT_THROW(run_heat(context(), kDeck, {"time.scheme=\"backward-euler\""}), boreas::InputError);
}
