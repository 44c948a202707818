// q0 = background + amplitude exp(-|x - center|^2 / (2 width^2)): a smooth
// hump (solid-body rotation, deformational flow).
#include "io/deck/keys.hpp"
#include "physics/advection/problems/problem.hpp"

namespace boreas::advection {
namespace {

struct Gaussian {
  double amplitude = 1.0;
  double background = 0.0;
  double width = 0.1;
  std::vector<double> center{0.5, 0.75, 0.5};
};

void keys(io::Keys<Gaussian> k) {
  k.real("problem.amplitude", &Gaussian::amplitude)
      .def("1.0")
      .describe("peak above the background");
  k.real("problem.background", &Gaussian::background)
      .def("0.0")
      .describe("value far from the hump");
  k.real("problem.width", &Gaussian::width)
      .def("0.1")
      .above(0)
      .units("m")
      .describe("standard deviation of the Gaussian");
  k.reals("problem.center", &Gaussian::center)
      .def("[0.5, 0.75, 0.5]")
      .length(1, 3)
      .units("m")
      .describe("centre of the hump (first `dim` entries used)");
}

struct GaussianShape {
  double amplitude, background, inv2s2;
  double c[3];
  int dim;
  KOKKOS_INLINE_FUNCTION double operator()(const double x[3]) const {
    double r2 = 0.0;
    for (int d = 0; d < dim; ++d) r2 += (x[d] - c[d]) * (x[d] - c[d]);
    return background + amplitude * math::exp(-r2 * inv2s2);
  }
};

class GaussianProblem final : public Problem {
 public:
  explicit GaussianProblem(Gaussian g) : g_(std::move(g)) {}
  void check(const Mesh& mesh, io::DeckProblems& problems) const override {
    if (static_cast<int>(g_.center.size()) < mesh.dim()) {
      problems.add({"problem.center", "mesh.cells"},
                   "problem.center needs one entry per mesh dimension");
    }
  }
  void fill(const Mesh& mesh, const Trace& trace, const FieldView& q) const override {
    GaussianShape s{
        g_.amplitude, g_.background, 1.0 / (2.0 * g_.width * g_.width), {0, 0, 0}, mesh.dim()};
    for (int d = 0; d < mesh.dim(); ++d) s.c[d] = g_.center[d];
    fill_cell_means(mesh, trace, s, q);
  }

 private:
  Gaussian g_;
};

}  // namespace

ProblemInfo gaussian_info() {
  return {"gaussian", "a Gaussian hump on a uniform background",
          [](io::Schema& s) { keys(io::Keys<Gaussian>(s)); }};
}

std::unique_ptr<Problem> make_gaussian(const io::Deck& deck) {
  Gaussian g;
  keys(io::Keys<Gaussian>(deck, g));
  return std::make_unique<GaussianProblem>(g);
}

}  // namespace boreas::advection
