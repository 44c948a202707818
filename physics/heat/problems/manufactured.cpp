// A manufactured solution: T = background + amplitude cos(omega t) prod_d
// sin(mode_d pi (x_d - lower_d) / L_d), made exact by the source
// amplitude (-omega sin(omega t) + kappa k^2 cos(omega t)) prod_d sin(...)
// with dirichlet walls at T = background (reported as l2_error).
#include <cmath>

#include "io/deck/keys.hpp"
#include "mesh/field_ops.hpp"
#include "physics/heat/problems/problems.hpp"

namespace boreas::heat {
namespace {

struct Manufactured {
  double amplitude = 1.0;
  double background = 0.0;
  double omega = 1.0;
  std::vector<long long> mode{1, 1, 1};
};

void keys(io::Keys<Manufactured> k) {
  k.real("problem.amplitude", &Manufactured::amplitude)
      .def("1.0")
      .units("K")
      .describe("amplitude A of the solution");
  k.real("problem.background", &Manufactured::background)
      .def("0.0")
      .units("K")
      .describe("constant part (the walls' dirichlet value)");
  k.real("problem.omega", &Manufactured::omega)
      .def("1.0")
      .units("1/s")
      .describe("angular frequency of the solution's oscillation");
  k.integers("problem.mode", &Manufactured::mode)
      .def("[1, 1, 1]")
      .length(1, 3)
      .at_least(1)
      .describe("half-wave numbers per direction");
}

class ManufacturedProblem final : public Problem {
 public:
  explicit ManufacturedProblem(Manufactured p) : p_(std::move(p)) {}
  void check(const Equation& eq, const Mesh& mesh, io::DeckProblems& problems) const override {
    if (static_cast<int>(p_.mode.size()) < mesh.dim()) {
      problems.add({"problem.mode", "mesh.cells"},
                   "problem.mode needs one entry per mesh dimension");
    }
    if (eq.heating != 0.0) {
      problems.add({"physics.heating", "problem.name"},
                   "problem 'manufactured' brings its own source; physics.heating must be 0");
    }
  }
  void initial_state(const Mesh& mesh, const FieldView& T) const override {
    fill_sine_mode(mesh, p_.mode, p_.background, p_.amplitude, T, mesh.interior());
  }
  bool has_source() const override { return true; }
  void source_profile(const Mesh& mesh, const FieldView& s) const override {
    fill_sine_mode(mesh, p_.mode, 0.0, 1.0, s, mesh.all());
  }
  double source_factor(double t, const Equation& eq, const Mesh& mesh) const override {
    const double k2 = sine_mode_k_squared(mesh, p_.mode);
    return p_.amplitude *
           (-p_.omega * std::sin(p_.omega * t) + eq.kappa * k2 * std::cos(p_.omega * t));
  }
  bool has_exact() const override { return true; }
  void exact_profile(const Mesh& mesh, const FieldView& prof) const override {
    fill_sine_mode(mesh, p_.mode, 0.0, 1.0, prof, mesh.all());
  }
  double exact_background() const override { return p_.background; }
  double exact_factor(double t, const Equation&, const Mesh&) const override {
    return p_.amplitude * std::cos(p_.omega * t);
  }

 private:
  Manufactured p_;
};

}  // namespace

ProblemInfo manufactured_info() {
  return {"manufactured",
          "an oscillating sine mode kept exact by its own source; exact solution known (l2_error)",
          [](io::Schema& s) { keys(io::Keys<Manufactured>(s)); }};
}

std::unique_ptr<Problem> make_manufactured(const io::Deck& deck) {
  Manufactured p;
  keys(io::Keys<Manufactured>(deck, p));
  return std::make_unique<ManufacturedProblem>(p);
}

}  // namespace boreas::heat
