// Rossby's adjustment problem: still water with a height step across
// x = x_step on the f-plane, h = depth + eta0 for x < x_step and
// depth - eta0 beyond, uniform in y (2D, y periodic or walled). Gravity
// waves carry part of the energy away and the rest settles into a
// geostrophic jet along the step; linear theory's final state is
// eta = -eta0 sign(x') (1 - exp(-|x'| / Ld)), v = (g / f0) d eta / dx,
// Ld = sqrt(g depth) / f0 (docs/shallow_water.md, scripts/shallow_water_figures.py).
#include <optional>

#include "io/deck/keys.hpp"
#include "physics/shallow_water/problems/problem.hpp"

namespace boreas::shallow_water {
namespace {

struct Adjustment {
  double depth = 1.0;
  double eta0 = 0.1;
  std::optional<double> x_step;
};

void keys(io::Keys<Adjustment> k) {
  k.real("problem.depth", &Adjustment::depth)
      .def("1.0")
      .above(0)
      .units("m")
      .describe("mean depth H");
  k.real("problem.eta0", &Adjustment::eta0)
      .def("0.1")
      .units("m")
      .describe("half the height step: h = H + eta0 left of the step, H - eta0 right of it");
  k.real("problem.x_step", &Adjustment::x_step)
      .units("m")
      .describe("position of the step; default: the middle of the domain in x");
}

class AdjustmentProblem final : public Problem {
 public:
  explicit AdjustmentProblem(Adjustment p) : p_(std::move(p)) {}

  void check(const Mesh&, const Physics& phys, io::DeckProblems& problems) const override {
    if (phys.f0 == 0.0) {
      problems.add({"physics.f0", "problem.name"},
                   "geostrophic_adjustment needs rotation: set physics.f0");
    }
    if (std::abs(p_.eta0) >= p_.depth) {
      problems.add({"problem.eta0", "problem.depth"},
                   "geostrophic_adjustment: |problem.eta0| must be below problem.depth");
    }
  }

  double tracer_front(const Mesh& mesh) const override {
    return p_.x_step ? *p_.x_step : 0.5 * (mesh.lower(0) + mesh.upper(0));
  }

  void fill(const Mesh& mesh, const Physics&, const FieldView&, const FieldView& u) const override {
    const double x0 = p_.x_step ? *p_.x_step : 0.5 * (mesh.lower(0) + mesh.upper(0));
    const double H = p_.depth, eta0 = p_.eta0;
    const int dim = mesh.dim();
    for_each_cell(
        mesh, "shallow_water_adjustment",
        KOKKOS_LAMBDA(const double* x, const double* dx, int k, int j, int i) {
          double left = (x0 - (x[0] - 0.5 * dx[0])) / dx[0];  // fraction of the cell left of x0
          left = left < 0.0 ? 0.0 : (left > 1.0 ? 1.0 : left);
          u(0, k, j, i) = H + eta0 * (2.0 * left - 1.0);
          for (int d = 0; d < dim; ++d) u(1 + d, k, j, i) = 0.0;
        });
  }

 private:
  Adjustment p_;
};

}  // namespace

ProblemInfo geostrophic_adjustment_info() {
  return {"geostrophic_adjustment",
          "Rossby adjustment of a height step on the f-plane (2D): gravity waves and a "
          "geostrophic jet",
          [](io::Schema& s) { keys(io::Keys<Adjustment>(s)); }};
}

std::unique_ptr<Problem> make_geostrophic_adjustment(const io::Deck& deck) {
  Adjustment p;
  keys(io::Keys<Adjustment>(deck, p));
  return std::make_unique<AdjustmentProblem>(p);
}

}  // namespace boreas::shallow_water
