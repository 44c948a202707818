// Checking a deck against its schema. Every problem is collected rather than
// thrown, so the user fixes a deck in one round instead of one error per run.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "io/deck/deck.hpp"
#include "io/deck/deck_detail.hpp"

namespace boreas::io::deck_detail {

namespace {

bool is_array_type(KeyType t) {
  return t == KeyType::integer_array || t == KeyType::real_array || t == KeyType::string_array;
}

KeyType element_type(KeyType t) {
  switch (t) {
    case KeyType::integer_array:
      return KeyType::integer;
    case KeyType::real_array:
      return KeyType::real;
    case KeyType::string_array:
      return KeyType::string;
    default:
      return t;
  }
}

bool in_range(const KeySpec& s, double x) {
  // Unconstrained keys accept anything, nan and inf included; once a bound
  // exists, nan fails every comparison and so is rejected.
  if (!std::isfinite(s.min) && !std::isfinite(s.max)) return true;
  bool lo = (s.min_exclusive || std::isinf(s.min)) ? x > s.min : x >= s.min;
  bool hi = (s.max_exclusive || std::isinf(s.max)) ? x < s.max : x <= s.max;
  return lo && hi;
}

void check_scalar(const KeySpec& s, KeyType type, const toml::node& v, const std::string& what,
                  std::vector<std::string>& out) {
  bool ok = false;
  switch (type) {
    case KeyType::boolean:
      ok = v.is_boolean();
      break;
    case KeyType::integer:
      ok = v.is_integer();
      break;
    case KeyType::real:
      ok = v.is_floating_point() || v.is_integer();
      break;
    default:
      ok = v.is_string();
      break;
  }
  if (!ok) {
    out.push_back(what + " must be " + with_article(type_name(type)) + ", got " + describe(v));
    return;
  }
  if (type == KeyType::integer || type == KeyType::real) {
    double x =
        v.is_integer() ? static_cast<double>(v.as_integer()->get()) : v.as_floating_point()->get();
    if (!std::isfinite(x)) {
      // nan and inf parse as TOML floats; no key means them.
      out.push_back(what + " must be a finite number, got " + format_compact(x));
      return;
    }
    if (!in_range(s, x)) {
      std::string shown =
          v.is_integer() ? std::to_string(v.as_integer()->get()) : format_compact(x);
      out.push_back(what + " = " + shown + " is out of range " + s.allowed());
    }
  } else if (type == KeyType::string && s.file_name_only) {
    const std::string& str = v.as_string()->get();
    const bool chars_ok = std::all_of(str.begin(), str.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
    });
    if (str.empty() || str.size() > KeySpec::kMaxFileNameChars || !chars_ok || str[0] == '.' ||
        str[0] == '-') {
      out.push_back(what + " = " + quote_clipped(str) + " is not a usable file name (" +
                    s.allowed() + ")");
    }
  } else if (type == KeyType::string && !s.choices.empty()) {
    const std::string& str = v.as_string()->get();
    if (std::find(s.choices.begin(), s.choices.end(), str) == s.choices.end()) {
      std::string near = closest_match(str, s.choices);
      out.push_back(what + " = " + quote_clipped(str) + " is not " + s.allowed() +
                    (near.empty() ? "" : " (did you mean '" + near + "'?)"));
    }
  }
}

// The problems with `v` as the value of `s`, each phrased without location.
std::vector<std::string> check_value(const KeySpec& s, const toml::node& v) {
  std::vector<std::string> out;
  const std::string name = "'" + s.path + "'";
  if (s.type == KeyType::table_array) {
    const toml::array* arr = v.as_array();
    if (!arr || !(arr->empty() || arr->is_array_of_tables())) {
      out.push_back(name + " must be an array of tables ([[" + s.path + "]] sections), got " +
                    describe(v));
    } else if (arr->size() < s.min_len || arr->size() > s.max_len) {
      out.push_back(name + " must have " + length_text(s) + ", got " + std::to_string(arr->size()));
    }
    return out;
  }
  if (!is_array_type(s.type)) {
    check_scalar(s, s.type, v, name, out);
    return out;
  }
  const toml::array* arr = v.as_array();
  if (!arr) {
    out.push_back(name + " must be " + with_article(type_name(s.type)) + ", got " + describe(v));
    return out;
  }
  if (arr->size() < s.min_len || arr->size() > s.max_len)
    out.push_back(name + " must have " + length_text(s) + ", got " + std::to_string(arr->size()));
  for (std::size_t i = 0; i < arr->size(); ++i)
    check_scalar(s, element_type(s.type), (*arr)[i], name + " element " + std::to_string(i), out);
  return out;
}

std::string leaf_of(const std::string& path) {
  auto dot = path.rfind('.');
  return dot == std::string::npos ? path : path.substr(dot + 1);
}

class Validator {
 public:
  Validator(const Schema& schema, std::string name) : schema_(schema), name_(std::move(name)) {
    for (const auto& k : schema.keys()) {
      if (is_element_key(k.path)) continue;
      for (auto p = parent_path(k.path); !p.empty(); p = parent_path(p)) tables_.emplace(p);
      names_.push_back(k.path);
    }
    names_.insert(names_.end(), tables_.begin(), tables_.end());
  }

