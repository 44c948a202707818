// An equatorial Kelvin wave on the beta-plane f = beta (y - y0) (y0: the
// equator, physics.y0, by default the middle of the domain): in linear
// theory
//     eta = amplitude exp(-beta y'^2 / (2 c)) cos(k (x - x_lower - c t)),
//     u = (c / depth) eta, v = 0,   c = sqrt(g depth), y' = y - y0,
// travels east at c without changing shape, trapped within the
// equatorial radius sqrt(c / beta). x must be periodic (k = 2 pi waves /
// Lx); h_exact is the linear solution (amplitude << depth).
#include <cmath>

#include "io/deck/keys.hpp"
#include "physics/shallow_water/problems/problem.hpp"

namespace boreas::shallow_water {
namespace {

struct Kelvin {
  double depth = 1.0;
  double amplitude = 0.001;
  long long waves = 1;
};

void keys(io::Keys<Kelvin> k) {
  k.real("problem.depth", &Kelvin::depth)
      .def("1.0")
      .above(0)
      .units("m")
      .describe("mean depth H (c = sqrt(g H))");
  k.real("problem.amplitude", &Kelvin::amplitude)
      .def("0.001")
      .above(0)
      .units("m")
      .describe("surface amplitude on the equator (small against the depth: linear theory)");
  k.integer("problem.waves", &Kelvin::waves)
      .def("1")
      .at_least(1)
      .describe("whole wavelengths across the (periodic) domain in x");
}

// The linear wave at time t.
struct KelvinShape {
  double H, A, c, k, x_lo, y0, decay;  // decay = beta / (2 c)
  KOKKOS_INLINE_FUNCTION double eta(const double* x, double t) const {
    const double y = x[1] - y0;
    return A * math::exp(-decay * y * y) * math::cos(k * (x[0] - x_lo - c * t));
  }
};

class KelvinProblem final : public Problem {
 public:
  explicit KelvinProblem(Kelvin p) : p_(std::move(p)) {}

  void check(const Mesh& mesh, const Physics& phys, io::DeckProblems& problems) const override {
    if (mesh.dim() != 2) {
      problems.add({"problem.name", "mesh.cells"}, "kelvin_wave needs a 2D mesh");
      return;
    }
    if (!(phys.beta > 0.0) || phys.f0 != 0.0) {
      problems.add({"physics.beta", "physics.f0", "problem.name"},
                   "kelvin_wave lives on the equatorial beta-plane: physics.beta > 0, "
                   "physics.f0 = 0");
    }
    if (!mesh.periodic(0)) {
      problems.add({"boundary.x_lower", "problem.name"},
                   "kelvin_wave needs a periodic domain in x");
    }
    if (p_.amplitude >= p_.depth) {
      problems.add({"problem.amplitude", "problem.depth"},
                   "kelvin_wave: problem.amplitude must be below problem.depth");
    }
  }

  void fill(const Mesh& mesh, const Physics& phys, const FieldView&,
            const FieldView& u) const override {
    const KelvinShape s = shape(mesh, phys);
    for_each_cell(
        mesh, "shallow_water_kelvin",
        KOKKOS_LAMBDA(const double* x, const double*, int k, int j, int i) {
          const double e = s.eta(x, 0.0);
          const double h = s.H + e;
          u(0, k, j, i) = h;
          u(1, k, j, i) = h * s.c * e / s.H;
          u(2, k, j, i) = 0.0;
        });
  }

  bool has_exact() const override { return true; }
  double depth_scale() const override { return p_.amplitude; }
  void exact_depth(const Mesh& mesh, const Physics& phys, double t, const FieldView&,
                   const FieldView& h) const override {
    const KelvinShape s = shape(mesh, phys);
    for_each_cell(
        mesh, "shallow_water_kelvin_exact",
        KOKKOS_LAMBDA(const double* x, const double*, int k, int j, int i) {
          h(0, k, j, i) = s.H + s.eta(x, t);
        });
  }

 private:
  KelvinShape shape(const Mesh& mesh, const Physics& phys) const {
    const double c = std::sqrt(phys.g * p_.depth);
    const double Lx = mesh.upper(0) - mesh.lower(0);
    return KelvinShape{p_.depth,
                       p_.amplitude,
                       c,
                       2.0 * M_PI * static_cast<double>(p_.waves) / Lx,
                       mesh.lower(0),
                       phys.y0,
                       0.5 * phys.beta / c};
  }

  Kelvin p_;
};

}  // namespace

ProblemInfo kelvin_wave_info() {
  return {"kelvin_wave",
          "an equatorial Kelvin wave on the beta-plane (periodic in x): phase speed sqrt(g H); "
          "h_exact is linear theory",
          [](io::Schema& s) { keys(io::Keys<Kelvin>(s)); }};
}

std::unique_ptr<Problem> make_kelvin_wave(const io::Deck& deck) {
  Kelvin p;
  keys(io::Keys<Kelvin>(deck, p));
  return std::make_unique<KelvinProblem>(p);
}

}  // namespace boreas::shallow_water
