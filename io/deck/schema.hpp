#pragma once
// A schema declares every deck key a module accepts: name, type, default,
// allowed range or choices, unit and a one-line doc (docs/architecture.md, "Decks").
// Validation, `boreas list` and docs/deck-reference.md are all derived from it.
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace boreas::io {

// table_array: an array of tables (`[[output.probe]]`); its element keys are
// declared as "<path>[].<key>" (e.g. "output.probe[].name") and read through
// Deck::tables(path).
enum class KeyType {
  boolean,
  integer,
  real,
  string,
  integer_array,
  real_array,
  string_array,
  table_array
};

// "output.probe[].name" is a key of the elements of the table array
// "output.probe".
bool is_element_key(std::string_view path);

// "integer", "real array", ...
std::string type_name(KeyType t);

struct KeySpec {
  std::string path;  // dotted, e.g. "physics.kappa"
  KeyType type = KeyType::real;
  std::string default_toml;  // TOML literal ("1.0", "[64, 64]", "\"sine\""); empty: none
  bool required = false;     // no default and must be given
  bool optional = false;     // no default and may be absent (deck.has() tells)
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_exclusive = false;
  bool max_exclusive = false;
  std::size_t min_len = 0;  // arrays only
  std::size_t max_len = std::numeric_limits<std::size_t>::max();
  std::vector<std::string> choices;  // strings (and string-array elements) only
  std::string unit;
  std::string doc;
  bool fixed_on_restart = false;  // a restart refuses a different value
  // strings: a safe file-name part (letters, digits, '.', '_', '-'; not
  // starting with '.' or '-'; 1 to kMaxFileNameChars characters)
  bool file_name_only = false;
  static constexpr std::size_t kMaxFileNameChars = 64;

  // Fluent setters, so a module's schema reads like a table.
  KeySpec& def(std::string toml_literal) {
    default_toml = std::move(toml_literal);
    return *this;
  }
  KeySpec& require() {
    required = true;
    return *this;
  }
  KeySpec& maybe() {
    optional = true;
    return *this;
  }
  KeySpec& at_least(double v) {
    min = v;
    min_exclusive = false;
    return *this;
  }
  KeySpec& above(double v) {
    min = v;
    min_exclusive = true;
    return *this;
  }
  KeySpec& at_most(double v) {
    max = v;
    max_exclusive = false;
    return *this;
  }
  KeySpec& below(double v) {
    max = v;
    max_exclusive = true;
    return *this;
  }
  KeySpec& length(std::size_t lo, std::size_t hi) {
    min_len = lo;
    max_len = hi;
    return *this;
  }
  KeySpec& one_of(std::vector<std::string> c) {
    choices = std::move(c);
    return *this;
  }
  KeySpec& file_name() {
    file_name_only = true;
    return *this;
  }
  KeySpec& units(std::string u) {
    unit = std::move(u);
    return *this;
  }
  KeySpec& describe(std::string d) {
    doc = std::move(d);
    return *this;
  }
  KeySpec& fixed() {
    fixed_on_restart = true;
    return *this;
  }

  // "[1, inf)", "(0, 1]", "one of: a, b" ... for messages and docs; empty if unconstrained.
  std::string allowed() const;
};

class Schema {
 public:
  // Adds a key (replacing one with the same path) and returns it for chaining.
  KeySpec& add(std::string path, KeyType type);
  const KeySpec* find(std::string_view path) const;
  const std::vector<KeySpec>& keys() const { return keys_; }
  // Appends every key of `other`.
  void merge(const Schema& other);
  // The keys of the elements of the table array `path`, with "<path>[]."
  // removed from their paths.
  Schema element_schema(std::string_view path) const;

  // A Markdown section: one table per top-level table of keys.
  std::string markdown() const;
  // Plain text for `boreas list`: key, type, default, allowed, unit, doc.
  std::string text() const;

 private:
  std::vector<KeySpec> keys_;
};

// Levenshtein edit distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);
// The closest candidate within a sensible distance, or "" if none is close.
// Failing that, the one candidate the word is a prefix of (3+ characters).
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace boreas::io
