#pragma once
// Problems of the poisson app ([problem] name = ...): the coefficient k, the
// right-hand side f, the boundary data and, when known, the exact solution.
#include <memory>
#include <vector>

#include "io/deck/deck.hpp"
#include "io/deck/problems.hpp"
#include "mesh/mesh.hpp"
#include "physics/app.hpp"
#include "solvers/linear/elliptic.hpp"

namespace boreas::poisson {

class Problem {
 public:
  virtual ~Problem() = default;
  virtual void check(const Mesh&, io::DeckProblems&) const {}
  // k: constant, or a field filled over every local cell.
  virtual double k_constant() const = 0;
  virtual bool variable_k() const { return false; }
  virtual void coefficient(const Mesh&, const FieldView&) const {}
  // f over the interior.
  virtual void source(const Mesh& mesh, const FieldView& f) const = 0;
  // rhs += the boundary terms of the non-homogeneous data (by default the
  // [boundary] values of `p`).
  virtual void add_boundary_terms(const linear::EllipticProblem& p, const FieldView& rhs) const {
    linear::add_boundary_terms(p, rhs);
  }
  // The exact solution over the interior, when known (diagnostic l2_error).
  virtual bool has_exact() const { return false; }
  virtual void exact(const Mesh&, const FieldView&) const {}
};

const std::vector<ProblemInfo>& problems();
std::unique_ptr<Problem> make_problem(const io::Deck& deck);

}  // namespace boreas::poisson
