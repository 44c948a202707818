#include "tests/ns/cavity.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/timers.hpp"
#include "tests/common/decks.hpp"
#include "tests/common/gather.hpp"
#include "tests/common/run.hpp"
#include "tests/test_context.hpp"

namespace boreas::testing {
namespace {

// One column pair of Ghia, Ghia & Shin (1982): the s coordinate (y for
// Table I, x for Table II) and the value at it.
struct GhiaTable {
  std::vector<double> s, value;
};

// tests/data/ghia_re<re>.csv: columns y, u (Table I) and x, v (Table II).
void read_ghia(int re, GhiaTable& u, GhiaTable& v) {
  const std::string path = source_path("tests/data/ghia_re" + std::to_string(re) + ".csv");
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {  // y,u,x,v
      header = false;
      continue;
    }
    std::istringstream row(line);
    double c[4];
    char comma;
    row >> c[0] >> comma >> c[1] >> comma >> c[2] >> comma >> c[3];
    if (!row) throw std::runtime_error(path + ": malformed row '" + line + "'");
    u.s.push_back(c[0]);
    u.value.push_back(c[1]);
    v.s.push_back(c[2]);
    v.value.push_back(c[3]);
  }
}

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
  if (re != 100 && re != 1000)
    throw std::invalid_argument("run_cavity: Ghia data for Re 100 and 1000 only");
  std::vector<std::string> ov = {"mesh.cells=[" + std::to_string(n) + "," + std::to_string(n) + "]",
                                 "run.t_end=" + std::to_string(t_end),
                                 "physics.nu=" + std::to_string(1.0 / re)};
  ov.insert(ov.end(), extra.begin(), extra.end());
  const double t0 = wall_seconds();
  auto run = run_app(context(), "ns", read_test_deck("ns/cavity.toml"), ov);
  CavityResult r;
  r.seconds = wall_seconds() - t0;
  r.steps = run->steps;
  r.max_div_scaled_run = run->final("max_div_scaled_run");
  const NamedVariable su = run->variable("u"), sv = run->variable("v");
  const std::vector<double> u = gather_global(run->mesh(), su.view, su.var);
  const std::vector<double> v = gather_global(run->mesh(), sv.view, sv.var);
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
  const auto max_deviation = [&](const GhiaTable& table, const std::vector<double>& f) {
    double m = 0.0;
    for (size_t k = 0; k < table.s.size(); ++k) {
      m = std::max(m, std::fabs(interpolate(s, f, table.s[k]) - table.value[k]));
    }
    return m;
  };
  GhiaTable gu, gv;
  read_ghia(re, gu, gv);
  r.max_u_deviation = max_deviation(gu, fu);
  r.max_v_deviation = max_deviation(gv, fv);
  r.u_centre = fu;
  r.v_centre = fv;
  r.u_min = *std::min_element(fu.begin(), fu.end());
  r.v_min = *std::min_element(fv.begin(), fv.end());
  r.v_max = *std::max_element(fv.begin(), fv.end());
  return r;
}

void print_cavity(int re, int n, const CavityResult& r) {
  if (!context().is_root()) return;
  std::printf(
      "cavity Re %d %d^2: max |u - Ghia| %.4f, max |v - Ghia| %.4f, u_min %.4f, v_min %.4f, v_max "
      "%.4f, max div*h/U %.2e, %lld steps, %.1f s\n",
      re, n, r.max_u_deviation, r.max_v_deviation, r.u_min, r.v_min, r.v_max, r.max_div_scaled_run,
      r.steps, r.seconds);
}

}  // namespace boreas::testing
