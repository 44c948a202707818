#pragma once
// Text helpers shared by the hand-written XML index files (.pvti, .pvd, .xdmf).
#include <cstdio>
#include <string>

namespace boreas::io {

// Escapes the five XML special characters for attribute values and text.
inline std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// A double with enough digits to read back exactly.
inline std::string exact_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

}  // namespace boreas::io
