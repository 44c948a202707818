#pragma once
// Input problems found after a deck has passed its schema (values that do
// not fit together, a mesh the app cannot use, ...), collected instead of
// thrown so that `boreas check` and `boreas run` report all of them at
// once, each at the position of the keys involved:
//
//   deck.toml:7:1: error: physics.Ra and physics.nu cannot both be set
//       (physics.Ra at deck.toml:7:1, physics.nu at deck.toml:5:1)
#include <string>
#include <vector>

#include "io/deck/deck.hpp"

namespace boreas::io {

class DeckProblems {
 public:
  explicit DeckProblems(const Deck& deck) : deck_(deck) {}

  // A problem with the values of `keys`; the first one locates it, and
  // with several keys the message lists where each one came from.
  void add(const std::vector<std::string>& keys, const std::string& message);
  // A problem located by `where` ("deck.toml:12:3", from Deck::where of
  // a deck of table elements, say).
  void add_at(const std::string& where, const std::string& message);
  // A problem of the deck as a whole (a rank layout for this launch, say).
  void add(const std::string& message);

  bool empty() const { return messages_.empty(); }
  std::size_t size() const { return messages_.size(); }
  const std::vector<std::string>& messages() const { return messages_; }
  // Throws DeckError (exit 2) listing every problem, if there is any.
  void raise() const;

 private:
  const Deck& deck_;
  std::vector<std::string> messages_;
};

}  // namespace boreas::io
