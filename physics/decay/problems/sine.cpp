// q = amplitude prod_d sin(mode_d pi (x_d - lower_d) / L_d): with dirichlet
// walls at 0 it decays as exp(-(kappa k^2 + 1/tau) t), exactly in time and to
// 2nd order in space (reported as l2_error).
#include <cmath>

#include "core/math.hpp"
#include "io/deck/keys.hpp"
#include "physics/decay/problems/problems.hpp"

namespace boreas::decay {
namespace {

constexpr double kPi = 3.14159265358979323846;

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

void fill(const Mesh& mesh, const std::vector<long long>& mode, double amplitude,
          const FieldView& f) {
  const int dim = mesh.dim();
  double k[3] = {0, 0, 0}, dx[3] = {1, 1, 1};
  int off[3] = {0, 0, 0};
  for (int d = 0; d < dim; ++d) {
    k[d] = mode[d] * kPi / (mesh.upper(d) - mesh.lower(d));
    dx[d] = mesh.dx(d);
    off[d] = mesh.offset(d) - mesh.ghost(d);
  }
  par_for(
      "decay_sine", mesh.interior(), KOKKOS_LAMBDA(int kk, int j, int i) {
        const int idx[3] = {i, j, kk};
        double v = amplitude;
        for (int d = 0; d < dim; ++d) v *= math::sin(k[d] * (off[d] + idx[d] + 0.5) * dx[d]);
        f(0, kk, j, i) = v;
      });
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
    fill(mesh, p_.mode, p_.amplitude, q);
  }
  bool has_exact() const override { return true; }
  void exact_profile(const Mesh& mesh, const FieldView& prof) const override {
    fill(mesh, p_.mode, 1.0, prof);
  }
  double exact_factor(double t, const Rates& r, const Mesh& mesh) const override {
    double k2 = 0.0;
    for (int d = 0; d < mesh.dim(); ++d) {
      const double k = p_.mode[d] * kPi / (mesh.upper(d) - mesh.lower(d));
      k2 += k * k;
    }
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
