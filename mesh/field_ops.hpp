#pragma once
// Small whole-field operations over a mesh's interior cells, shared by the
// integrators, the time loop's NaN guard and the diagnostics. All results are
// local to this rank; reduce them through the Context.
#include <array>
#include <string>
#include <vector>

#include "core/exec.hpp"
#include "mesh/mesh.hpp"

namespace boreas {

// One named variable of a field, e.g. {"T", T, 0} or {"v", velocity, 1}:
// what outputs, checkpoints and NaN checks iterate over.
struct NamedVariable {
  std::string name;
  FieldView view;
  int var = 0;
  // Where its values live: -1 at cell centres; d (0, 1, 2) on the lower
  // d-faces of the cells (a staggered velocity component), so the value of
  // local index i along d sits at lower(d) + (offset + i - ghost) h_d.
  int face = -1;
};

// "cell", "x_face", "y_face" or "z_face" (the state files' `centering`).
const char* centering_name(int face);

struct FieldStats {
  double sum = 0.0;  // plain sum of cell values (multiply by cell volume for integrals)
  double min = 0.0;
  double max = 0.0;
};

// Statistics of variable `var` over this rank's interior.
FieldStats local_stats(const Mesh& mesh, const FieldView& f, int var);
// Sum over the interior of (f(var) - (offset + scale ref(ref_var)))^2: the
// squared error against a profile `ref` the caller filled (an exact
// solution's shape, say, scaled by its time factor).
double local_squared_difference(const Mesh& mesh, const FieldView& f, int var, const FieldView& ref,
                                int ref_var, double scale = 1.0, double offset = 0.0);
// Lowest variable index holding a NaN or inf in this rank's interior, or -1.
int first_non_finite_var(const Mesh& mesh, const FieldView& f);
// The first cell (in k, j, i order; ghost-inclusive local indices) of this
// rank's interior where variable `var` is NaN or inf; false if none.
bool first_non_finite_cell(const Mesh& mesh, const FieldView& f, int var, std::array<int, 3>& kji);
// out = a * x + b * y over the interior, all variables.
void axpby(const Mesh& mesh, const FieldView& out, double a, const FieldView& x, double b,
           const FieldView& y);

// Variable `var` of f over this rank's interior to or from host memory
// (local_cell_count() values, x fastest); ghosts are not touched.
void interior_to_host(const Mesh& mesh, const FieldView& f, int var, double* out);
void interior_from_host(const Mesh& mesh, const double* in, const FieldView& f, int var);

// Global statistics (reduced over all ranks).
FieldStats global_stats(const Mesh& mesh, const FieldView& f, int var);

// f(0) = background + amplitude * prod_d sin(mode_d pi (x_d - lower_d) / L_d)
// at the cell centres of `box` (local indices; ghosts allowed): a standing
// mode that vanishes on every face, the shape of sine initial states and of
// manufactured and exact solutions. `mode` has one entry per dimension.
void fill_sine_mode(const Mesh& mesh, const std::vector<long long>& mode, double background,
                    double amplitude, const FieldView& f, const Box& box);
// Sum over the active directions of (mode_d pi / L_d)^2: -lap of the mode
// divided by the mode.
double sine_mode_k_squared(const Mesh& mesh, const std::vector<long long>& mode);

}  // namespace boreas