  const std::map<std::string, std::string>& origins() const { return origins_; }

  toml::table run(const std::string& text, const std::vector<std::string>& overrides) {
    toml::table root;
    bool parsed = true;
    try {
      root = toml::parse(text, std::string_view(name_));
    } catch (const toml::parse_error& e) {
      parsed = false;
      file_error(e.source().begin, std::string(e.description()));
    }
    for (std::size_t i = 0; i < overrides.size(); ++i) apply_override(root, i, overrides[i]);
    walk(root, "");
    fill_defaults(root, parsed);
    fill_element_defaults(root);
    throw_if_errors();
    make_reals(root, schema_);
    return root;
  }

 private:
  void apply_override(toml::table& root, std::size_t index, const std::string& text) {
    auto kv = split_override(text);
    if (!kv) {
      cmd_error(index, "override '" + clip(text) + "' is not key=value");
      return;
    }
    const auto& [key, value] = *kv;
    const std::string from = " (from override " + clip(text) + ")";
    if (is_element_key(key) || key.find('[') != std::string::npos) {
      const std::string array = key.substr(0, key.find('['));
      cmd_error(index, "'" + key + "': the keys of [[" + array +
                           "]] cannot be overridden one by one; override the whole array, e.g. " +
                           array + "=[{...}, {...}]" + from);
      return;
    }
    if (!schema_.find(key)) {
      if (tables_.count(key))
        cmd_error(index,
                  "'" + key + "' is a table, not a key; override its keys one by one" + from);
      else
        cmd_error(index, "unknown key '" + key + "'" + did_you_mean(key, false) + from);
      return;
    }
    auto parts = split_path(key);
    toml::table* parent = parent_table(root, parts, true);
    // A non-table in the file blocks the path; the walk reports that.
    if (!parent) return;
    std::string bad_value;
    toml::table holder = parse_override_value(value, bad_value);
    if (!bad_value.empty()) {
      cmd_error(index, "'" + key + "': " + bad_value + from);
      return;
    }
    put_copy(*parent, parts.back(), *holder.get("v"));
    overridden_[key] = {index, from};
    origins_[key] = "command line: override '" + clip(text) + "'";
  }

  void walk(const toml::table& table, const std::string& prefix) {
    for (auto&& [k, v] : table) {
      const std::string path =
          prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
      const toml::source_position pos = k.source().begin;
      if (const KeySpec* spec = schema_.find(path)) {
        auto o = overridden_.find(path);
        if (o == overridden_.end()) {
          origins_[path] =
              name_ + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
        }
        bool ok = true;
        for (auto& p : check_value(*spec, v)) {
          ok = false;
          if (o != overridden_.end())
            cmd_error(o->second.first, p + o->second.second);
          else
            file_error(pos, p);
        }
        if (ok && spec->type == KeyType::table_array) {
          walk_elements(*v.as_array(), path, pos, o == overridden_.end() ? nullptr : &o->second);
        }
      } else if (tables_.count(path)) {
        if (const toml::table* sub = v.as_table())
          walk(*sub, path);
        else
          file_error(pos, "'" + path + "' must be a table, got " + describe(v));
      } else {
        file_error(pos, (v.is_table() ? "unknown table '" : "unknown key '") + path + "'" +
                            did_you_mean(path, v.is_table()));
      }
    }
  }

