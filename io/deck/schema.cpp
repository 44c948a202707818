#include "io/deck/schema.hpp"

#include <algorithm>
#include <cmath>

#include "io/deck/deck_detail.hpp"

namespace boreas::io {

std::string type_name(KeyType t) {
  switch (t) {
    case KeyType::boolean:
      return "boolean";
    case KeyType::integer:
      return "integer";
    case KeyType::real:
      return "real";
    case KeyType::string:
      return "string";
    case KeyType::integer_array:
      return "integer array";
    case KeyType::real_array:
      return "real array";
    case KeyType::string_array:
      return "string array";
    case KeyType::table_array:
      return "array of tables";
  }
  return "?";
}

std::string KeySpec::allowed() const {
  if (!choices.empty()) {
    std::string out = "one of: ";
    for (std::size_t i = 0; i < choices.size(); ++i) out += (i ? ", " : "") + choices[i];
    return out;
  }
  if (file_name_only) {
    return "1-" + std::to_string(kMaxFileNameChars) +
           " of A-Z a-z 0-9 . _ -, not starting with . or -";
  }
  bool numeric = type == KeyType::integer || type == KeyType::real ||
                 type == KeyType::integer_array || type == KeyType::real_array;
  if (!numeric || !(std::isfinite(min) || std::isfinite(max))) return {};
  // An infinite end is never attained, so it always gets an open bracket.
  const char* open = (min_exclusive || std::isinf(min)) ? "(" : "[";
  const char* close = (max_exclusive || std::isinf(max)) ? ")" : "]";
  return open + deck_detail::format_compact(min) + ", " + deck_detail::format_compact(max) + close;
}

KeySpec& Schema::add(std::string path, KeyType type) {
  KeySpec spec;
  spec.path = std::move(path);
  spec.type = type;
  for (auto& k : keys_) {
    // Replacing in place keeps the key where it was first declared, so docs
    // and resolved decks do not reorder when a module refines a key.
    if (k.path == spec.path) return k = std::move(spec);
  }
  return keys_.emplace_back(std::move(spec));
}

const KeySpec* Schema::find(std::string_view path) const {
  for (const auto& k : keys_) {
    if (k.path == path) return &k;
  }
  return nullptr;
}

void Schema::merge(const Schema& other) {
  for (const auto& k : other.keys_) add(k.path, k.type) = k;
}

bool is_element_key(std::string_view path) {
  return path.find("[].") != std::string_view::npos;
}

Schema Schema::element_schema(std::string_view path) const {
  Schema out;
  const std::string prefix = std::string(path) + "[].";
  for (const auto& k : keys_) {
    if (k.path.compare(0, prefix.size(), prefix) != 0) continue;
    KeySpec e = k;
    e.path = k.path.substr(prefix.size());
    out.keys_.push_back(std::move(e));
  }
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Two rows of the Wagner-Fischer table are enough.
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t subst = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  const std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
  std::size_t best = limit + 1;
  std::vector<const std::string*> tied;
  for (const auto& c : candidates) {
    std::size_t d = edit_distance(word, c);
    if (d > limit) continue;
    if (d < best) {
      best = d;
      tied.assign(1, &c);
    } else if (d == best &&
               std::none_of(tied.begin(), tied.end(), [&](auto* t) { return *t == c; })) {
      tied.push_back(&c);
    }
  }
  if (tied.empty()) {
    // Edit distance punishes abbreviations ("gaus" is 4 edits from
    // "gaussian"), so a word that starts exactly one candidate still counts.
    constexpr std::size_t min_prefix = 3;
    const std::string* only = nullptr;
    for (const auto& c : candidates) {
      if (word.size() < min_prefix || c.size() <= word.size() ||
          c.compare(0, word.size(), word) != 0)
        continue;
      if (only && *only != c) return {};
      only = &c;
    }
    return only ? *only : std::string();
  }
  if (tied.size() == 1) return *tied.front();
  // A tie is broken only by a candidate in the same table as the word:
  // "physics.nu" should not be offered for "mesh.mu" over "mesh.nu".
  const std::string* same_table = nullptr;
  for (const auto* t : tied) {
    if (deck_detail::parent_path(*t) != deck_detail::parent_path(word)) continue;
    if (same_table) return {};
    same_table = t;
  }
  return same_table ? *same_table : std::string();
}

}  // namespace boreas::io
