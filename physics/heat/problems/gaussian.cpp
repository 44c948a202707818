// A Gaussian hot spot: T = background + amplitude exp(-|x - center|^2 / (2 width^2)).
#include "core/math.hpp"
#include "io/deck/keys.hpp"
#include "physics/heat/problems/problems.hpp"

namespace boreas::heat {
namespace {

struct Gaussian {
  double amplitude = 1.0;
  double background = 0.0;
  double width = 0.1;
  std::vector<double> center{0.5, 0.5, 0.5};
};

void keys(io::Keys<Gaussian> k) {
  k.real("problem.amplitude", &Gaussian::amplitude)
      .def("1.0")
      .units("K")
      .describe("peak temperature above the background");
  k.real("problem.background", &Gaussian::background)
      .def("0.0")
      .units("K")
      .describe("temperature far from the spot");
  k.real("problem.width", &Gaussian::width)
      .def("0.1")
      .above(0)
      .units("m")
      .describe("standard deviation of the Gaussian");
  k.reals("problem.center", &Gaussian::center)
      .def("[0.5, 0.5, 0.5]")
      .length(1, 3)
      .units("m")
      .describe("centre of the spot (first `dim` entries used)");
}

void fill(const Mesh& mesh, const FieldView& T, const Gaussian& g) {
  const int dim = mesh.dim();
  double c[3] = {0, 0, 0}, lo[3] = {0, 0, 0}, dx[3] = {1, 1, 1};
  int off[3] = {0, 0, 0};
  for (int d = 0; d < dim; ++d) {
    c[d] = g.center[d];
    lo[d] = mesh.lower(d);
    dx[d] = mesh.dx(d);
    off[d] = mesh.offset(d) - mesh.ghost(d);
  }
  const double amp = g.amplitude, bg = g.background;
  const double inv2s2 = 1.0 / (2.0 * g.width * g.width);
  par_for(
      "heat_init_gaussian", mesh.interior(), KOKKOS_LAMBDA(int k, int j, int i) {
        const int idx[3] = {i, j, k};
        double r2 = 0.0;
        for (int d = 0; d < dim; ++d) {
          const double x = lo[d] + (off[d] + idx[d] + 0.5) * dx[d] - c[d];
          r2 += x * x;
        }
        T(0, k, j, i) = bg + amp * math::exp(-r2 * inv2s2);
      });
}

class GaussianProblem final : public Problem {
 public:
  explicit GaussianProblem(Gaussian g) : g_(std::move(g)) {}
  void check(const Equation&, const Mesh& mesh, io::DeckProblems& problems) const override {
    if (static_cast<int>(g_.center.size()) < mesh.dim()) {
      problems.add({"problem.center", "mesh.cells"},
                   "problem.center needs one entry per mesh dimension");
    }
  }
  void initial_state(const Mesh& mesh, const FieldView& T) const override { fill(mesh, T, g_); }

 private:
  Gaussian g_;
};

}  // namespace

ProblemInfo gaussian_info() {
  return {"gaussian", "a Gaussian hot spot on a uniform background",
          [](io::Schema& s) { keys(io::Keys<Gaussian>(s)); }};
}

std::unique_ptr<Problem> make_gaussian(const io::Deck& deck) {
  Gaussian g;
  keys(io::Keys<Gaussian>(deck, g));
  return std::make_unique<GaussianProblem>(g);
}

}  // namespace boreas::heat
