// A sine mode decaying in place: T = background + amplitude exp(-kappa k^2 t)
// prod_d sin(mode_d pi (x_d - lower_d) / L_d), exact with homogeneous
// dirichlet walls at T = background (reported as l2_error).
#include <cmath>

#include "io/deck/keys.hpp"
#include "mesh/field_ops.hpp"
#include "physics/heat/problems/problems.hpp"

namespace boreas::heat {
namespace {

struct Sine {
  double amplitude = 1.0;
  double background = 0.0;
  std::vector<long long> mode{1, 1, 1};
};

void keys(io::Keys<Sine> k) {
  k.real("problem.amplitude", &Sine::amplitude)
      .def("1.0")
      .units("K")
      .describe("amplitude of the mode at t = 0");
  k.real("problem.background", &Sine::background)
      .def("0.0")
      .units("K")
      .describe("temperature the mode decays to (the walls' dirichlet value)");
  k.integers("problem.mode", &Sine::mode)
      .def("[1, 1, 1]")
      .length(1, 3)
      .at_least(1)
      .describe("half-wave numbers per direction");
}

class SineProblem final : public Problem {
 public:
  explicit SineProblem(Sine p) : p_(std::move(p)) {}
  void check(const Equation& eq, const Mesh& mesh, io::DeckProblems& problems) const override {
    if (static_cast<int>(p_.mode.size()) < mesh.dim()) {
      problems.add({"problem.mode", "mesh.cells"},
                   "problem.mode needs one entry per mesh dimension");
    }
    if (eq.heating != 0.0) {
      problems.add({"physics.heating", "problem.name"},
                   "problem 'sine' knows its exact solution only without physics.heating");
    }
  }
  void initial_state(const Mesh& mesh, const FieldView& T) const override {
    fill_sine_mode(mesh, p_.mode, p_.background, p_.amplitude, T, mesh.interior());
  }
  bool has_exact() const override { return true; }
  void exact_profile(const Mesh& mesh, const FieldView& prof) const override {
    fill_sine_mode(mesh, p_.mode, 0.0, 1.0, prof, mesh.all());
  }
  double exact_background() const override { return p_.background; }
  double exact_factor(double t, const Equation& eq, const Mesh& mesh) const override {
    return p_.amplitude * std::exp(-eq.kappa * sine_mode_k_squared(mesh, p_.mode) * t);
  }

 private:
  Sine p_;
};

}  // namespace

ProblemInfo sine_info() {
  return {"sine", "a sine mode decaying between dirichlet walls; exact solution known (l2_error)",
          [](io::Schema& s) { keys(io::Keys<Sine>(s)); }};
}

std::unique_ptr<Problem> make_sine(const io::Deck& deck) {
  Sine p;
  keys(io::Keys<Sine>(deck, p));
  return std::make_unique<SineProblem>(p);
}

}  // namespace boreas::heat
