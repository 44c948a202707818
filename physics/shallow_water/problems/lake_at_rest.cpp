// Still water over a bump: b = bump_height cos^2(pi r / (2 bump_radius)) for
// r = |x - bump_center| < bump_radius (0 elsewhere), h = max(0, level - b),
// u = 0. With bump_height above the level the top of the bump is dry: the
// well-balanced scheme keeps this state to round-off, wet and dry cells
// alike (h_exact = the initial depth). With a perturbation the surface
// starts `perturbation` higher for x < perturbation_x (LeVeque's test): a
// wave runs over the bump and its dry top (no exact solution then).
#include "io/deck/keys.hpp"
#include "physics/shallow_water/problems/problem.hpp"

namespace boreas::shallow_water {
namespace {

struct Lake {
  double level = 1.0;
  double bump_height = 1.2;
  double bump_radius = 0.25;
  std::vector<double> bump_center{0.5, 0.5};
  double perturbation = 0.0;
  double perturbation_x = 0.1;
};

void keys(io::Keys<Lake> k) {
  k.real("problem.level", &Lake::level)
      .def("1.0")
      .above(0)
      .units("m")
      .describe("surface elevation of the still water (above b = 0)");
  k.real("problem.bump_height", &Lake::bump_height)
      .def("1.2")
      .at_least(0)
      .units("m")
      .describe("height of the bump (above problem.level: its top is dry)");
  k.real("problem.bump_radius", &Lake::bump_radius)
      .def("0.25")
      .above(0)
      .units("m")
      .describe("radius of the bump");
  k.reals("problem.bump_center", &Lake::bump_center)
      .def("[0.5, 0.5]")
      .length(1, 2)
      .units("m")
      .describe("centre of the bump (x[, y])");
  k.real("problem.perturbation", &Lake::perturbation)
      .def("0.0")
      .units("m")
      .describe("the surface starts this much higher for x < problem.perturbation_x (0: at rest)");
  k.real("problem.perturbation_x", &Lake::perturbation_x)
      .def("0.1")
      .units("m")
      .describe("right edge of the raised strip");
}

// The bump's height at x.
struct Bump {
  double height, radius, c[2];
  int dim;
  KOKKOS_INLINE_FUNCTION double operator()(const double* x) const {
    double r2 = 0.0;
    for (int d = 0; d < dim; ++d) r2 += (x[d] - c[d]) * (x[d] - c[d]);
    const double r = math::sqrt(r2);
    if (r >= radius) return 0.0;
    const double s = math::cos(0.5 * M_PI * r / radius);
    return height * s * s;
  }
};

class LakeProblem final : public Problem {
 public:
  explicit LakeProblem(Lake p) : p_(std::move(p)) {}

  void check(const Mesh& mesh, const Physics&, io::DeckProblems& problems) const override {
    if (static_cast<int>(p_.bump_center.size()) < mesh.dim()) {
      problems.add({"problem.bump_center", "mesh.cells"},
                   "problem.bump_center needs one entry per mesh dimension");
    }
  }

  void fill_bathymetry(const Mesh& mesh, const FieldView& b) const override {
    const Bump bump = shape(mesh);
    for_each_cell(
        mesh, "shallow_water_lake_bottom",
        KOKKOS_LAMBDA(const double* x, const double*, int k, int j, int i) {
          b(0, k, j, i) = bump(x);
        });
  }

  void fill(const Mesh& mesh, const Physics&, const FieldView& b,
            const FieldView& u) const override {
    still_water(mesh, b, u, true);
  }

  bool has_exact() const override { return p_.perturbation == 0.0; }
  double depth_scale() const override { return p_.level; }
  void exact_depth(const Mesh& mesh, const Physics&, double, const FieldView& b,
                   const FieldView& h) const override {
    still_water(mesh, b, h, false);
  }

  // h = max(0, level - b) (and zero momenta when `momenta`), the level
  // raised by the perturbation left of perturbation_x.
  void still_water(const Mesh& mesh, const FieldView& b, const FieldView& u, bool momenta) const {
    const double level = p_.level, raise = p_.perturbation, x_raise = p_.perturbation_x;
    const int nm = momenta ? mesh.dim() : 0;
    for_each_cell(
        mesh, "shallow_water_lake_state",
        KOKKOS_LAMBDA(const double* x, const double*, int k, int j, int i) {
          const double h = level + (x[0] < x_raise ? raise : 0.0) - b(0, k, j, i);
          u(0, k, j, i) = h > 0.0 ? h : 0.0;
          for (int d = 0; d < nm; ++d) u(1 + d, k, j, i) = 0.0;
        });
  }

 private:
  Bump shape(const Mesh& mesh) const {
    Bump s{p_.bump_height, p_.bump_radius, {0.0, 0.0}, mesh.dim()};
    for (int d = 0; d < mesh.dim() && d < static_cast<int>(p_.bump_center.size()); ++d) {
      s.c[d] = p_.bump_center[d];
    }
    return s;
  }

  Lake p_;
};

}  // namespace

ProblemInfo lake_at_rest_info() {
  return {"lake_at_rest",
          "still water over a bump whose top is dry: the well-balanced test (h_exact = the "
          "initial depth)",
          [](io::Schema& s) { keys(io::Keys<Lake>(s)); }};
}

std::unique_ptr<Problem> make_lake_at_rest(const io::Deck& deck) {
  Lake p;
  keys(io::Keys<Lake>(deck, p));
  return std::make_unique<LakeProblem>(p);
}

}  // namespace boreas::shallow_water
