#pragma once
// Reads a deck collectively (rank 0 reads, every rank validates the same
// text, so every rank reaches the same verdict), picks the app and its
// problem, and checks the deck against their schema.
#include <string>
#include <vector>

#include "core/context.hpp"
#include "io/deck/deck.hpp"
#include "physics/app.hpp"

namespace boreas::pipeline {

struct LoadedDeck {
  io::Deck deck;
  const AppInfo* app = nullptr;
  const ProblemInfo* problem = nullptr;
  std::string path;
};

// Throws DeckError (exit 2) with every problem found.
LoadedDeck load_deck(const Context& ctx, const std::string& path,
                     const std::vector<std::string>& overrides);
// The same from text already in memory (tests, benchmarks); `name` is how
// messages call it.
LoadedDeck load_deck_text(const std::string& text, const std::string& name,
                          const std::vector<std::string>& overrides);

}  // namespace boreas::pipeline
