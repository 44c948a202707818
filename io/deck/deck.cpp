#include "io/deck/deck.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
#include <sstream>
#include <utility>

#include "io/deck/deck_detail.hpp"

namespace boreas::io {

namespace {

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) out += (i ? "\n" : "") + lines[i];
  return out;
}

// The value behind a getter call. Misuse (unknown key, wrong getter, absent
// optional key) is a programming error, but it surfaces at run time through
// a user's deck, so the message names the call and the key.
const toml::node& lookup(const toml::table& root, const Schema& schema, const std::string& key,
                         const char* getter, std::initializer_list<KeyType> accepted) {
  const std::string where = std::string("Deck::") + getter + "(\"" + key + "\"): ";
  const KeySpec* spec = schema.find(key);
  if (!spec) {
    std::vector<std::string> paths;
    for (const auto& k : schema.keys()) paths.push_back(k.path);
    std::string near = closest_match(key, paths);
    throw InputError(where + "no such key in the schema" +
                     (near.empty() ? "" : " (did you mean '" + near + "'?)"));
  }
  if (std::find(accepted.begin(), accepted.end(), spec->type) == accepted.end()) {
    throw InputError(where + "the key is " + deck_detail::with_article(type_name(spec->type)) +
                     ", not " + deck_detail::with_article(type_name(*accepted.begin())));
  }
  const toml::node* node = deck_detail::find_node(root, key);
  if (!node) throw InputError(where + "the key is optional and has no value; check has() first");
  return *node;
}

// What a moved-from Deck reads; binding a temporary instead would dangle.
const toml::table& empty_table() {
  static const toml::table empty;
  return empty;
}

double as_double(const toml::node& n) {
  return n.is_integer() ? static_cast<double>(n.as_integer()->get()) : n.as_floating_point()->get();
}

}  // namespace

DeckError::DeckError(std::vector<std::string> messages)
    : InputError(join_lines(messages)), messages_(std::move(messages)) {}

struct Deck::Impl {
  toml::table root;
  std::map<std::string, std::string> origins;  // key -> where its value came from
};

Deck::Deck() : impl_(new Impl) {}
Deck::~Deck() {
  delete impl_;
}
Deck::Deck(const Deck& other)
    : impl_(new Impl(other.impl_ ? *other.impl_ : Impl{})),
      name_(other.name_),
      schema_(other.schema_) {}
Deck& Deck::operator=(const Deck& other) {
  if (this != &other) *this = Deck(other);
  return *this;
}
Deck::Deck(Deck&& other) noexcept
    : impl_(std::exchange(other.impl_, nullptr)),
      name_(std::move(other.name_)),
      schema_(std::move(other.schema_)) {}
Deck& Deck::operator=(Deck&& other) noexcept {
  std::swap(impl_, other.impl_);
  std::swap(name_, other.name_);
  std::swap(schema_, other.schema_);
  return *this;
}

Deck Deck::from_text(const std::string& text, const std::string& display_name,
                     const std::vector<std::string>& overrides, const Schema& schema) {
  Deck deck;
  deck.impl_->root =
      deck_detail::build_deck_table(text, display_name, overrides, schema, &deck.impl_->origins);
  deck.name_ = display_name;
  deck.schema_ = schema;
  return deck;
}

std::string read_deck_file(const std::string& path) {
  auto fail = [&](const std::string& why) {
    throw DeckError({path + ": error: cannot read the deck: " + why});
  };
  // stat() first: it does not block on a FIFO and tells a directory or a
  // device from a file (a directory would read as empty, /dev/zero never ends).
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) fail(std::strerror(errno));
  if (S_ISDIR(st.st_mode)) fail("it is a directory");
  if (!S_ISREG(st.st_mode)) fail("it is not a regular file (a FIFO, socket or device)");
  if (static_cast<std::size_t>(st.st_size) > kMaxDeckBytes) {
    fail("it has " + std::to_string(st.st_size) + " bytes; decks are limited to " +
         std::to_string(kMaxDeckBytes) + " bytes");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(std::strerror(errno));
  // Read to the end, but at most one byte past the limit: the file may grow
  // after stat(). The buffer fits the file (as stat() saw it), not the limit.
  std::string text;
  std::string chunk(std::min<std::size_t>(static_cast<std::size_t>(st.st_size), kMaxDeckBytes) + 1,
                    '\0');
  while (text.size() <= kMaxDeckBytes) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    if (!in) break;
  }
  if (in.bad()) fail(std::string("read failed: ") + std::strerror(errno));
  if (text.size() > kMaxDeckBytes) {
    fail("it has more than " + std::to_string(kMaxDeckBytes) + " bytes");
  }
  if (text.find('\0') != std::string::npos) fail("it contains NUL bytes (not a text file)");
  return text;
}

Deck Deck::from_file(const std::string& path, const std::vector<std::string>& overrides,
                     const Schema& schema) {
  return from_text(read_deck_file(path), path, overrides, schema);
}

std::optional<std::string> Deck::peek_string(const std::string& text,
                                             const std::vector<std::string>& overrides,
                                             const std::string& key) {
  toml::table root;
  try {
    root = toml::parse(text);
  } catch (const toml::parse_error&) {
    return std::nullopt;
  }
  // No schema yet, so overrides are applied as given; load() judges them later.
  for (const auto& o : overrides) {
    auto kv = deck_detail::split_override(o);
    if (!kv) continue;
    auto parts = deck_detail::split_path(kv->first);
    if (toml::table* parent = deck_detail::parent_table(root, parts, true)) {
      std::string bad_value;  // load() reports it
      toml::table holder = deck_detail::parse_override_value(kv->second, bad_value);
      if (bad_value.empty()) deck_detail::put_copy(*parent, parts.back(), *holder.get("v"));
    }
  }
  const toml::node* node = deck_detail::find_node(root, key);
  if (node && node->is_string()) return node->as_string()->get();
  return std::nullopt;
}

