#include "io/deck/problems.hpp"

namespace boreas::io {

void DeckProblems::add(const std::vector<std::string>& keys, const std::string& message) {
  if (keys.empty()) return add(message);
  std::string text = deck_.where(keys.front()) + ": error: " + message;
  if (keys.size() > 1) {
    text += " (";
    for (std::size_t i = 0; i < keys.size(); ++i) {
      text += (i ? ", " : "") + keys[i] + " at " + deck_.where(keys[i]);
    }
    text += ")";
  }
  messages_.push_back(text);
}

void DeckProblems::add_at(const std::string& where, const std::string& message) {
  messages_.push_back(where + ": error: " + message);
}

void DeckProblems::add(const std::string& message) {
  messages_.push_back(deck_.name() + ": error: " + message);
}

void DeckProblems::raise() const {
  if (!messages_.empty()) throw DeckError(messages_);
}

}  // namespace boreas::io
