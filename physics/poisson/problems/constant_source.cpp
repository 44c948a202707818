// A constant right-hand side f with a constant k; boundary values from
// [boundary] (a heated plate, say).
#include "io/deck/keys.hpp"
#include "physics/poisson/problems/problem.hpp"

namespace boreas::poisson {
namespace {

struct Params {
  double source = 1.0;
  double k = 1.0;
};

void keys(io::Keys<Params> k) {
  k.real("problem.source", &Params::source).def("1.0").describe("right-hand side f");
  k.real("problem.k", &Params::k).def("1.0").above(0).describe("coefficient k");
}

class ConstantSource final : public Problem {
 public:
  explicit ConstantSource(Params p) : p_(p) {}
  double k_constant() const override { return p_.k; }
  void source(const Mesh&, const FieldView& f) const override { Kokkos::deep_copy(f, p_.source); }

 private:
  Params p_;
};

}  // namespace

ProblemInfo constant_source_info() {
  return {"constant_source", "f = problem.source, k = problem.k, boundary values from [boundary]",
          [](io::Schema& s) { keys(io::Keys<Params>(s)); }};
}

std::unique_ptr<Problem> make_constant_source(const io::Deck& deck) {
  Params p;
  keys(io::Keys<Params>(deck, p));
  return std::make_unique<ConstantSource>(p);
}

}  // namespace boreas::poisson
