#pragma once
// Problems of the heat app ([problem] name = ...): the initial temperature,
// and for verification problems a source and the exact solution
//     T(x, t) = background + factor(t) * profile(x).
#include <memory>
#include <vector>

#include "io/deck/deck.hpp"
#include "io/deck/problems.hpp"
#include "mesh/mesh.hpp"
#include "physics/app.hpp"

namespace boreas::heat {

// What a problem may need of the equations.
struct Equation {
  double kappa = 1.0;
  double heating = 0.0;  // physics.heating
};

class Problem {
 public:
  virtual ~Problem() = default;
  // Checks against the equations and the mesh (into `problems`).
  virtual void check(const Equation&, const Mesh&, io::DeckProblems&) const {}
  // T at t = 0 over the interior.
  virtual void initial_state(const Mesh& mesh, const FieldView& T) const = 0;

  // A source s(x) g(t) of the problem's own (manufactured solutions).
  virtual bool has_source() const { return false; }
  virtual void source_profile(const Mesh&, const FieldView&) const {}
  virtual double source_factor(double /*t*/, const Equation&, const Mesh&) const { return 0.0; }

  // The exact solution, when the problem knows it (diagnostic l2_error).
  virtual bool has_exact() const { return false; }
  virtual void exact_profile(const Mesh&, const FieldView&) const {}
  virtual double exact_background() const { return 0.0; }
  virtual double exact_factor(double /*t*/, const Equation&, const Mesh&) const { return 0.0; }
};

// The heat app's problems, the default first.
const std::vector<ProblemInfo>& problems();
// The problem the deck selects, its keys read from the deck.
std::unique_ptr<Problem> make_problem(const io::Deck& deck, io::DeckProblems& problems);

}  // namespace boreas::heat
