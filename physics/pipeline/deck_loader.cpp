#include "physics/pipeline/deck_loader.hpp"

#include <fstream>
#include <sstream>

#include "physics/pipeline/run_keys.hpp"

namespace boreas::pipeline {

LoadedDeck load_deck_text(const std::string& text, const std::string& name,
                          const std::vector<std::string>& overrides) {
  LoadedDeck out;
  out.path = name;
  if (auto app_name = io::Deck::peek_string(text, overrides, "run.app"))
    out.app = find_app(*app_name);
  if (out.app && !out.app->problems.empty()) {
    // An unknown or misspelt problem keeps only problem.name in the schema:
    // the schema check then reports the name with a suggestion.
    const auto problem = io::Deck::peek_string(text, overrides, "problem.name");
    out.problem = problem ? out.app->find_problem(*problem) : &out.app->problems.front();
  }
  out.deck = io::Deck::from_text(text, name, overrides, deck_schema(out.app, out.problem));
  return out;
}

LoadedDeck load_deck(const Context& ctx, const std::string& path,
                     const std::vector<std::string>& overrides) {
  std::string text;
  std::string problem;
  if (ctx.is_root()) {
    try {
      text = io::read_deck_file(path);
    } catch (const io::DeckError& e) {
      problem = e.messages().empty() ? std::string(e.what()) : e.messages().front();
    }
  }
  problem = ctx.broadcast(problem);
  if (!problem.empty()) throw io::DeckError({problem});
  text = ctx.broadcast(text);
  return load_deck_text(text, path, overrides);
}

}  // namespace boreas::pipeline