  // The elements of the table array `path`: each key checked against the
  // element schema ("<path>[].<key>"), named "<path>[i].<key>" in messages.
  // `override`: the elements came from that command-line override.
  void walk_elements(const toml::array& elements, const std::string& path,
                     const toml::source_position& array_pos,
                     const std::pair<std::size_t, std::string>* override) {
    const Schema element = schema_.element_schema(path);
    std::vector<std::string> names;
    for (const auto& k : element.keys()) names.push_back(k.path);
    for (std::size_t i = 0; i < elements.size(); ++i) {
      const toml::table& e = *elements[i].as_table();
      const std::string indexed = path + "[" + std::to_string(i) + "]";
      auto report = [&](const toml::source_position& pos, const std::string& text) {
        if (override)
          cmd_error(override->first, text + override->second);
        else
          file_error(pos.line ? pos : array_pos, text);
      };
      for (auto&& [k, v] : e) {
        const std::string key(k.str());
        const toml::source_position pos = k.source().begin;
        const KeySpec* spec = element.find(key);
        if (!spec) {
          const std::string near = closest_match(key, names);
          report(pos, (v.is_table() ? "unknown table '" : "unknown key '") + indexed + "." + key +
                          "'" + (near.empty() ? "" : " (did you mean '" + near + "'?)"));
          continue;
        }
        if (override) {
          origins_[indexed + "." + key] = "command line: override";
        } else {
          origins_[indexed + "." + key] =
              name_ + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
        }
        KeySpec named = *spec;
        named.path = indexed + "." + key;
        for (auto& p : check_value(named, v)) report(pos, p);
      }
      for (const auto& spec : element.keys()) {
        if (spec.required && !e.get(spec.path)) {
          std::string hint = spec.allowed().empty() ? spec.doc : spec.allowed();
          report(e.source().begin, "[[" + path + "]] number " + std::to_string(i + 1) +
                                       " lacks its required key '" + spec.path + "' (" +
                                       type_name(spec.type) + (hint.empty() ? "" : "; " + hint) +
                                       ")");
        }
      }
    }
  }

  // Defaults of the elements' keys; integers given for real keys become reals.
  void fill_element_defaults(toml::table& root) {
    for (const auto& spec : schema_.keys()) {
      if (spec.type != KeyType::table_array) continue;
      auto parts = split_path(spec.path);
      toml::table* parent = parent_table(root, parts, false);
      toml::node* node = parent ? parent->get(parts.back()) : nullptr;
      toml::array* arr = node ? node->as_array() : nullptr;
      if (!arr) continue;
      const Schema element = schema_.element_schema(spec.path);
      for (std::size_t i = 0; i < arr->size(); ++i) {
        toml::table* e = (*arr)[i].as_table();
        if (!e) continue;
        for (const auto& k : element.keys()) {
          if (!e->get(k.path) && !k.default_toml.empty()) {
            origins_[spec.path + "[" + std::to_string(i) + "]." + k.path] = name_ + ": default";
            toml::table holder = parse_default(k);
            put_copy(*e, k.path, *holder.get("v"));
          }
        }
        make_reals(*e, element);
      }
    }
  }

  void fill_defaults(toml::table& root, bool parsed) {
    for (const auto& spec : schema_.keys()) {
      if (is_element_key(spec.path) || find_node(root, spec.path)) continue;
      if (!spec.default_toml.empty()) {
        origins_[spec.path] = name_ + ": default";
        auto parts = split_path(spec.path);
        toml::table holder = parse_default(spec);
        if (toml::table* parent = parent_table(root, parts, true))
          put_copy(*parent, parts.back(), *holder.get("v"));
      } else if (spec.required && parsed) {
        // Without a parsed file every key would look missing; that is noise.
        std::string hint = spec.allowed().empty() ? spec.doc : spec.allowed();
        missing_.push_back("missing required key '" + spec.path + "' (" + type_name(spec.type) +
                           (hint.empty() ? "" : "; " + hint) + ")");
      }
    }
  }

  // A broken default is the schema author's bug, not the user's, so it is
  // a logic_error rather than a deck message. Only the type is checked: a
  // default outside the range (e.g. 0 meaning "off") is the author's call.
  static toml::table parse_default(const KeySpec& spec) {
    toml::table holder;
    try {
      holder = toml::parse("v = " + spec.default_toml);
    } catch (const toml::parse_error&) {
      throw std::logic_error("schema: default of '" + spec.path +
                             "' is not TOML: " + spec.default_toml);
    }
    KeySpec type_only;
    type_only.path = spec.path;
    type_only.type = spec.type;
    auto problems = check_value(type_only, *holder.get("v"));
    if (!problems.empty()) throw std::logic_error("schema: default of " + problems.front());
    return holder;
  }

