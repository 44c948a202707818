#include "physics/ns/problems/problems.hpp"

namespace boreas::ns {

const std::vector<ProblemInfo>& problems() {
  static const std::vector<ProblemInfo> all = {rest_info(), taylor_green_info(),
                                               taylor_green_3d_info()};
  return all;
}

std::unique_ptr<Problem> make_problem(const io::Deck& deck) {
  const std::string name = deck.string("problem.name");
  if (name == "taylor_green") return make_taylor_green(deck);
  if (name == "taylor_green_3d") return make_taylor_green_3d(deck);
  return make_rest(deck);
}

}  // namespace boreas::ns
