// A vortex in gradient-wind balance on the f-plane: a Gaussian height
// anomaly h = depth + amplitude exp(-r^2 / (2 radius^2)) about `center`
// with the azimuthal velocity V of
//     V^2 / r + f0 V = g dh/dr,
// V = r w(r), w = (-f0 + sqrt(f0^2 + 4 g h'(r) / r)) / 2, which is an exact
// steady solution of the (inviscid, flat-bottom) equations: h_exact is the
// initial depth. amplitude < 0 (a low) turns counter-clockwise for f0 > 0;
// a high needs f0^2 >= 4 g amplitude / radius^2.
#include <cmath>

#include "io/deck/keys.hpp"
#include "physics/shallow_water/problems/problem.hpp"

namespace boreas::shallow_water {
namespace {

struct Vortex {
  double depth = 1.0;
  double amplitude = -0.1;
  double radius = 1.0;
  std::vector<double> center{0.0, 0.0};
};

void keys(io::Keys<Vortex> k) {
  k.real("problem.depth", &Vortex::depth)
      .def("1.0")
      .above(0)
      .units("m")
      .describe("depth far from the vortex");
  k.real("problem.amplitude", &Vortex::amplitude)
      .def("-0.1")
      .units("m")
      .describe("height anomaly at the centre (< 0: a low, cyclonic)");
  k.real("problem.radius", &Vortex::radius)
      .def("1.0")
      .above(0)
      .units("m")
      .describe("standard deviation of the Gaussian anomaly");
  k.reals("problem.center", &Vortex::center)
      .def("[0.0, 0.0]")
      .length(2, 2)
      .units("m")
      .describe("centre of the vortex (x, y)");
}

// The balanced state at a point.
struct VortexShape {
  double H, A, inv2s2, inv_s2, c[2], f0, g;
  KOKKOS_INLINE_FUNCTION void operator()(const double* x, double& h, double& hu, double& hv) const {
    const double dx = x[0] - c[0], dy = x[1] - c[1];
    const double e = math::exp(-(dx * dx + dy * dy) * inv2s2);
    h = H + A * e;
    const double hr_over_r = -A * inv_s2 * e;  // h'(r) / r
    const double w = 0.5 * (-f0 + math::sqrt(f0 * f0 + 4.0 * g * hr_over_r));
    hu = -h * w * dy;
    hv = h * w * dx;
  }
};

class VortexProblem final : public Problem {
 public:
  explicit VortexProblem(Vortex p) : p_(std::move(p)) {}

  void check(const Mesh& mesh, const Physics& phys, io::DeckProblems& problems) const override {
    if (mesh.dim() != 2) {
      problems.add({"problem.name", "mesh.cells"}, "balanced_vortex needs a 2D mesh");
    }
    if (phys.beta != 0.0) {
      problems.add({"physics.beta", "problem.name"},
                   "balanced_vortex is a steady state on the f-plane only (physics.beta = 0)");
    }
    if (p_.depth + p_.amplitude <= 0.0) {
      problems.add({"problem.amplitude", "problem.depth"},
                   "balanced_vortex: the centre would be dry (depth + amplitude <= 0)");
    }
    if (phys.f0 * phys.f0 < 4.0 * phys.g * p_.amplitude / (p_.radius * p_.radius)) {
      problems.add({"problem.amplitude", "physics.f0", "problem.radius"},
                   "balanced_vortex: no gradient-wind balance for this high (needs f0^2 >= 4 g "
                   "amplitude / radius^2)");
    }
  }

  void fill(const Mesh& mesh, const Physics& phys, const FieldView&,
            const FieldView& u) const override {
    const VortexShape s = shape(phys);
    for_each_cell(
        mesh, "shallow_water_vortex",
        KOKKOS_LAMBDA(const double* x, const double*, int k, int j, int i) {
          double h = 0.0, hu = 0.0, hv = 0.0;
          s(x, h, hu, hv);
          u(0, k, j, i) = h;
          u(1, k, j, i) = hu;
          u(2, k, j, i) = hv;
        });
  }

  bool has_exact() const override { return true; }
  double depth_scale() const override { return std::fabs(p_.amplitude); }
  void exact_depth(const Mesh& mesh, const Physics& phys, double, const FieldView&,
                   const FieldView& h) const override {
    const VortexShape s = shape(phys);
    for_each_cell(
        mesh, "shallow_water_vortex_exact",
        KOKKOS_LAMBDA(const double* x, const double*, int k, int j, int i) {
          double hu = 0.0, hv = 0.0;
          s(x, h(0, k, j, i), hu, hv);
        });
  }

 private:
  VortexShape shape(const Physics& phys) const {
    const double s2 = p_.radius * p_.radius;
    return VortexShape{p_.depth, p_.amplitude, 0.5 / s2, 1.0 / s2, {p_.center[0], p_.center[1]},
                       phys.f0,  phys.g};
  }

  Vortex p_;
};

}  // namespace

ProblemInfo balanced_vortex_info() {
  return {"balanced_vortex",
          "a Gaussian vortex in gradient-wind balance on the f-plane: an exact steady state "
          "(h_exact = the initial depth)",
          [](io::Schema& s) { keys(io::Keys<Vortex>(s)); }};
}

std::unique_ptr<Problem> make_balanced_vortex(const io::Deck& deck) {
  Vortex p;
  keys(io::Keys<Vortex>(deck, p));
  return std::make_unique<VortexProblem>(p);
}

}  // namespace boreas::shallow_water
