#pragma once
// Test helper: runs the ns lid-driven cavity (unit square, lid speed 1 on
// y_upper) and returns the largest deviation from Ghia et al. (Re = 100 or 1000) of
// u on x = 0.5 and v on y = 0.5 (linear interpolation between the MAC
// points, with the wall values at the ends; tables in tests/data/ghia_re*.csv).
// Deck: tests/decks/ns/cavity.toml. Rank 0 gets the numbers.
#include <string>
#include <vector>

namespace boreas::testing {

struct CavityResult {
  double max_u_deviation = 0.0;
  double max_v_deviation = 0.0;
  double u_min = 0.0;  // on x = 0.5
  double v_min = 0.0;  // on y = 0.5
  double v_max = 0.0;
  double max_div_scaled_run = 0.0;
  // u on x = 0.5 and v on y = 0.5 at the MAC points, wall values at both ends
  std::vector<double> u_centre, v_centre;
  double seconds = 0.0;
  long long steps = 0;
};

// re: 100 or 1000 (nu = 1 / re); extra: more deck overrides.
CavityResult run_cavity(int re, int n, double t_end, const std::vector<std::string>& extra = {});

// Prints a cavity run's numbers (rank 0).
void print_cavity(int re, int n, const CavityResult& r);

}  // namespace boreas::testing
