// q0 = background + amplitude prod_d sin(2 pi k_d (x_d - lower_d) / L_d): a
// smooth periodic wave (the convergence study of docs/advection.md).
#include <cmath>

#include "io/deck/keys.hpp"
#include "physics/advection/problems/problem.hpp"

namespace boreas::advection {
namespace {

struct Sine {
  double amplitude = 1.0;
  double background = 1.0;
  std::vector<long long> waves{1, 1, 1};
};

void keys(io::Keys<Sine> k) {
  k.real("problem.amplitude", &Sine::amplitude).def("1.0").describe("amplitude of the wave");
  k.real("problem.background", &Sine::background)
      .def("1.0")
      .describe("mean value (a non-zero mean gives the mass a scale to be conserved against)");
  k.integers("problem.waves", &Sine::waves)
      .def("[1, 1, 1]")
      .length(1, 3)
      .at_least(0)
      .describe("whole waves across the domain per direction (0: constant along it)");
}

struct SineShape {
  double amplitude, background;
  double k[3];  // 2 pi waves / L, or 0 for an inactive direction
  double lower[3];
  bool active[3];
  KOKKOS_INLINE_FUNCTION double operator()(const double x[3]) const {
    double p = 1.0;
    for (int d = 0; d < 3; ++d) {
      if (active[d]) p *= math::sin(k[d] * (x[d] - lower[d]));
    }
    return background + amplitude * p;
  }
};

class SineProblem final : public Problem {
 public:
  explicit SineProblem(Sine p) : p_(std::move(p)) {}
  void check(const Mesh& mesh, io::DeckProblems& problems) const override {
    if (static_cast<int>(p_.waves.size()) < mesh.dim()) {
      problems.add({"problem.waves", "mesh.cells"},
                   "problem.waves needs one entry per mesh dimension");
    }
  }
  void fill(const Mesh& mesh, const Trace& trace, const FieldView& q) const override {
    SineShape s{p_.amplitude, p_.background, {0, 0, 0}, {0, 0, 0}, {false, false, false}};
    for (int d = 0; d < mesh.dim(); ++d) {
      s.active[d] = p_.waves[d] > 0;
      s.k[d] = 2.0 * M_PI * static_cast<double>(p_.waves[d]) / (mesh.upper(d) - mesh.lower(d));
      s.lower[d] = mesh.lower(d);
    }
    fill_cell_means(mesh, trace, s, q);
  }

 private:
  Sine p_;
};

}  // namespace

ProblemInfo sine_info() {
  return {"sine", "a smooth periodic wave (product of sines): the convergence study",
          [](io::Schema& s) { keys(io::Keys<Sine>(s)); }};
}

std::unique_ptr<Problem> make_sine(const io::Deck& deck) {
  Sine p;
  keys(io::Keys<Sine>(deck, p));
  return std::make_unique<SineProblem>(p);
}

}  // namespace boreas::advection
