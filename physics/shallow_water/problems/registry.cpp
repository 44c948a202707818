#include "physics/shallow_water/problems/problem.hpp"

namespace boreas::shallow_water {

void Problem::fill_bathymetry(const Mesh& mesh, const FieldView& b) const {
  for_each_cell(
      mesh, "shallow_water_flat_bottom",
      KOKKOS_LAMBDA(const double*, const double*, int k, int j, int i) { b(0, k, j, i) = 0.0; });
}

void Problem::fill_tracer(const Mesh& mesh, const FieldView& u, int var) const {
  const double front = tracer_front(mesh);
  for_each_cell(
      mesh, "shallow_water_tracer",
      KOKKOS_LAMBDA(const double* x, const double* dx, int k, int j, int i) {
        double left = (front - (x[0] - 0.5 * dx[0])) / dx[0];  // the fraction left of the front
        left = left < 0.0 ? 0.0 : (left > 1.0 ? 1.0 : left);
        u(var, k, j, i) = left * u(0, k, j, i);
      });
}

const std::vector<ProblemInfo>& problems() {
  static const std::vector<ProblemInfo> all = {dam_break_info(), lake_at_rest_info(),
                                               geostrophic_adjustment_info(),
                                               balanced_vortex_info(), kelvin_wave_info()};
  return all;
}

std::unique_ptr<Problem> make_problem(const io::Deck& deck) {
  const std::string name = deck.string("problem.name");
  if (name == "lake_at_rest") return make_lake_at_rest(deck);
  if (name == "geostrophic_adjustment") return make_geostrophic_adjustment(deck);
  if (name == "balanced_vortex") return make_balanced_vortex(deck);
  if (name == "kelvin_wave") return make_kelvin_wave(deck);
  return make_dam_break(deck);
}

}  // namespace boreas::shallow_water
