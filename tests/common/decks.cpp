#include "tests/common/decks.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace boreas::testing {

std::string source_path(const std::string& relative) {
  return std::string(BOREAS_SOURCE_DIR) + "/" + relative;
}

namespace {
std::string read(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

std::string read_input_deck(const std::string& relative) {
  return read(source_path("inputs/" + relative));
}
std::string read_test_deck(const std::string& relative) {
  return read(source_path("tests/decks/" + relative));
}

}  // namespace boreas::testing
