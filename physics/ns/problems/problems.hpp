#pragma once
// The ns app's problems, one file each (problem.hpp for the interface).
#include <memory>

#include "physics/ns/problems/problem.hpp"

namespace boreas::ns {

ProblemInfo rest_info();
std::unique_ptr<Problem> make_rest(const io::Deck& deck);
ProblemInfo taylor_green_info();
std::unique_ptr<Problem> make_taylor_green(const io::Deck& deck);
ProblemInfo taylor_green_3d_info();
std::unique_ptr<Problem> make_taylor_green_3d(const io::Deck& deck);

}  // namespace boreas::ns
