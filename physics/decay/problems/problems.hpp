#pragma once
// Problems of the decay app: the initial q and, when known, the exact
// solution q(x, t) = factor(t) * profile(x).
#include <memory>
#include <vector>

#include "io/deck/deck.hpp"
#include "io/deck/problems.hpp"
#include "mesh/mesh.hpp"
#include "physics/app.hpp"

namespace boreas::decay {

struct Rates {
  double kappa = 1.0;  // diffusivity
  double tau = 1.0;    // decay time
};

class Problem {
 public:
  virtual ~Problem() = default;
  virtual void check(const Mesh&, io::DeckProblems&) const {}
  // q at t = 0 over the interior.
  virtual void initial_state(const Mesh& mesh, const FieldView& q) const = 0;
  virtual bool has_exact() const { return false; }
  virtual void exact_profile(const Mesh&, const FieldView&) const {}
  virtual double exact_factor(double /*t*/, const Rates&, const Mesh&) const { return 0.0; }
};

const std::vector<ProblemInfo>& problems();
std::unique_ptr<Problem> make_problem(const io::Deck& deck);

}  // namespace boreas::decay
