#include "physics/heat/problems/problems.hpp"

namespace boreas::heat {

const std::vector<ProblemInfo>& problems() {
  static const std::vector<ProblemInfo> all = {gaussian_info(), sine_info(), manufactured_info(),
                                               uniform_info()};
  return all;
}

std::unique_ptr<Problem> make_problem(const io::Deck& deck, io::DeckProblems&) {
  const std::string name = deck.string("problem.name");
  if (name == "sine") return make_sine(deck);
  if (name == "manufactured") return make_manufactured(deck);
  if (name == "uniform") return make_uniform(deck);
  return make_gaussian(deck);
}

}  // namespace boreas::heat
