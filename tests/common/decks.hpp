#pragma once
// Test decks are files: the decks users run (inputs/) and the tests' own
// (tests/decks/). These read them.
#include <string>

namespace boreas::testing {

// `relative` to the repository's inputs/ folder, e.g. "ns/taylor_green.toml".
// Throws std::runtime_error if unreadable.
std::string read_input_deck(const std::string& relative);
// `relative` to tests/decks/, e.g. "heat/sine_1d.toml".
std::string read_test_deck(const std::string& relative);
// The path of a file of the repository, e.g. "tests/data/ghia_re100.csv".
std::string source_path(const std::string& relative);

}  // namespace boreas::testing
