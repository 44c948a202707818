#pragma once
// A validated TOML input deck (docs/architecture.md, "Decks").
//
// Deck::load parses the file with toml++, applies dotted command-line
// overrides (`mesh.cells=[64,64]`, value parsed as TOML; a bare word that is
// not TOML is taken as a string), fills defaults, and checks every key against
// the schema. All problems are collected and thrown together as one
// DeckError (exit code 2), one line each, formatted
//     deck.toml:LINE:COL: error: unknown key 'physics.kapa' (did you mean 'physics.kappa'?)
//     command line: error: 'mesh.cells' element 0 = -4 is out of range [1, inf)
//     deck.toml: error: missing required key 'run.app' (string; one of: heat)
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "io/deck/schema.hpp"

namespace boreas::io {

class DeckError : public InputError {
 public:
  explicit DeckError(std::vector<std::string> messages);
  const std::vector<std::string>& messages() const { return messages_; }

 private:
  std::vector<std::string> messages_;
};

// Decks are small text files; anything larger is refused unread.
constexpr std::size_t kMaxDeckBytes = 1 << 20;

// The text of a deck file. Throws DeckError naming the file and the reason
// (with the OS's errno text) for a missing or unreadable file, a directory,
// anything that is not a regular file (a FIFO or /dev/zero would block or
// never end), a file over kMaxDeckBytes, or text with NUL bytes.
std::string read_deck_file(const std::string& path);

class Deck {
 public:
  // `display_name` is how the file is named in messages (usually the path as
  // the user typed it).
  static Deck from_text(const std::string& text, const std::string& display_name,
                        const std::vector<std::string>& overrides, const Schema& schema);
  // Reads the file; a missing/unreadable file is a DeckError naming it.
  static Deck from_file(const std::string& path, const std::vector<std::string>& overrides,
                        const Schema& schema);

  // The string at `key` after overrides, without validating anything else.
  // Used to pick the app (run.app) before the full schema is known.
  // Returns nullopt if the text does not parse or the key is absent or not a string.
  static std::optional<std::string> peek_string(const std::string& text,
                                                const std::vector<std::string>& overrides,
                                                const std::string& key);

  bool has(const std::string& key) const;  // given or defaulted
  bool boolean(const std::string& key) const;
  long long integer(const std::string& key) const;
  double real(const std::string& key) const;  // integers are accepted as reals
  std::string string(const std::string& key) const;
  std::vector<long long> integers(const std::string& key) const;
  std::vector<double> reals(const std::string& key) const;
  std::vector<std::string> strings(const std::string& key) const;

  // The elements of the table array `key` ([[output.probe]] sections), each
  // as a deck of its own: its schema is the element schema, its keys are
  // relative ("name", not "output.probe[].name"), and where() locates them
  // in this deck's file. Empty when the deck has none.
  std::vector<Deck> tables(const std::string& key) const;

  // Where the value of `key` came from, for messages: "deck.toml:12:3",
  // "command line: override 'physics.nu=0.1'", "deck.toml: default"; the
  // deck's name for a key without a value.
  std::string where(const std::string& key) const;

  // The resolved deck (every schema key with its value, defaults filled in,
  // overrides applied) as TOML text.
  std::string resolved_toml() const;
  const std::string& name() const { return name_; }
  const Schema& schema() const { return schema_; }

  Deck();
  ~Deck();
  Deck(const Deck&);
  Deck& operator=(const Deck&);
  Deck(Deck&&) noexcept;
  Deck& operator=(Deck&&) noexcept;

 private:
  struct Impl;  // holds the toml::table
  Impl* impl_ = nullptr;
  std::string name_;
  Schema schema_;
};

}  // namespace boreas::io
