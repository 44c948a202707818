#include "core/json.hpp"

#include <cmath>
#include <cstdio>

namespace boreas {

std::string json_quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

Json Json::object() {
  Json j;
  j.kind_ = Kind::object;
  return j;
}
Json Json::array() {
  Json j;
  j.kind_ = Kind::array;
  return j;
}
Json Json::number(double v) {
  Json j;
  if (!std::isfinite(v)) {
    j.scalar_ = "null";
    return j;
  }  // JSON has no NaN/inf
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  j.scalar_ = buf;
  return j;
}
Json Json::integer(long long v) {
  Json j;
  j.scalar_ = std::to_string(v);
  return j;
}
Json Json::string(const std::string& v) {
  Json j;
  j.scalar_ = json_quote(v);
  return j;
}
Json Json::boolean(bool v) {
  Json j;
  j.scalar_ = v ? "true" : "false";
  return j;
}
Json Json::null() {
  Json j;
  j.scalar_ = "null";
  return j;
}

Json& Json::set(const std::string& key, Json value) {
  for (auto& m : members_) {
    if (m.first == key) {
      m.second = std::move(value);
      return *this;
    }
  }
  members_.emplace_back(key, std::move(value));
  return *this;
}

Json& Json::push(Json value) {
  items_.push_back(std::move(value));
  return *this;
}

std::string Json::dump(int indent) const {
  const std::string pad(static_cast<size_t>(indent + 2), ' ');
  const std::string end_pad(static_cast<size_t>(indent), ' ');
  if (kind_ == Kind::scalar) return scalar_;
  if (kind_ == Kind::object) {
    if (members_.empty()) return "{}";
    std::string s = "{\n";
    for (size_t i = 0; i < members_.size(); ++i) {
      s += pad + json_quote(members_[i].first) + ": " + members_[i].second.dump(indent + 2);
      s += i + 1 < members_.size() ? ",\n" : "\n";
    }
    return s + end_pad + "}";
  }
  if (items_.empty()) return "[]";
  std::string s = "[\n";
  for (size_t i = 0; i < items_.size(); ++i) {
    s += pad + items_[i].dump(indent + 2);
    s += i + 1 < items_.size() ? ",\n" : "\n";
  }
  return s + end_pad + "]";
}

}  // namespace boreas
