#pragma once
// Test helper: runs the differentially heated square cavity deck
// (inputs/ns/heated_cavity_ra1e5.toml, overrides applied) to t_mid, then on
// to t_end, and measures the de Vahl Davis (1983) benchmark quantities in
// units kappa/L: the mean hot-wall Nusselt number (diagnostic Nu_x_lower),
// u_max on x = 0.5 and v_max on y = 0.5 (parabola through the largest MAC
// value and its neighbours), the local hot-wall Nu extremes. Rank 0 gets
// the profile numbers.
#include <string>
#include <vector>

namespace boreas::testing {

struct HeatedCavityResult {
  double nu_mid = 0.0;   // Nu_x_lower at t_mid
  double nu = 0.0;       // Nu_x_lower at t_end
  double nu_cold = 0.0;  // Nu_x_upper at t_end
  double u_max = 0.0, y_u_max = 0.0;
  double v_max = 0.0, x_v_max = 0.0;
  double nu_local_max = 0.0, y_nu_local_max = 0.0, nu_local_min = 0.0;
  // Mean hot-wall Nu from the pointwise second-order one-sided gradient
  // (8 T_w - 9 T_1 + T_2) / (3h), for comparison with the conservative one.
  double nu_one_sided = 0.0;
  double max_div_scaled_run = 0.0;
  double seconds = 0.0;
  long long steps = 0;
};

HeatedCavityResult run_heated_cavity(double t_mid, double t_end,
                                     const std::vector<std::string>& overrides);

// Prints the result with the reference values next to it.
void print_heated_cavity(const char* label, const HeatedCavityResult& r, double nu_ref,
                         double u_ref, double v_ref);

}  // namespace boreas::testing
