#pragma once
// Problems of the advection app ([problem] name = ...): an initial tracer
// q0(x), given as cell means. The exact solution, where the flow's
// trajectories are known (flow.hpp), is q0 at the back-traced points,
// q(x, t) = q0(origin(x, t)), averaged over the cells the same way.
#include <memory>
#include <vector>

#include "core/exec.hpp"
#include "io/deck/deck.hpp"
#include "io/deck/problems.hpp"
#include "mesh/mesh.hpp"
#include "physics/advection/flow.hpp"
#include "physics/app.hpp"

namespace boreas::advection {

class Problem {
 public:
  virtual ~Problem() = default;
  // Checks against the mesh (into `problems`).
  virtual void check(const Mesh&, io::DeckProblems&) const {}
  // q(0) = the cell means over the interior of q0 at the points traced back
  // along `trace` (identity_trace() for the initial state).
  virtual void fill(const Mesh& mesh, const Trace& trace, const FieldView& q) const = 0;
};

// Cell means of shape(x) (a copyable functor, x[3] at a traced-back point)
// by the 3-point Gauss–Legendre rule in each active direction (exact for
// polynomials of degree 5, sixth order on smooth profiles).
template <class Shape>
void fill_cell_means(const Mesh& mesh, const Trace& trace, const Shape& shape, const FieldView& q) {
  const int dim = mesh.dim();
  double lo[3] = {0, 0, 0}, h[3] = {0, 0, 0};
  int off[3] = {0, 0, 0};
  for (int d = 0; d < dim; ++d) {
    lo[d] = mesh.lower(d);
    h[d] = mesh.dx(d);
    off[d] = mesh.offset(d) - mesh.ghost(d);
  }
  // The middle coordinate of inactive directions (a 1D profile is the cut
  // through the centre of a 2D one).
  double mid[3] = {0, 0, 0};
  for (int d = dim; d < 3; ++d) mid[d] = 0.5 * (mesh.lower(d) + mesh.upper(d));
  const int n1 = 3, n2 = dim >= 2 ? 3 : 1, n3 = dim >= 3 ? 3 : 1;
  par_for(
      "advection_cell_means", mesh.interior(), KOKKOS_LAMBDA(int k, int j, int i) {
        const double node[3] = {-0.7745966692414834, 0.0, 0.7745966692414834};  // sqrt(3/5)
        const double weight[3] = {5.0 / 18.0, 8.0 / 18.0, 5.0 / 18.0};
        const int idx[3] = {i, j, k};
        double centre[3];
        for (int d = 0; d < 3; ++d) {
          centre[d] = d < dim ? lo[d] + (off[d] + idx[d] + 0.5) * h[d] : mid[d];
        }
        double sum = 0.0;
        for (int c = 0; c < n3; ++c) {
          for (int b = 0; b < n2; ++b) {
            for (int a = 0; a < n1; ++a) {
              const int m[3] = {a, b, c};
              double x[3];
              double w = 1.0;
              for (int d = 0; d < 3; ++d) {
                if (d < dim) {
                  x[d] = centre[d] + 0.5 * h[d] * node[m[d]];
                  w *= weight[m[d]];
                } else {
                  x[d] = centre[d];
                }
              }
              trace.origin(x);
              sum += w * shape(x);
            }
          }
        }
        q(0, k, j, i) = sum;
      });
}

// The advection app's problems, the default first.
const std::vector<ProblemInfo>& problems();
// The problem the deck selects, its keys read from the deck.
std::unique_ptr<Problem> make_problem(const io::Deck& deck);

ProblemInfo sine_info();
std::unique_ptr<Problem> make_sine(const io::Deck& deck);
ProblemInfo gaussian_info();
std::unique_ptr<Problem> make_gaussian(const io::Deck& deck);
ProblemInfo slotted_cylinder_info();
std::unique_ptr<Problem> make_slotted_cylinder(const io::Deck& deck);

}  // namespace boreas::advection
