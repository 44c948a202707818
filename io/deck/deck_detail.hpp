#pragma once
// Helpers shared by the io/ sources only; not part of the public API (the
// public headers stay free of toml++ so other modules need not see it).
#include <toml++/toml.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/deck/schema.hpp"

namespace boreas::io::deck_detail {

// Shortest text for a number in messages and docs: whole numbers as plain
// integers ("1000000000"), others shortest-round-trip in %g style ("1e-300").
std::string format_compact(double v);
// A TOML float literal that parses back to exactly `v` and stays a float.
std::string format_real(double v);
// A TOML basic string literal, quotes included.
std::string quote(std::string_view s);
// User text as a message shows it: at most `max` bytes (cut at a UTF-8
// character boundary) and then "... (N bytes)", so a huge value or a
// binary blob never floods a message.
std::string clip(std::string_view text, std::size_t max = 60);
// quote() of clip()'s cut: "abc"... (N bytes)
std::string quote_clipped(std::string_view text, std::size_t max = 60);
// A key segment as TOML needs it: bare when possible, quoted otherwise.
std::string key_text(std::string_view segment);

// "1 to 3 elements", "at least 1 element", ...; empty if the length is free.
std::string length_text(const KeySpec& spec);
// allowed() plus length_text(), for docs.
std::string allowed_with_length(const KeySpec& spec);
// "a real", "an integer array" ...
std::string with_article(const std::string& noun);

std::vector<std::string> split_path(std::string_view path);
// Everything before the last '.', "" for a top-level name.
std::string_view parent_path(std::string_view path);

// TOML text of a value (inline form for arrays and tables).
std::string toml_literal(const toml::node& node);
// "string \"abc\"", "integer 3", "table" ...: what the user gave, for messages.
std::string describe(const toml::node& node);

const toml::node* find_node(const toml::table& root, std::string_view path);
// The table that holds the last segment of `parts`, created on the way if
// `create`; nullptr if a non-table sits on the way.
toml::table* parent_table(toml::table& root, const std::vector<std::string>& parts, bool create);
// Stores a deep copy of `value` under `key`, replacing what was there.
void put_copy(toml::table& table, std::string_view key, const toml::node& value);

// "mesh.cells=[4,4]" -> {"mesh.cells", "[4,4]"}; nullopt without '=' or key.
std::optional<std::pair<std::string, std::string>> split_override(std::string_view text);
// A table whose "v" holds the value: parsed as TOML, or the raw text as a
// string when it is not TOML (so `run.app=heat` works unquoted). Text that
// looks like a number or an array but is not valid TOML (1e309, [4,4) is
// an error: `error` gets the reason and the result is empty.
toml::table parse_override_value(const std::string& value, std::string& error);

// Deck::from_text without the Deck: parses `text`, applies the overrides,
// checks everything against `schema`, fills defaults and turns integers given
// for real keys into reals. Throws DeckError listing every problem found.
// `origins` (optional) receives, for every key that has a value, where that
// value came from: "deck.toml:12:3", "command line: override 'k=v'" or
// "deck.toml: default".
toml::table build_deck_table(const std::string& text, const std::string& display_name,
                             const std::vector<std::string>& overrides, const Schema& schema,
                             std::map<std::string, std::string>* origins = nullptr);

}  // namespace boreas::io::deck_detail