  // Callers read real keys as doubles, and the resolved deck must print them
  // as reals, so an integer given for a real key becomes a real here.
  static void make_reals(toml::table& root, const Schema& schema) {
    for (const auto& spec : schema.keys()) {
      if (spec.type != KeyType::real && spec.type != KeyType::real_array) continue;
      auto parts = split_path(spec.path);
      toml::table* parent = parent_table(root, parts, false);
      toml::node* node = parent ? parent->get(parts.back()) : nullptr;
      if (!node) continue;
      if (node->is_integer()) {
        parent->insert_or_assign(parts.back(), static_cast<double>(node->as_integer()->get()));
      } else if (const toml::array* arr = node->as_array()) {
        toml::array reals;
        for (const auto& e : *arr)
          reals.push_back(e.is_integer() ? static_cast<double>(e.as_integer()->get())
                                         : e.as_floating_point()->get());
        parent->insert_or_assign(parts.back(), std::move(reals));
      }
    }
  }

  // A key is only ever pointed to a key, a table only to a table.
  std::string did_you_mean(const std::string& path, bool is_table) const {
    std::string s = suggest(path, is_table);
    return s.empty() ? std::string() : " (did you mean '" + s + "'?)";
  }

  std::string suggest(const std::string& path, bool is_table) const {
    std::vector<std::string> candidates;
    for (const auto& n : names_)
      if (tables_.count(n) == (is_table ? 1u : 0u)) candidates.push_back(n);
    const std::string parent(parent_path(path));
    const std::string leaf = leaf_of(path);
    // The short name against its siblings first: the distance limit scales
    // with the word, and a full path would make it lenient.
    if (parent.empty() || tables_.count(parent)) {
      std::vector<std::string> siblings;
      for (const auto& n : candidates)
        if (parent_path(n) == parent) siblings.push_back(leaf_of(n));
      std::string m = closest_match(leaf, siblings);
      if (!m.empty()) return parent.empty() ? m : parent + "." + m;
    }
    std::string m = closest_match(path, candidates);
    if (!m.empty() || is_table) return m;
    // The right name in the wrong table ("physics.cells" for "mesh.cells").
    std::string only;
    for (const auto& k : schema_.keys()) {
      if (leaf_of(k.path) != leaf) continue;
      if (!only.empty()) return {};
      only = k.path;
    }
    return only;
  }

  void file_error(const toml::source_position& pos, std::string text) {
    file_.push_back({pos.line, pos.column, std::move(text)});
  }
  void cmd_error(std::size_t index, std::string text) { cmd_.emplace_back(index, std::move(text)); }

  void throw_if_errors() {
    // toml++ tables iterate in key order, not file order, hence the sort.
    std::stable_sort(file_.begin(), file_.end(), [](const auto& a, const auto& b) {
      return std::tie(a.line, a.col) < std::tie(b.line, b.col);
    });
    std::stable_sort(cmd_.begin(), cmd_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> lines;
    for (const auto& e : file_)
      lines.push_back(name_ + ":" + std::to_string(e.line) + ":" + std::to_string(e.col) +
                      ": error: " + e.text);
    for (const auto& e : cmd_) lines.push_back("command line: error: " + e.second);
    for (const auto& m : missing_) lines.push_back(name_ + ": error: " + m);
    if (!lines.empty()) throw DeckError(std::move(lines));
  }

  struct FileError {
    toml::source_index line, col;
    std::string text;
  };

  const Schema& schema_;
  std::string name_;
  std::set<std::string> tables_;    // every proper prefix of a schema path
  std::vector<std::string> names_;  // key and table paths: what a typo may have meant
  std::map<std::string, std::pair<std::size_t, std::string>>
      overridden_;                              // path -> (index, " (from ...)")
  std::map<std::string, std::string> origins_;  // path -> where its value came from
  std::vector<FileError> file_;
  std::vector<std::pair<std::size_t, std::string>> cmd_;
  std::vector<std::string> missing_;
};

}  // namespace

toml::table build_deck_table(const std::string& text, const std::string& display_name,
                             const std::vector<std::string>& overrides, const Schema& schema,
                             std::map<std::string, std::string>* origins) {
  Validator v(schema, display_name);
  toml::table root = v.run(text, overrides);
  if (origins) *origins = v.origins();
  return root;
}

}  // namespace boreas::io::deck_detail
