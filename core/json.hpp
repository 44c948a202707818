#pragma once
// A minimal JSON writer for perf.json, `boreas info --json` and benchmarks.
// Keys keep insertion order; doubles are written with round-trip precision.
#include <string>
#include <vector>

namespace boreas {

class Json {
 public:
  static Json object();
  static Json array();
  static Json number(double v);
  static Json integer(long long v);
  static Json string(const std::string& v);
  static Json boolean(bool v);
  static Json null();

  Json& set(const std::string& key, Json value);  // objects
  Json& push(Json value);                         // arrays
  // Pretty-printed text, two-space indentation.
  std::string dump(int indent = 0) const;

 private:
  enum class Kind { object, array, scalar } kind_ = Kind::scalar;
  std::string scalar_;  // already-encoded scalar text
  std::vector<std::pair<std::string, Json>> members_;
  std::vector<Json> items_;
};

std::string json_quote(const std::string& s);

}  // namespace boreas
