// q = amplitude prod_d sin(mode_d pi (x_d - lower_d) / L_d): with dirichlet
// walls at 0 it decays as exp(-(kappa k^2 + 1/tau) t), exactly in time and to
// 2nd order in space (reported as l2_error).
#include <cmath>

#include "io/deck/keys.hpp"
#include "mesh/field_ops.hpp"
#include "physics/decay/problems/problems.hpp"

namespace boreas::decay {
namespace {

struct Sine {
  double amplitude = 1.0;
  std::vector<long long> mode{1, 1, 1};
};

void keys(io::Keys<Sine> k) {
  k.real("problem.amplitude", &Sine::amplitude).def("1.0").describe("amplitude at t = 0");
  k.integers("problem.mode", &Sine::mode)
      .def("[1, 1, 1]")
      .length(1, 3)
      .at_least(1)
      .describe("half-wave numbers per direction");
}

class SineProblem final : public Problem {
 public:
  explicit SineProblem(Sine p) : p_(std::move(p)) {}
  void check(const Mesh& mesh, io::DeckProblems& problems) const override {
    if (static_cast<int>(p_.mode.size()) < mesh.dim()) {
      problems.add({"problem.mode", "mesh.cells"},
                   "problem.mode needs one entry per mesh dimension");
    }
  }
  void initial_state(const Mesh& mesh, const FieldView& q) const override {
    fill_sine_mode(mesh, p_.mode, 0.0, p_.amplitude, q, mesh.interior());
  }
  bool has_exact() const override { return true; }
  void exact_profile(const Mesh& mesh, const FieldView& prof) const override {
    fill_sine_mode(mesh, p_.mode, 0.0, 1.0, prof, mesh.all());
  }
  double exact_factor(double t, const Rates& r, const Mesh& mesh) const override {
    const double k2 = sine_mode_k_squared(mesh, p_.mode);
    return p_.amplitude * std::exp(-(r.kappa * k2 + 1.0 / r.tau) * t);
  }

 private:
  Sine p_;
};

}  // namespace

ProblemInfo sine_info() {
  return {"sine",
          "a sine mode decaying between dirichlet walls at 0; exact solution known (l2_error)",
          [](io::Schema& s) { keys(io::Keys<Sine>(s)); }};
}

std::unique_ptr<Problem> make_sine(const io::Deck& deck) {
  Sine p;
  keys(io::Keys<Sine>(deck, p));
  return std::make_unique<SineProblem>(p);
}

}  // namespace boreas::decay
