#pragma once
// prod_d sin(mode_d pi (x_d - lower_d) / L_d) on a mesh: the spatial shape of
// the heat app's sine and manufactured solutions (zero on every face).
#include <vector>

#include "mesh/mesh.hpp"

namespace boreas::heat {

// f = background + amplitude * prod_d sin(...) over `box`.
void fill_sine(const Mesh& mesh, const std::vector<long long>& mode, double background,
               double amplitude, const FieldView& f, const Box& box);
// The bare profile over every local cell (ghosts included).
inline void fill_sine_profile(const Mesh& mesh, const std::vector<long long>& mode,
                              const FieldView& prof) {
  fill_sine(mesh, mode, 0.0, 1.0, prof, mesh.all());
}
// Sum over the active directions of (mode_d pi / L_d)^2.
double sine_k_squared(const Mesh& mesh, const std::vector<long long>& mode);

}  // namespace boreas::heat
