#include "physics/advection/problems/problem.hpp"

namespace boreas::advection {

const std::vector<ProblemInfo>& problems() {
  static const std::vector<ProblemInfo> all = {sine_info(), gaussian_info(),
                                               slotted_cylinder_info()};
  return all;
}

std::unique_ptr<Problem> make_problem(const io::Deck& deck) {
  const std::string name = deck.string("problem.name");
  if (name == "gaussian") return make_gaussian(deck);
  if (name == "slotted_cylinder") return make_slotted_cylinder(deck);
  return make_sine(deck);
}

}  // namespace boreas::advection
