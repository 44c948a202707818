// Schema: allowed() text, add/merge, suggestions, and the Markdown/text views.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "tests/deck/deck_fixture.hpp"

namespace boreas::io::test {
namespace {

std::string allowed_of(KeySpec k) {
  return k.allowed();
}

KeySpec spec(KeyType t) {
  KeySpec k;
  k.type = t;
  return k;
}

TEST(SchemaTypes, Names) {
  EXPECT_EQ(type_name(KeyType::boolean), "boolean");
  EXPECT_EQ(type_name(KeyType::integer), "integer");
  EXPECT_EQ(type_name(KeyType::real), "real");
  EXPECT_EQ(type_name(KeyType::string), "string");
  EXPECT_EQ(type_name(KeyType::integer_array), "integer array");
  EXPECT_EQ(type_name(KeyType::real_array), "real array");
  EXPECT_EQ(type_name(KeyType::string_array), "string array");
}

TEST(SchemaAllowed, RangesAndChoices) {
  EXPECT_EQ(allowed_of(spec(KeyType::integer).at_least(1)), "[1, inf)");
  EXPECT_EQ(allowed_of(spec(KeyType::real).above(0)), "(0, inf)");
  EXPECT_EQ(allowed_of(spec(KeyType::real).at_least(0).at_most(1)), "[0, 1]");
  EXPECT_EQ(allowed_of(spec(KeyType::real).above(0).below(1)), "(0, 1)");
  EXPECT_EQ(allowed_of(spec(KeyType::real).at_most(2.5)), "(-inf, 2.5]");
  EXPECT_EQ(allowed_of(spec(KeyType::integer_array).at_least(1).at_most(1e9)), "[1, 1000000000]");
  EXPECT_EQ(allowed_of(spec(KeyType::real).above(1e-300).at_most(1e20)), "(1e-300, 1e+20]");
  EXPECT_EQ(allowed_of(spec(KeyType::real_array).at_least(-0.125)), "[-0.125, inf)");
  EXPECT_EQ(allowed_of(spec(KeyType::string).one_of({"gaussian", "sine"})),
            "one of: gaussian, sine");
  EXPECT_EQ(allowed_of(spec(KeyType::string_array).one_of({"u"})), "one of: u");
  EXPECT_EQ(allowed_of(spec(KeyType::real)), "");
  EXPECT_EQ(allowed_of(spec(KeyType::string)), "");
  EXPECT_EQ(allowed_of(spec(KeyType::boolean)), "");
  EXPECT_EQ(allowed_of(spec(KeyType::integer_array).length(1, 3)), "");
}

TEST(SchemaKeys, AddReplacesInPlaceAndFinds) {
  Schema s;
  s.add("a.x", KeyType::integer).def("1");
  s.add("a.y", KeyType::real);
  s.add("a.x", KeyType::string).def("\"s\"").describe("new");
  ASSERT_EQ(s.keys().size(), 2u);
  EXPECT_EQ(s.keys()[0].path, "a.x");
  EXPECT_EQ(s.keys()[0].type, KeyType::string);
  EXPECT_EQ(s.keys()[0].default_toml, "\"s\"");
  EXPECT_EQ(s.keys()[0].doc, "new");
  ASSERT_NE(s.find("a.y"), nullptr);
  EXPECT_EQ(s.find("a.y")->type, KeyType::real);
  EXPECT_EQ(s.find("a"), nullptr);
  EXPECT_EQ(s.find("a.z"), nullptr);
}

TEST(SchemaKeys, MergeAppendsAndReplacesDuplicates) {
  Schema a, b;
  a.add("run.app", KeyType::string).require();
  a.add("run.steps", KeyType::integer).def("1");
  b.add("run.steps", KeyType::integer).def("5").at_least(1);
  b.add("physics.kappa", KeyType::real).def("1.0");
  a.merge(b);
  ASSERT_EQ(a.keys().size(), 3u);
  EXPECT_EQ(a.keys()[0].path, "run.app");
  EXPECT_EQ(a.keys()[1].path, "run.steps");
  EXPECT_EQ(a.keys()[1].default_toml, "5");
  EXPECT_EQ(a.keys()[1].allowed(), "[1, inf)");
  EXPECT_EQ(a.keys()[2].path, "physics.kappa");
}

TEST(Suggestions, EditDistance) {
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("kappa", "kappa"), 0u);
  EXPECT_EQ(edit_distance("kapa", "kappa"), 1u);
  EXPECT_EQ(edit_distance("phsyics", "physics"), 2u);
}

TEST(Suggestions, ClosestMatchWithinLimit) {
  EXPECT_EQ(closest_match("physics.kapa", {"physics.kappa", "physics.init", "mesh.cells"}),
            "physics.kappa");
  // The limit is max(2, len/3): 3 edits allowed for 9 letters, 4 are not.
  EXPECT_EQ(closest_match("abcdefghi", {"abcdefxyz"}), "abcdefxyz");
  EXPECT_EQ(closest_match("abcdefghi", {"abcdexyzw"}), "");
  EXPECT_EQ(closest_match("ab", {"xy"}), "xy");
  EXPECT_EQ(closest_match("ab", {"xyz"}), "");
  EXPECT_EQ(closest_match("kappa", {}), "");
  // An abbreviation of exactly one candidate is suggested even when far.
  EXPECT_EQ(closest_match("gaus", {"gaussian", "sine"}), "gaussian");
  EXPECT_EQ(closest_match("gaus", {"gaussian", "gaussians"}), "");
  EXPECT_EQ(closest_match("ga", {"gaussian"}), "");
}

TEST(Suggestions, TiesAreBrokenOnlyBySameTable) {
  EXPECT_EQ(closest_match("cat", {"bat", "hat"}), "");
  EXPECT_EQ(closest_match("mesh.nx", {"mash.nx", "mesh.ny"}), "mesh.ny");
  EXPECT_EQ(closest_match("mesh.nx", {"mesh.nz", "mesh.ny"}), "");
  EXPECT_EQ(closest_match("cat", {"bat", "bat"}), "bat");
}

TEST(SchemaDocs, MarkdownHasEveryKeyUnderItsTable) {
  const Schema s = test_schema();
  const std::string md = s.markdown();
  EXPECT_EQ(md, s.markdown());
  for (const auto& k : s.keys())
    EXPECT_NE(md.find("| `" + k.path + "` |"), std::string::npos) << k.path;
  const auto run = md.find("### [run]\n"), mesh = md.find("### [mesh]\n"),
             physics = md.find("### [physics]\n"), output = md.find("### [output]\n");
  ASSERT_NE(run, std::string::npos);
  ASSERT_NE(output, std::string::npos);
  EXPECT_LT(run, mesh);
  EXPECT_LT(mesh, physics);
  EXPECT_LT(physics, output);
  EXPECT_LT(output, md.find("`output.checkpoint.every_steps`"));
  EXPECT_EQ(md.find("### [output.checkpoint]"), std::string::npos);
  EXPECT_EQ(
      md.rfind("### [run]\n\n| Key | Type | Default | Allowed | Unit | Description |\n|-----", 0),
      0u);
  EXPECT_NE(
      md.find("| `physics.kappa` | real | `1.0` | (0, inf) | m^2/s | Thermal diffusivity. |\n"),
      std::string::npos);
  EXPECT_NE(md.find("| `run.app` | string | required | one of: heat |  | Application to run. |\n"),
            std::string::npos);
  EXPECT_NE(md.find("| `physics.source` | real | \u2014 |  | K/s | Heat source. |\n"),
            std::string::npos);
  EXPECT_NE(
      md.find("| `mesh.cells` | integer array | `[64, 64]` | [1, 1000000000]; 1 to 3 elements |  | "
              "Cells per direction. Cannot change on restart. |\n"),
      std::string::npos);
}

TEST(SchemaDocs, MarkdownEscapesPipes) {
  Schema s;
  s.add("a.b", KeyType::string).describe("x | y");
  EXPECT_NE(s.markdown().find("x \\| y"), std::string::npos);
}

TEST(SchemaDocs, TextIsAlignedAndComplete) {
  const std::string text = test_schema().text();
  EXPECT_EQ(text, test_schema().text());
  std::istringstream in(text);
  std::string line, header;
  std::getline(in, header);
  ASSERT_EQ(header.rfind("Key", 0), 0u);
  const auto type_col = header.find("Type"), default_col = header.find("Default");
  ASSERT_NE(type_col, std::string::npos);
  int rows = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    ++rows;
    EXPECT_NE(line[type_col], ' ') << line;
    EXPECT_EQ(line[type_col - 1], ' ') << line;
    EXPECT_EQ(line.back() == ' ', false) << line;
    if (line.rfind("physics.kappa ", 0) == 0) {
      EXPECT_EQ(line.substr(type_col, 4), "real");
      EXPECT_EQ(line.substr(default_col, 3), "1.0");
      EXPECT_NE(line.find("(0, inf)"), std::string::npos);
      EXPECT_NE(line.find("m^2/s"), std::string::npos);
      EXPECT_NE(line.find("Thermal diffusivity."), std::string::npos);
    }
  }
  EXPECT_EQ(rows, static_cast<int>(test_schema().keys().size()));
  EXPECT_NE(text.find("required"), std::string::npos);
}

}  // namespace
}  // namespace boreas::io::test
