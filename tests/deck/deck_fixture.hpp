#pragma once
// The schema and helpers the deck tests share: a small but complete schema
// with every key type, ranges, choices, lengths, a required key, an optional
// key and a key two tables deep.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io/deck/deck.hpp"
#include "io/deck/schema.hpp"

namespace boreas::io::test {

inline Schema test_schema() {
  Schema s;
  s.add("run.app", KeyType::string).require().one_of({"heat"}).describe("Application to run.");
  s.add("run.name", KeyType::string).def("\"demo\"").describe("Run name.");
  s.add("run.steps", KeyType::integer).def("100").at_least(1).describe("Number of steps.");
  s.add("mesh.cells", KeyType::integer_array)
      .def("[64, 64]")
      .at_least(1)
      .at_most(1e9)
      .length(1, 3)
      .describe("Cells per direction.")
      .fixed();
  s.add("mesh.length", KeyType::real_array)
      .def("[1.0, 1.0]")
      .above(0)
      .length(1, 3)
      .units("m")
      .describe("Domain size.");
  s.add("physics.kappa", KeyType::real)
      .def("1.0")
      .above(0)
      .units("m^2/s")
      .describe("Thermal diffusivity.");
  s.add("physics.alpha", KeyType::real).def("0.5").at_least(0).at_most(1).describe("Blend factor.");
  s.add("physics.init", KeyType::string)
      .def("\"gaussian\"")
      .one_of({"gaussian", "sine"})
      .describe("Initial condition.");
  s.add("physics.periodic", KeyType::boolean).def("false").describe("Periodic boundaries.");
  s.add("physics.source", KeyType::real).maybe().units("K/s").describe("Heat source.");
  s.add("output.fields", KeyType::string_array)
      .def("[\"u\"]")
      .one_of({"u", "flux"})
      .describe("Fields to write.");
  s.add("output.checkpoint.every_steps", KeyType::integer)
      .def("0")
      .at_least(0)
      .describe("Steps between checkpoints.");
  return s;
}

// The messages of the DeckError that loading `text` must throw.
inline std::vector<std::string> deck_errors(const std::string& text,
                                            const std::vector<std::string>& overrides = {}) {
  try {
    Deck::from_text(text, "deck.toml", overrides, test_schema());
  } catch (const DeckError& e) {
    return e.messages();
  }
  ADD_FAILURE() << "no DeckError for deck:\n" << text;
  return {};
}

inline Deck load(const std::string& text, const std::vector<std::string>& overrides = {}) {
  return Deck::from_text(text, "deck.toml", overrides, test_schema());
}

inline const std::string kMinimal = "[run]\napp = \"heat\"\n";

}  // namespace boreas::io::test
