#include "tests/ns/cavity.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include <gtest/gtest.h>

#include "core/timers.hpp"
#include "tests/common/gather.hpp"
#include "tests/heat/heat_runner.hpp"
#include "tests/ns/ghia.hpp"
#include "tests/test_context.hpp"

namespace boreas::testing {
namespace {

const char* kCavity = R"(
[run]
app = "ns"
[mesh]
cells = [32, 32]
[boundary]
x_lower = "wall"
x_upper = "wall"
y_lower = "wall"
y_upper = "wall"
y_upper_value = 1.0
[physics]
nu = 0.01
)";

// Piecewise-linear interpolation through (s[k], f[k]) (s increasing).
double interpolate(const std::vector<double>& s, const std::vector<double>& f, double x) {
  auto it = std::upper_bound(s.begin(), s.end(), x);
  if (it == s.begin()) return f.front();
  if (it == s.end()) return f.back();
  const size_t k = static_cast<size_t>(it - s.begin());
  const double w = (x - s[k - 1]) / (s[k] - s[k - 1]);
  return (1 - w) * f[k - 1] + w * f[k];
}

}  // namespace

CavityResult run_cavity(int re, int n, double t_end, const std::vector<std::string>& extra) {
  if (re != 100 && re != 1000) throw std::invalid_argument("run_cavity: Ghia data for Re 100 and 1000 only");
  std::vector<std::string> ov = {"mesh.cells=[" + std::to_string(n) + "," + std::to_string(n) + "]",
                                 "run.t_end=" + std::to_string(t_end),
                                 "physics.nu=" + std::to_string(1.0 / re)};
  ov.insert(ov.end(), extra.begin(), extra.end());
  const double t0 = wall_seconds();
  auto run = run_app(context(), "ns", kCavity, ov);
  CavityResult r;
  r.seconds = wall_seconds() - t0;
  r.steps = run->steps;
  r.max_div_scaled_run =
      run->final_diagnostics[diagnostic_index(*run->app, "max_div_scaled_run")];
  const auto state = run->app->state();
  const std::vector<double> u = gather_global(*run->mesh, state[0].view, state[0].var);
  const std::vector<double> v = gather_global(*run->mesh, state[1].view, state[1].var);
  if (!context().is_root()) return r;
  const double h = 1.0 / n;
  // u(i = n/2) lies on x = 0.5 at y = (j + 1/2) h; v(j = n/2) on y = 0.5 at x = (i + 1/2) h.
  std::vector<double> s = {0.0}, fu = {0.0}, fv = {0.0};
  for (int k = 0; k < n; ++k) {
    s.push_back((k + 0.5) * h);
    fu.push_back(u[static_cast<size_t>(k) * n + n / 2]);
    fv.push_back(v[static_cast<size_t>(n / 2) * n + k]);
  }
  s.push_back(1.0);
  fu.push_back(1.0);
  fv.push_back(0.0);
  const auto max_deviation = [&](const auto& table, const std::vector<double>& f) {
    double m = 0.0;
    for (const auto& p : table) m = std::max(m, std::fabs(interpolate(s, f, p.s) - p.value));
    return m;
  };
  r.max_u_deviation = re == 100 ? max_deviation(ghia::kU100, fu) : max_deviation(ghia::kU1000, fu);
  r.max_v_deviation = re == 100 ? max_deviation(ghia::kV100, fv) : max_deviation(ghia::kV1000, fv);
  r.u_centre = fu;
  r.v_centre = fv;
  r.u_min = *std::min_element(fu.begin(), fu.end());
  r.v_min = *std::min_element(fv.begin(), fv.end());
  r.v_max = *std::max_element(fv.begin(), fv.end());
  return r;
}

void print_cavity(int re, int n, const CavityResult& r) {
  if (!context().is_root()) return;
  std::printf("cavity Re %d %d^2: max |u - Ghia| %.4f, max |v - Ghia| %.4f, u_min %.4f, v_min %.4f, v_max %.4f, max div*h/U %.2e, %lld steps, %.1f s\n",
              re, n, r.max_u_deviation, r.max_v_deviation, r.u_min, r.v_min, r.v_max,
              r.max_div_scaled_run, r.steps, r.seconds);
}

}  // namespace boreas::testing
