// Arrays of tables ([[output.probe]]): element keys checked against the
// element schema with positions, defaults per element, Deck::tables(), the
// resolved deck round trip and whole-array overrides.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/deck/deck_fixture.hpp"

namespace boreas::io::test {
namespace {

using Lines = std::vector<std::string>;

Schema table_schema() {
  Schema s = test_schema();
  s.add("output.probe", KeyType::table_array).maybe().length(0, 3).describe("Probes.");
  s.add("output.probe[].name", KeyType::string).require().file_name().describe("Name.");
  s.add("output.probe[].point", KeyType::real_array).require().length(1, 3).describe("Where.");
  s.add("output.probe[].every", KeyType::integer).def("5").at_least(1).describe("Steps.");
  s.add("output.probe[].weight", KeyType::real).def("1").describe("A real given as 1.");
  return s;
}

Deck load_tables(const std::string& text, const std::vector<std::string>& overrides = {}) {
  return Deck::from_text(text, "deck.toml", overrides, table_schema());
}

Lines table_errors(const std::string& text, const std::vector<std::string>& overrides = {}) {
  try {
    load_tables(text, overrides);
  } catch (const DeckError& e) {
    return e.messages();
  }
  ADD_FAILURE() << "no DeckError for deck:\n" << text;
  return {};
}

const std::string kTwo = kMinimal +
                         "[[output.probe]]\nname = \"a\"\npoint = [0.5, 0.25]\n\n"
                         "[[output.probe]]\nname = \"b\"\npoint = [1]\nevery = 2\n";

TEST(DeckTables, ElementsWithDefaultsAndPositions) {
  const Deck d = load_tables(kTwo);
  ASSERT_TRUE(d.has("output.probe"));
  const auto t = d.tables("output.probe");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].string("name"), "a");
  EXPECT_EQ(t[0].reals("point"), (std::vector<double>{0.5, 0.25}));
  EXPECT_EQ(t[0].integer("every"), 5);
  EXPECT_EQ(t[0].real("weight"), 1.0);
  EXPECT_EQ(t[1].integer("every"), 2);
  EXPECT_EQ(t[1].reals("point"), (std::vector<double>{1.0}));
  EXPECT_EQ(t[0].where("point"), "deck.toml:5:1");
  EXPECT_EQ(t[1].where("every"), "deck.toml:10:1");
  EXPECT_EQ(t[1].where("weight"), "deck.toml: default");
}

TEST(DeckTables, AbsentArrayHasNoTables) {
  const Deck d = load_tables(kMinimal);
  EXPECT_FALSE(d.has("output.probe"));
}

TEST(DeckTables, ElementProblemsNamedByIndexAtTheirLines) {
  const std::string text = kMinimal +
                           "[[output.probe]]\nname = \"a\"\npont = [0.5]\n\n"
                           "[[output.probe]]\nname = \"b c\"\npoint = [0.5]\nevery = 0\n";
  const Lines got = table_errors(text);
  const Lines want = {
      "deck.toml:3:1: error: [[output.probe]] number 1 lacks its required key 'point' (real "
      "array; Where.)",
      "deck.toml:5:1: error: unknown key 'output.probe[0].pont' (did you mean 'point'?)",
      "deck.toml:8:1: error: 'output.probe[1].name' = \"b c\" is not a usable file name (1-64 of "
      "A-Z a-z 0-9 . _ -, not starting with . or -)",
      "deck.toml:10:1: error: 'output.probe[1].every' = 0 is out of range [1, inf)"};
  EXPECT_EQ(got, want);
}

TEST(DeckTables, SingleTableOrTooManyIsRefused) {
  EXPECT_EQ(table_errors(kMinimal + "[output.probe]\nname = \"a\"\n"),
            Lines{"deck.toml:3:9: error: 'output.probe' must be an array of tables "
                  "([[output.probe]] sections), got table"});
  std::string four = kMinimal;
  for (int i = 0; i < 4; ++i) four += "[[output.probe]]\nname = \"p\"\npoint = [0]\n";
  const Lines got = table_errors(four);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_NE(got[0].find("must have at most 3 elements, got 4"), std::string::npos) << got[0];
}

TEST(DeckTables, ResolvedDeckRoundTripsTheElements) {
  const Deck d = load_tables(kTwo);
  const std::string text = d.resolved_toml();
  EXPECT_NE(text.find("[[output.probe]]\nname = \"a\"\npoint = [0.5, 0.25]\nevery = 5\n"
                      "weight = 1.0\n"),
            std::string::npos)
      << text;
  const Deck back = load_tables(text);
  const auto a = d.tables("output.probe"), b = back.tables("output.probe");
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].string("name"), b[i].string("name"));
    EXPECT_EQ(a[i].reals("point"), b[i].reals("point"));
    EXPECT_EQ(a[i].integer("every"), b[i].integer("every"));
  }
  EXPECT_EQ(back.resolved_toml(), text);
}

TEST(DeckTables, WholeArrayOverrideReplacesAndIsChecked) {
  const Deck d = load_tables(kTwo, {"output.probe=[{name = \"c\", point = [2, 3]}]"});
  const auto t = d.tables("output.probe");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].string("name"), "c");
  EXPECT_EQ(t[0].reals("point"), (std::vector<double>{2.0, 3.0}));
  EXPECT_EQ(t[0].integer("every"), 5);
  const Lines bad = table_errors(kMinimal, {"output.probe=[{name = \"c\"}]"});
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_NE(bad[0].find("command line: error: [[output.probe]] number 1 lacks its required key "
                        "'point'"),
            std::string::npos)
      << bad[0];
  const Lines one = table_errors(kTwo, {"output.probe[0].every=3"});
  ASSERT_EQ(one.size(), 1u);
  EXPECT_NE(one[0].find("override the whole array"), std::string::npos) << one[0];
}

TEST(DeckTables, ElementKeysAreDocumentedUnderTheArray) {
  const std::string md = table_schema().markdown();
  EXPECT_NE(md.find("| `output.probe` | array of tables |"), std::string::npos) << md;
  EXPECT_NE(md.find("| `output.probe[].point` | real array | required |"), std::string::npos) << md;
}

}  // namespace
}  // namespace boreas::io::test
