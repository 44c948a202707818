#pragma once
// Test helper: the text of a deck in the repository's inputs/ folder, so
// tests run the decks users run (BOREAS_INPUTS is set by tests/ns/CMakeLists.txt).
#include <string>

namespace boreas::testing {

// `relative`: e.g. "ns/taylor_green.toml". Throws std::runtime_error if unreadable.
std::string read_input_deck(const std::string& relative);

}  // namespace boreas::testing
