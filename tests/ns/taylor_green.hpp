#pragma once
// Test helper: the 2D Taylor-Green vortex of the ns app
// (inputs/ns/taylor_green.toml: periodic [0, 2 pi]^2, nu = 0.01, U = 1,
// n^2 cells, t_end = 1 unless overridden), and the spatial-convergence check
// both viscous schemes must pass.
#include <string>
#include <vector>

#include "core/context.hpp"

namespace boreas::testing {

struct TaylorGreenResult {
  double ke0 = 0, ke = 0, error = 0, div_run = 0, time = 0;
  long long steps = 0;
};

// extra: deck overrides applied after mesh.cells = [n, n]. On the test's
// context, or on `ctx` (every rank of it calls).
TaylorGreenResult run_taylor_green(int n, const std::vector<std::string>& extra = {});
TaylorGreenResult run_taylor_green(const Context& ctx, int n,
                                   const std::vector<std::string>& extra);

// Velocity error at t = 0.5 on 16^2, 32^2, 64^2 (plus `extra`): observed
// order >= 1.9 between each pair, max |div u| h/U <= 1e-9 in every run.
void expect_taylor_green_second_order(const std::vector<std::string>& extra, const char* label);

}  // namespace boreas::testing
