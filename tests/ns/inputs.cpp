#include "tests/ns/inputs.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace boreas::testing {

std::string read_input_deck(const std::string& relative) {
  const std::string path = std::string(BOREAS_INPUTS) + "/" + relative;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace boreas::testing