std::string Deck::where(const std::string& key) const {
  if (impl_) {
    auto it = impl_->origins.find(key);
    if (it != impl_->origins.end()) return it->second;
  }
  return name_;
}

bool Deck::has(const std::string& key) const {
  return impl_ && schema_.find(key) && deck_detail::find_node(impl_->root, key);
}

bool Deck::boolean(const std::string& key) const {
  return lookup(impl_ ? impl_->root : empty_table(), schema_, key, "boolean", {KeyType::boolean})
      .as_boolean()
      ->get();
}

long long Deck::integer(const std::string& key) const {
  return lookup(impl_ ? impl_->root : empty_table(), schema_, key, "integer", {KeyType::integer})
      .as_integer()
      ->get();
}

double Deck::real(const std::string& key) const {
  return as_double(lookup(impl_ ? impl_->root : empty_table(), schema_, key, "real",
                          {KeyType::real, KeyType::integer}));
}

std::string Deck::string(const std::string& key) const {
  return lookup(impl_ ? impl_->root : empty_table(), schema_, key, "string", {KeyType::string})
      .as_string()
      ->get();
}

std::vector<long long> Deck::integers(const std::string& key) const {
  const auto& node = lookup(impl_ ? impl_->root : empty_table(), schema_, key, "integers",
                            {KeyType::integer_array});
  std::vector<long long> out;
  for (const auto& e : *node.as_array()) out.push_back(e.as_integer()->get());
  return out;
}

std::vector<double> Deck::reals(const std::string& key) const {
  const auto& node = lookup(impl_ ? impl_->root : empty_table(), schema_, key, "reals",
                            {KeyType::real_array, KeyType::integer_array});
  std::vector<double> out;
  for (const auto& e : *node.as_array()) out.push_back(as_double(e));
  return out;
}

std::vector<std::string> Deck::strings(const std::string& key) const {
  const auto& node =
      lookup(impl_ ? impl_->root : empty_table(), schema_, key, "strings", {KeyType::string_array});
  std::vector<std::string> out;
  for (const auto& e : *node.as_array()) out.push_back(e.as_string()->get());
  return out;
}

std::vector<Deck> Deck::tables(const std::string& key) const {
  const toml::node& node =
      lookup(impl_ ? impl_->root : empty_table(), schema_, key, "tables", {KeyType::table_array});
  std::vector<Deck> out;
  const Schema element = schema_.element_schema(key);
  const toml::array& arr = *node.as_array();
  for (std::size_t i = 0; i < arr.size(); ++i) {
    Deck d;
    d.impl_->root = *arr[i].as_table();
    const std::string prefix = key + "[" + std::to_string(i) + "].";
    for (const auto& [k, origin] : impl_->origins) {
      if (k.compare(0, prefix.size(), prefix) == 0)
        d.impl_->origins[k.substr(prefix.size())] = origin;
    }
    d.name_ = name_;
    d.schema_ = element;
    out.push_back(std::move(d));
  }
  return out;
}

std::string Deck::resolved_toml() const {
  // Keys grouped by their table, tables in order of first appearance in the
  // schema; top-level keys must come before any [header].
  std::vector<std::pair<std::string, std::string>> groups{{"", ""}};
  std::string arrays;  // [[table arrays]] come last: a [header] after them would nest
  for (const auto& spec : schema_.keys()) {
    if (is_element_key(spec.path)) continue;
    const toml::node* node = impl_ ? deck_detail::find_node(impl_->root, spec.path) : nullptr;
    if (!node) continue;
    if (spec.type == KeyType::table_array && !node->as_array()->empty()) {
      std::string header;
      for (const auto& seg : deck_detail::split_path(spec.path))
        header += (header.empty() ? "" : ".") + deck_detail::key_text(seg);
      const Schema element = schema_.element_schema(spec.path);
      for (const auto& e : *node->as_array()) {
        arrays += "\n[[" + header + "]]\n";
        for (const auto& k : element.keys()) {
          if (const toml::node* v = e.as_table()->get(k.path))
            arrays += deck_detail::key_text(k.path) + " = " + deck_detail::toml_literal(*v) + "\n";
        }
      }
      continue;
    }
    auto parts = deck_detail::split_path(spec.path);
    std::string table(deck_detail::parent_path(spec.path));
    auto it =
        std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == table; });
    if (it == groups.end()) it = groups.insert(groups.end(), {table, ""});
    it->second +=
        deck_detail::key_text(parts.back()) + " = " + deck_detail::toml_literal(*node) + "\n";
  }
  std::string out = "# Resolved deck" + (name_.empty() ? std::string() : " " + name_) +
                    " (defaults filled in, command-line overrides applied)\n";
  out += groups.front().second;
  for (auto g = groups.begin() + 1; g != groups.end(); ++g) {
    std::string header;
    for (const auto& seg : deck_detail::split_path(g->first))
      header += (header.empty() ? "" : ".") + deck_detail::key_text(seg);
    out += "\n[" + header + "]\n" + g->second;
  }
  return out + arrays;
}

}  // namespace boreas::io
