// A uniform initial temperature (walls and physics.heating then drive it).
#include "io/deck/keys.hpp"
#include "physics/heat/problems/problems.hpp"

namespace boreas::heat {
namespace {

struct Uniform {
  double value = 0.0;
};

void keys(io::Keys<Uniform> k) {
  k.real("problem.value", &Uniform::value)
      .def("0.0")
      .units("K")
      .describe("initial temperature everywhere");
}

class UniformProblem final : public Problem {
 public:
  explicit UniformProblem(Uniform p) : p_(p) {}
  void initial_state(const Mesh& mesh, const FieldView& T) const override {
    const double v = p_.value;
    par_for(
        "heat_init_uniform", mesh.interior(),
        KOKKOS_LAMBDA(int k, int j, int i) { T(0, k, j, i) = v; });
  }

 private:
  Uniform p_;
};

}  // namespace

ProblemInfo uniform_info() {
  return {"uniform", "a uniform initial temperature",
          [](io::Schema& s) { keys(io::Keys<Uniform>(s)); }};
}

std::unique_ptr<Problem> make_uniform(const io::Deck& deck) {
  Uniform p;
  keys(io::Keys<Uniform>(deck, p));
  return std::make_unique<UniformProblem>(p);
}

}  // namespace boreas::heat
