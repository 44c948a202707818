#pragma once
// Problems of the shallow-water app ([problem] name = ...): the bathymetry
// b(x), the initial state (h, hu[, hv]) and, where one is known, the exact
// depth at time t (the h_exact output variable and the h_error_*
// diagnostics). One file per problem; registry.cpp lists them.
#include <memory>
#include <vector>

#include "core/exec.hpp"
#include "core/math.hpp"
#include "io/deck/deck.hpp"
#include "io/deck/problems.hpp"
#include "mesh/mesh.hpp"
#include "physics/app.hpp"

namespace boreas::shallow_water {

// The app's parameters a problem builds its state from.
struct Physics {
  int dim = 1;
  double g = 9.81;
  double f0 = 0.0, beta = 0.0;
  double y0 = 0.0;  // f = f0 + beta (y - y0)
};

class Problem {
 public:
  virtual ~Problem() = default;
  // Checks against the mesh and the physics (into `problems`).
  virtual void check(const Mesh&, const Physics&, io::DeckProblems&) const {}
  // b over the interior (zero unless the problem has a bottom).
  virtual void fill_bathymetry(const Mesh& mesh, const FieldView& b) const;
  // The initial state over the interior: u = (h, hu[, hv]); b is filled.
  virtual void fill(const Mesh& mesh, const Physics& phys, const FieldView& b,
                    const FieldView& u) const = 0;
  // Passive tracer in variable `var` of u (h filled): h c with c = 1 left of
  // tracer_front() in x, 0 beyond (a dye marking the water that started
  // there).
  void fill_tracer(const Mesh& mesh, const FieldView& u, int var) const;
  virtual double tracer_front(const Mesh& mesh) const {
    return 0.5 * (mesh.lower(0) + mesh.upper(0));
  }
  // Whether exact_depth knows the solution (at every time).
  virtual bool has_exact() const { return false; }
  // The depth the errors are relative to (h_left of a dam break, the
  // anomaly of a vortex, ...).
  virtual double depth_scale() const { return 1.0; }
  // The exact depth at time t over the interior (variable 0 of `h`).
  virtual void exact_depth(const Mesh&, const Physics&, double, const FieldView&,
                           const FieldView&) const {}
};

// The centre x and size dx of every interior cell, handed to a functor
// fn(x, dx, k, j, i) (inactive directions: the domain's middle and 0).
template <class Fn>
void for_each_cell(const Mesh& mesh, const char* name, const Fn& fn) {
  const int dim = mesh.dim();
  double lo[3] = {0, 0, 0}, h[3] = {0, 0, 0}, mid[3] = {0, 0, 0};
  int off[3] = {0, 0, 0};
  for (int d = 0; d < 3; ++d) {
    if (d < dim) {
      lo[d] = mesh.lower(d);
      h[d] = mesh.dx(d);
      off[d] = mesh.offset(d) - mesh.ghost(d);
    } else {
      mid[d] = 0.5 * (mesh.lower(d) + mesh.upper(d));
    }
  }
  par_for(
      name, mesh.interior(), KOKKOS_LAMBDA(int k, int j, int i) {
        const int idx[3] = {i, j, k};
        double x[3], dx[3];
        for (int d = 0; d < 3; ++d) {
          x[d] = d < dim ? lo[d] + (off[d] + idx[d] + 0.5) * h[d] : mid[d];
          dx[d] = h[d];
        }
        fn(x, dx, k, j, i);
      });
}

// The shallow-water app's problems, the default first.
const std::vector<ProblemInfo>& problems();
// The problem the deck selects, its keys read from the deck.
std::unique_ptr<Problem> make_problem(const io::Deck& deck);

ProblemInfo dam_break_info();
std::unique_ptr<Problem> make_dam_break(const io::Deck& deck);
ProblemInfo lake_at_rest_info();
std::unique_ptr<Problem> make_lake_at_rest(const io::Deck& deck);
ProblemInfo geostrophic_adjustment_info();
std::unique_ptr<Problem> make_geostrophic_adjustment(const io::Deck& deck);
ProblemInfo balanced_vortex_info();
std::unique_ptr<Problem> make_balanced_vortex(const io::Deck& deck);
ProblemInfo kelvin_wave_info();
std::unique_ptr<Problem> make_kelvin_wave(const io::Deck& deck);

}  // namespace boreas::shallow_water
