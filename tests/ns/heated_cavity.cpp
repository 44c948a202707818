#include "tests/ns/heated_cavity.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/timers.hpp"
#include "tests/common/decks.hpp"
#include "tests/common/gather.hpp"
#include "tests/common/run.hpp"
#include "tests/test_context.hpp"

namespace boreas::testing {
namespace {

// Maximum of the parabola through (s[k-1..k+1], f[k-1..k+1]) around the
// largest sample (uniform spacing h), and where it lies.
void peak(const std::vector<double>& f, double s0, double h, double& value, double& where) {
  const size_t k = static_cast<size_t>(std::max_element(f.begin(), f.end()) - f.begin());
  value = f[k];
  where = s0 + k * h;
  if (k == 0 || k + 1 == f.size()) return;
  const double a = f[k - 1], b = f[k], c = f[k + 1];
  const double denom = a - 2 * b + c;
  if (denom >= 0) return;
  const double x = 0.5 * (a - c) / denom;  // offset in units of h
  value = b - 0.25 * (a - c) * x;
  where = s0 + (k + x) * h;
}

}  // namespace

HeatedCavityResult run_heated_cavity(double t_mid, double t_end,
                                     const std::vector<std::string>& overrides) {
  std::vector<std::string> ov = overrides;
  ov.push_back("run.t_end=" + std::to_string(t_mid));
  const double t0 = wall_seconds();
  auto run = run_app(context(), "ns", read_input_deck("ns/heated_cavity_ra1e5.toml"), ov);
  App& app = run->sim->app();
  HeatedCavityResult r;
  r.nu_mid = run->final("Nu_x_lower");
  // On to t_end with the driver's default run.cfl = 0.9.
  double t = run->time;
  long long steps = run->steps;
  while (t < t_end * (1 - 1e-12)) {
    const double dt = std::min(0.9 * app.max_stable_dt(), t_end - t);
    app.step(t, dt);
    t += dt;
    ++steps;
  }
  const auto diag = run->sim->fields().diagnostics(t);
  r.seconds = wall_seconds() - t0;
  r.steps = steps;
  r.nu = diag[run->index("Nu_x_lower")];
  r.nu_cold = diag[run->index("Nu_x_upper")];
  r.max_div_scaled_run = diag[run->index("max_div_scaled_run")];
  const Mesh& mesh = run->mesh();
  const NamedVariable su = run->variable("u"), sv = run->variable("v"), sT = run->variable("T");
  const std::vector<double> u = gather_global(mesh, su.view, su.var);
  const std::vector<double> v = gather_global(mesh, sv.view, sv.var);
  const std::vector<double> T = gather_global(mesh, sT.view, sT.var);
  if (!context().is_root()) return r;
  const int n = mesh.global_cells(0);
  const double h = 1.0 / n;
  // u(i = n/2) lies on x = 0.5 at y = (j + 1/2) h; v(j = n/2) on y = 0.5 at x = (i + 1/2) h.
  std::vector<double> uc, vc, nu_local;
  for (int k = 0; k < n; ++k) {
    uc.push_back(u[static_cast<size_t>(k) * n + n / 2]);
    vc.push_back(v[static_cast<size_t>(n / 2) * n + k]);
    // Hot wall T = 1, dT = 1, L = 1: local Nu = -dT/dx = (1 - T_0j) / (h/2), as in the diagnostic.
    nu_local.push_back((1.0 - T[static_cast<size_t>(k) * n]) * 2.0 / h);
    const double t1 = T[static_cast<size_t>(k) * n], t2 = T[static_cast<size_t>(k) * n + 1];
    r.nu_one_sided += (8.0 - 9.0 * t1 + t2) / (3.0 * h) / n;
  }
  peak(uc, 0.5 * h, h, r.u_max, r.y_u_max);
  peak(vc, 0.5 * h, h, r.v_max, r.x_v_max);
  peak(nu_local, 0.5 * h, h, r.nu_local_max, r.y_nu_local_max);
  r.nu_local_min = *std::min_element(nu_local.begin(), nu_local.end());
  return r;
}

void print_heated_cavity(const char* label, const HeatedCavityResult& r, double nu_ref,
                         double u_ref, double v_ref) {
  if (!context().is_root()) return;
  std::printf(
      "%s: Nu %.4f (ref %.3f, %+.2f%%; cold wall %.4f; at t_mid %.5f), u_max %.3f at y %.3f (ref "
      "%.2f, %+.2f%%), v_max %.3f at x %.4f (ref %.2f, %+.2f%%), local Nu max %.3f at y %.3f, min "
      "%.3f; one-sided 2nd-order mean Nu %.4f; div*h/U %.1e; %lld steps, %.1f s\n",
      label, r.nu, nu_ref, 100 * (r.nu / nu_ref - 1), r.nu_cold, r.nu_mid, r.u_max, r.y_u_max,
      u_ref, 100 * (r.u_max / u_ref - 1), r.v_max, r.x_v_max, v_ref, 100 * (r.v_max / v_ref - 1),
      r.nu_local_max, r.y_nu_local_max, r.nu_local_min, r.nu_one_sided, r.max_div_scaled_run,
      r.steps, r.seconds);
}

}  // namespace boreas::testing
