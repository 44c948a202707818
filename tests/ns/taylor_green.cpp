#include "tests/ns/taylor_green.hpp"

#include <cmath>
#include <cstdio>

#include <gtest/gtest.h>

#include "tests/heat/heat_runner.hpp"
#include "tests/test_context.hpp"

namespace boreas::testing {
namespace {

const char* kTaylorGreen = R"(
[run]
app = "ns"
t_end = 1.0
[mesh]
cells = [64, 64]
upper = [6.283185307179586, 6.283185307179586]
[boundary]
x_lower = "periodic"
x_upper = "periodic"
y_lower = "periodic"
y_upper = "periodic"
[physics]
nu = 0.01
init = "taylor-green"
)";

}  // namespace

TaylorGreenResult run_taylor_green(int n, const std::vector<std::string>& extra) {
  std::vector<std::string> ov = {"mesh.cells=[" + std::to_string(n) + "," + std::to_string(n) + "]"};
  ov.insert(ov.end(), extra.begin(), extra.end());
  auto run = run_app(context(), "ns", kTaylorGreen, ov);
  const auto& app = *run->app;
  TaylorGreenResult r;
  r.ke0 = run->initial_diagnostics[diagnostic_index(app, "kinetic_energy")];
  r.ke = run->final_diagnostics[diagnostic_index(app, "kinetic_energy")];
  r.error = run->final_diagnostics[diagnostic_index(app, "velocity_error")];
  r.div_run = run->final_diagnostics[diagnostic_index(app, "max_div_scaled_run")];
  r.time = run->time;
  r.steps = run->steps;
  return r;
}

void expect_taylor_green_second_order(const std::vector<std::string>& extra, const char* label) {
  std::vector<std::string> ov = {"run.t_end=0.5"};
  ov.insert(ov.end(), extra.begin(), extra.end());
  const std::vector<int> sizes = {16, 32, 64};
  std::vector<double> e;
  for (int n : sizes) {
    const TaylorGreenResult r = run_taylor_green(n, ov);
    e.push_back(r.error);
    EXPECT_LE(r.div_run, 1e-9);
  }
  for (size_t i = 1; i < e.size(); ++i) {
    const double order = std::log2(e[i - 1] / e[i]);
    if (context().is_root()) {
      std::printf("%s: n=%d error %.3e, n=%d error %.3e, order %.3f\n", label, sizes[i - 1],
                  e[i - 1], sizes[i], e[i], order);
    }
    EXPECT_GE(order, 1.9);
  }
}

}  // namespace boreas::testing
