#include "tests/ns/taylor_green.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "tests/common/decks.hpp"
#include "tests/common/run.hpp"
#include "tests/test_context.hpp"

namespace boreas::testing {

TaylorGreenResult run_taylor_green(int n, const std::vector<std::string>& extra) {
  return run_taylor_green(context(), n, extra);
}

TaylorGreenResult run_taylor_green(const Context& ctx, int n,
                                   const std::vector<std::string>& extra) {
  std::vector<std::string> ov = {"mesh.cells=[" + std::to_string(n) + "," + std::to_string(n) +
                                 "]"};
  ov.insert(ov.end(), extra.begin(), extra.end());
  auto run = run_app(ctx, "ns", read_input_deck("ns/taylor_green.toml"), ov);
  TaylorGreenResult r;
  r.ke0 = run->initial("kinetic_energy");
  r.ke = run->final("kinetic_energy");
  r.error = run->final("velocity_error");
  r.div_run = run->final("max_div_scaled_run");
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
