#pragma once
// The heat app's problems, one file each (problem.hpp for the interface).
#include <memory>

#include "physics/heat/problems/problem.hpp"

namespace boreas::heat {

ProblemInfo gaussian_info();
std::unique_ptr<Problem> make_gaussian(const io::Deck& deck);
ProblemInfo sine_info();
std::unique_ptr<Problem> make_sine(const io::Deck& deck);
ProblemInfo manufactured_info();
std::unique_ptr<Problem> make_manufactured(const io::Deck& deck);
ProblemInfo uniform_info();
std::unique_ptr<Problem> make_uniform(const io::Deck& deck);

}  // namespace boreas::heat
