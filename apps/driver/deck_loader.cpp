#include "apps/driver/deck_loader.hpp"

#include <fstream>
#include <sstream>

#include "apps/driver/run_schema.hpp"

namespace boreas::driver {

LoadedDeck load_deck(const Context& ctx, const std::string& path,
                     const std::vector<std::string>& overrides) {
  std::string text;
  std::string problem;
  if (ctx.is_root()) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      problem = path + ": error: cannot open the deck file";
    } else {
      std::ostringstream ss;
      ss << in.rdbuf();
      text = ss.str();
    }
  }
  problem = ctx.broadcast(problem);
  if (!problem.empty()) throw io::DeckError({problem});
  text = ctx.broadcast(text);

  LoadedDeck out;
  out.path = path;
  auto app_name = io::Deck::peek_string(text, overrides, "run.app");
  if (app_name) out.app = find_app(*app_name);
  out.deck = io::Deck::from_text(text, path, overrides, deck_schema(out.app));
  return out;
}

}  // namespace boreas::driver
