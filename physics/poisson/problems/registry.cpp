#include "physics/poisson/problems/problem.hpp"

namespace boreas::poisson {

ProblemInfo manufactured_info();
std::unique_ptr<Problem> make_manufactured(const io::Deck& deck);
ProblemInfo constant_source_info();
std::unique_ptr<Problem> make_constant_source(const io::Deck& deck);

const std::vector<ProblemInfo>& problems() {
  static const std::vector<ProblemInfo> all = {manufactured_info(), constant_source_info()};
  return all;
}

std::unique_ptr<Problem> make_problem(const io::Deck& deck) {
  if (deck.string("problem.name") == "constant_source") return make_constant_source(deck);
  return make_manufactured(deck);
}

}  // namespace boreas::poisson
