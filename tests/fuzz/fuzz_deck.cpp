// libFuzzer harness over decks (docs/developer-guide.md, "Fuzzing").
//
// Input: the bytes of a deck file, optionally followed by a line "%%" and
// then command-line overrides, one per line (`mesh.cells=[8,8]`). The deck
// goes through what `boreas check DECK OVERRIDES...` does: the file is
// written and read back by io::read_deck_file, then pipeline::Simulation's
// constructor parses it, applies the overrides, picks the app and problem,
// validates against their schema and runs the app's, the mesh's and the
// outputs' checks. For an accepted deck the harness then checks what a
// checkpoint and its restart rely on: the resolved deck reads back with the
// same schema (as check_restart_compatible reads the embedded deck) and
// gives the same value, bit for bit, for every key.
//
// Expected outcomes: accepted, or a boreas::Error (the driver's exit 2).
// Findings (abort, so libFuzzer keeps the input): a crash, a sanitizer
// report, an exception that is not a boreas::Error, any exception while an
// accepted deck is read back, a resolved deck that is refused or reads back
// different values, and (libFuzzer's -timeout) a hang.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "core/context.hpp"
#include "core/error.hpp"
#include "io/deck/deck.hpp"
#include "physics/pipeline/simulation.hpp"
#include "tests/fuzz/fuzz_context.hpp"

namespace {

using boreas::io::Deck;
using boreas::io::KeySpec;
using boreas::io::KeyType;

boreas::Context* g_ctx = nullptr;
std::string g_deck_path;

[[noreturn]] void finding(const std::string& what, const std::string& detail = "") {
  std::fprintf(stderr, "\nfuzz_deck: FINDING: %s\n%s%s", what.c_str(), detail.c_str(),
               detail.empty() || detail.back() == '\n' ? "" : "\n");
  std::fflush(stderr);
  std::abort();
}

// Splits the input into the deck text and the overrides after a "%%" line.
// An override is a command-line argument, so it ends at a NUL byte.
void split_input(const std::string& in, std::string& deck, std::vector<std::string>& overrides) {
  std::size_t sep = std::string::npos;
  if (in.rfind("%%\n", 0) == 0) {
    sep = 0;
  } else if (const std::size_t p = in.find("\n%%\n"); p != std::string::npos) {
    sep = p + 1;
  }
  if (sep == std::string::npos) {
    deck = in;
    return;
  }
  deck = in.substr(0, sep);
  std::size_t pos = sep + 3;
  while (pos < in.size()) {
    std::size_t end = in.find('\n', pos);
    if (end == std::string::npos) end = in.size();
    std::string line = in.substr(pos, end - pos);
    line.resize(std::strlen(line.c_str()));
    overrides.push_back(line);
    pos = end + 1;
  }
}

void write_file(const std::string& path, const std::string& text) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f || std::fwrite(text.data(), 1, text.size(), f) != text.size() || std::fclose(f) != 0) {
    std::fprintf(stderr, "fuzz_deck: cannot write %s\n", path.c_str());
    std::exit(1);
  }
}

// Every key of the schema must have the same presence and value in both
// decks (reals compared by their bits).
void compare_decks(const Deck& a, const Deck& b, const std::string& resolved) {
  for (const KeySpec& k : a.schema().keys()) {
    const std::string& key = k.path;
    if (a.has(key) != b.has(key)) {
      finding("key '" + key + "' is " + (a.has(key) ? "present" : "absent") +
                  " in the deck but not after a round trip through its resolved text",
              resolved);
    }
    if (!a.has(key)) continue;
    bool same = true;
    switch (k.type) {
      case KeyType::boolean:
        same = a.boolean(key) == b.boolean(key);
        break;
      case KeyType::integer:
        same = a.integer(key) == b.integer(key);
        break;
      case KeyType::real: {
        const double x = a.real(key), y = b.real(key);
        same = std::memcmp(&x, &y, sizeof x) == 0;
        break;
      }
      case KeyType::string:
        same = a.string(key) == b.string(key);
        break;
      case KeyType::integer_array:
        same = a.integers(key) == b.integers(key);
        break;
      case KeyType::real_array: {
        const auto x = a.reals(key), y = b.reals(key);
        same = x.size() == y.size() &&
               (x.empty() || std::memcmp(x.data(), y.data(), x.size() * sizeof(double)) == 0);
        break;
      }
      case KeyType::string_array:
        same = a.strings(key) == b.strings(key);
        break;
      case KeyType::table_array: {
        const auto ta = a.tables(key), tb = b.tables(key);
        same = ta.size() == tb.size();
        for (std::size_t i = 0; same && i < ta.size(); ++i) compare_decks(ta[i], tb[i], resolved);
        break;
      }
    }
    if (!same) {
      finding("key '" + key + "' reads back a different value from the resolved deck", resolved);
    }
  }
}

void check_deck(const std::string& deck_text, const std::vector<std::string>& overrides) {
  write_file(g_deck_path, deck_text);
  boreas::pipeline::RunOptions options;
  options.deck = g_deck_path;
  options.overrides = overrides;
  options.write_files = false;
  std::unique_ptr<boreas::pipeline::Simulation> sim;
  try {
    sim = std::make_unique<boreas::pipeline::Simulation>(*g_ctx, options);
  } catch (const boreas::Error&) {
    return;  // refused with the reason: the expected outcome for most inputs
  } catch (const std::exception& e) {
    finding(std::string("an exception that is not a boreas::Error escaped: ") + e.what());
  } catch (...) {
    finding("an exception that is not a std::exception escaped");
  }
  // Accepted: from here on nothing may throw.
  try {
    const Deck& deck = sim->deck();
    const std::string resolved = deck.resolved_toml();
    // What check_restart_compatible does with a checkpoint's embedded deck.
    Deck again;
    try {
      again = Deck::from_text(resolved, deck.name(), {}, deck.schema());
    } catch (const boreas::Error& e) {
      finding("the resolved deck of an accepted deck is refused by its own schema",
              std::string(e.what()) + "\n--- resolved deck:\n" + resolved);
    }
    compare_decks(deck, again, resolved);
    if (again.resolved_toml() != resolved) {
      finding("resolving the resolved deck again changes its text",
              "--- first:\n" + resolved + "--- second:\n" + again.resolved_toml());
    }
  } catch (const std::exception& e) {
    finding(std::string("reading an accepted deck threw: ") + e.what());
  } catch (...) {
    finding("reading an accepted deck threw something that is not a std::exception");
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  (void)argc;
  g_ctx = &boreas::fuzz::context((*argv)[0]);
  const char* tmp = std::getenv("TMPDIR");
  g_deck_path = std::string(tmp && *tmp ? tmp : "/tmp") + "/boreas-fuzz-deck-" +
                std::to_string(::getpid()) + ".toml";
  std::atexit([] { std::remove(g_deck_path.c_str()); });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string deck;
  std::vector<std::string> overrides;
  split_input(std::string(reinterpret_cast<const char*>(data), size), deck, overrides);
  check_deck(deck, overrides);
  return 0;
}
