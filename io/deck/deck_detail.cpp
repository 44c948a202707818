#include "io/deck/deck_detail.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

namespace boreas::io::deck_detail {

namespace {

std::string shortest(double v) {
  // to_chars without a precision gives the shortest text that reads back
  // exactly, choosing fixed or exponent form like %g does.
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

bool is_bare_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

std::string trim(std::string_view s) {
  const char* ws = " \t\r\n";
  auto b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(ws);
  return std::string(s.substr(b, e - b + 1));
}

template <typename T>
std::string streamed(const T& v) {
  std::ostringstream os;
  os << v;
  return os.str();
}

}  // namespace

std::string format_compact(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  // Bounds such as 1e9 read better as "1000000000" than as "1e+09"; below
  // 1e15 every whole double prints exactly this way.
  if (v == std::trunc(v) && std::fabs(v) < 1e15) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
  }
  return shortest(v);
}

std::string format_real(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  std::string s = shortest(v);
  // "1" would read back as an integer and change the key's type.
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

namespace {
std::size_t clip_length(std::string_view text, std::size_t max) {
  if (text.size() <= max) return text.size();
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return n;
}
}  // namespace

std::string clip(std::string_view text, std::size_t max) {
  const std::size_t n = clip_length(text, max);
  if (n == text.size()) return std::string(text);
  return std::string(text.substr(0, n)) + "... (" + std::to_string(text.size()) + " bytes)";
}

std::string quote_clipped(std::string_view text, std::size_t max) {
  const std::size_t n = clip_length(text, max);
  if (n == text.size()) return quote(text);
  return quote(text.substr(0, n)) + "... (" + std::to_string(text.size()) + " bytes)";
}

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X",
                        static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string key_text(std::string_view segment) {
  bool bare = !segment.empty();
  for (char c : segment) bare = bare && is_bare_char(c);
  return bare ? std::string(segment) : quote(segment);
}

std::string length_text(const KeySpec& spec) {
  const auto unbounded = std::numeric_limits<std::size_t>::max();
  auto elements = [](std::size_t n) {
    return std::to_string(n) + (n == 1 ? " element" : " elements");
  };
  bool has_min = spec.min_len > 0, has_max = spec.max_len != unbounded;
  if (has_min && has_max && spec.min_len == spec.max_len)
    return "exactly " + elements(spec.min_len);
  if (has_min && has_max) return std::to_string(spec.min_len) + " to " + elements(spec.max_len);
  if (has_min) return "at least " + elements(spec.min_len);
  if (has_max) return "at most " + elements(spec.max_len);
  return {};
}

std::string allowed_with_length(const KeySpec& spec) {
  std::string a = spec.allowed();
  bool is_array = spec.type == KeyType::integer_array || spec.type == KeyType::real_array ||
                  spec.type == KeyType::string_array;
  std::string len = is_array ? length_text(spec) : std::string();
  if (a.empty()) return len;
  return len.empty() ? a : a + "; " + len;
}

std::string with_article(const std::string& noun) {
  bool vowel = !noun.empty() && std::string_view("aeiou").find(noun[0]) != std::string_view::npos;
  return (vowel ? "an " : "a ") + noun;
}

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    auto dot = path.find('.', start);
    parts.emplace_back(path.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) return parts;
    start = dot + 1;
  }
}

std::string_view parent_path(std::string_view path) {
  auto dot = path.rfind('.');
  return dot == std::string_view::npos ? std::string_view() : path.substr(0, dot);
}

std::string toml_literal(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return quote(node.as_string()->get());
    case toml::node_type::integer:
      return std::to_string(node.as_integer()->get());
    case toml::node_type::floating_point:
      return format_real(node.as_floating_point()->get());
    case toml::node_type::boolean:
      return node.as_boolean()->get() ? "true" : "false";
    case toml::node_type::date:
      return streamed(*node.as_date());
    case toml::node_type::time:
      return streamed(*node.as_time());
    case toml::node_type::date_time:
      return streamed(*node.as_date_time());
    case toml::node_type::array: {
      std::string out = "[";
      const char* sep = "";
      for (const auto& e : *node.as_array()) {
        out += sep + toml_literal(e);
        sep = ", ";
      }
      return out + "]";
    }
    case toml::node_type::table: {
      std::string out = "{";
      const char* sep = " ";
      for (auto&& [k, v] : *node.as_table()) {
        out += sep + key_text(k.str()) + " = " + toml_literal(v);
        sep = ", ";
      }
      return out + " }";
    }
    default:
      return "?";
  }
}

std::string describe(const toml::node& node) {
  constexpr std::size_t max_shown = 60;  // keep one-line messages one line long
  std::string what;
  switch (node.type()) {
    case toml::node_type::string:
      what = "string";
      break;
    case toml::node_type::integer:
      what = "integer";
      break;
    case toml::node_type::floating_point:
      what = "real";
      break;
    case toml::node_type::boolean:
      what = "boolean";
      break;
    case toml::node_type::date:
      what = "date";
      break;
    case toml::node_type::time:
      what = "time";
      break;
    case toml::node_type::date_time:
      what = "date-time";
      break;
    case toml::node_type::array:
      what = "array";
      break;
    case toml::node_type::table:
      return "table";
    default:
      return "nothing";
  }
  if (const auto* str = node.as_string()) return what + " " + quote_clipped(str->get(), max_shown);
  return what + " " + clip(toml_literal(node), max_shown);
}

const toml::node* find_node(const toml::table& root, std::string_view path) {
  const toml::table* table = &root;
  const toml::node* node = nullptr;
  for (const auto& part : split_path(path)) {
    if (!table) return nullptr;
    node = table->get(part);
    if (!node) return nullptr;
    table = node->as_table();
  }
  return node;
}

toml::table* parent_table(toml::table& root, const std::vector<std::string>& parts, bool create) {
  toml::table* table = &root;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    toml::node* node = table->get(parts[i]);
    if (!node) {
      if (!create) return nullptr;
      table->insert(parts[i], toml::table{});
      node = table->get(parts[i]);
    }
    table = node->as_table();
    if (!table) return nullptr;
  }
  return table;
}

void put_copy(toml::table& table, std::string_view key, const toml::node& value) {
  value.visit([&](const auto& typed) { table.insert_or_assign(key, typed); });
}

std::optional<std::pair<std::string, std::string>> split_override(std::string_view text) {
  auto eq = text.find('=');
  if (eq == std::string_view::npos) return std::nullopt;
  std::string key = trim(text.substr(0, eq));
  if (key.empty()) return std::nullopt;
  return std::make_pair(key, trim(text.substr(eq + 1)));
}

toml::table parse_override_value(const std::string& value, std::string& error) {
  try {
    toml::table parsed = toml::parse("v = " + value);
    // "1\nw = 2" parses too, but only a lone value is what the user meant.
    if (parsed.size() == 1 && parsed.get("v")) return parsed;
  } catch (const toml::parse_error& e) {
    // A bare word is a string; what starts like a number, an array, an
    // inline table or a quoted string was meant as TOML and is wrong.
    const char c = value.empty() ? ' ' : value[0];
    if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' || c == '[' || c == '{' ||
        c == '"' || c == '\'') {
      const bool digits_only = value.find_first_not_of("0123456789+-.eE_") == std::string::npos;
      error = quote_clipped(value) + " is not a valid TOML value (" +
              (digits_only ? std::string("a number out of range or malformed")
                           : clip(std::string(e.description()))) +
              ")";
      return {};
    }
  }
  toml::table raw;
  raw.insert("v", value);
  return raw;
}

}  // namespace boreas::io::deck_detail
