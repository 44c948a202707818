// Schema::markdown and Schema::text: the two human-readable views of a schema
// (docs/deck-reference.md and `boreas list`). Both must be deterministic, as
// CI diffs the generated reference against the committed one.
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "io/deck/deck_detail.hpp"
#include "io/deck/schema.hpp"

namespace boreas::io {

namespace {

constexpr const char* kNoDefault = "\u2014";  // em dash

std::string top_table(const std::string& path) {
  auto dot = path.find('.');
  return dot == std::string::npos ? std::string() : path.substr(0, dot);
}

// Top-level tables in order of first appearance, each with its keys in
// schema order.
std::vector<std::pair<std::string, std::vector<const KeySpec*>>> group(
    const std::vector<KeySpec>& keys) {
  std::vector<std::pair<std::string, std::vector<const KeySpec*>>> groups;
  for (const auto& k : keys) {
    std::string t = top_table(k.path);
    auto it =
        std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == t; });
    if (it == groups.end()) it = groups.insert(groups.end(), {t, {}});
    it->second.push_back(&k);
  }
  return groups;
}

std::string default_text(const KeySpec& k, bool code) {
  if (k.required) return "required";
  if (k.default_toml.empty()) return kNoDefault;
  return code ? "`" + k.default_toml + "`" : k.default_toml;
}

std::string description(const KeySpec& k) {
  if (!k.fixed_on_restart) return k.doc;
  return k.doc + (k.doc.empty() ? "" : " ") + "Cannot change on restart.";
}

std::string md_cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

// Terminal columns, not bytes: the em dash is three bytes wide in UTF-8.
std::size_t width(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

std::string Schema::markdown() const {
  std::string out;
  for (const auto& [table, keys] : group(keys_)) {
    if (!out.empty()) out += "\n";
    out += table.empty() ? "### Top-level keys\n\n" : "### [" + table + "]\n\n";
    out += "| Key | Type | Default | Allowed | Unit | Description |\n";
    out += "|-----|------|---------|---------|------|-------------|\n";
    for (const KeySpec* k : keys) {
      out += "| `" + md_cell(k->path) + "` | " + md_cell(type_name(k->type)) + " | " +
             md_cell(default_text(*k, true)) + " | " +
             md_cell(deck_detail::allowed_with_length(*k)) + " | " + md_cell(k->unit) + " | " +
             md_cell(description(*k)) + " |\n";
    }
  }
  return out;
}

std::string Schema::text() const {
  using Row = std::array<std::string, 6>;
  const Row header = {"Key", "Type", "Default", "Allowed", "Unit", "Description"};
  std::vector<std::vector<Row>> sections;
  std::array<std::size_t, 6> widths{};
  for (std::size_t c = 0; c < widths.size(); ++c) widths[c] = width(header[c]);
  for (const auto& [table, keys] : group(keys_)) {
    auto& rows = sections.emplace_back();
    for (const KeySpec* k : keys) {
      rows.push_back({k->path, type_name(k->type), default_text(*k, false),
                      deck_detail::allowed_with_length(*k), k->unit, description(*k)});
      for (std::size_t c = 0; c < widths.size(); ++c)
        widths[c] = std::max(widths[c], width(rows.back()[c]));
    }
  }
  auto line = [&](const Row& row) {
    std::string s;
    for (std::size_t c = 0; c < row.size(); ++c) {
      s += row[c];
      if (c + 1 < row.size()) s += std::string(widths[c] - width(row[c]) + 2, ' ');
    }
    s.erase(s.find_last_not_of(' ') + 1);
    return s + "\n";
  };
  std::string out = line(header);
  for (const auto& rows : sections) {
    out += "\n";
    for (const auto& row : rows) out += line(row);
  }
  return out;
}

}  // namespace boreas::io
