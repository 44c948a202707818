#include "physics/decay/problems/problems.hpp"

namespace boreas::decay {

ProblemInfo sine_info();
std::unique_ptr<Problem> make_sine(const io::Deck& deck);

const std::vector<ProblemInfo>& problems() {
  static const std::vector<ProblemInfo> all = {sine_info()};
  return all;
}

std::unique_ptr<Problem> make_problem(const io::Deck& deck) {
  return make_sine(deck);
}

}  // namespace boreas::decay
