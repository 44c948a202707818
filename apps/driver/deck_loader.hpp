#pragma once
// Reads a deck collectively (rank 0 reads, everyone validates the same text,
// so every rank reaches the same verdict) and picks the app.
#include <string>
#include <vector>

#include "core/context.hpp"
#include "io/deck/deck.hpp"
#include "physics/app.hpp"

namespace boreas::driver {

struct LoadedDeck {
  io::Deck deck;
  const AppInfo* app = nullptr;
  std::string path;
};

// Throws DeckError (exit 2) with every problem found.
LoadedDeck load_deck(const Context& ctx, const std::string& path,
                     const std::vector<std::string>& overrides);

}  // namespace boreas::driver
