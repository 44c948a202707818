// Command-line overrides (`mesh.cells=[64,64]`): applied over the file,
// validated like file keys, reported as "command line: error: ...".
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/deck/deck_fixture.hpp"

namespace boreas::io::test {
namespace {

using Lines = std::vector<std::string>;

TEST(DeckOverrides, ReplaceTheFileValue) {
  Deck d = load(kMinimal + "[physics]\nkappa = 2.0\ninit = \"sine\"\n",
                {"physics.kappa=3.5", "mesh.cells=[8,16,32]"});
  EXPECT_EQ(d.real("physics.kappa"), 3.5);
  EXPECT_EQ(d.string("physics.init"), "sine");  // untouched file value stays
  EXPECT_EQ(d.integers("mesh.cells"), (std::vector<long long>{8, 16, 32}));
}

TEST(DeckOverrides, LastOverrideOfAKeyWins) {
  EXPECT_EQ(load(kMinimal, {"physics.kappa=2", "physics.kappa=5e-1"}).real("physics.kappa"), 0.5);
}

TEST(DeckOverrides, CreateKeysAndTablesNotInTheFile) {
  Deck d = load(kMinimal, {"output.checkpoint.every_steps=5", "physics.source=0.25"});
  EXPECT_EQ(d.integer("output.checkpoint.every_steps"), 5);
  EXPECT_TRUE(d.has("physics.source"));
  EXPECT_EQ(d.real("physics.source"), 0.25);
  // Other keys of the created tables still get their defaults.
  EXPECT_EQ(d.real("physics.kappa"), 1.0);
  EXPECT_EQ(d.strings("output.fields"), Lines{"u"});
}

TEST(DeckOverrides, CanSupplyARequiredKey) {
  EXPECT_EQ(load("", {"run.app=heat"}).string("run.app"), "heat");
}

TEST(DeckOverrides, BareWordIsAStringAndTomlIsParsed) {
  Deck d = load(kMinimal, {"run.name=my-run", "physics.init=sine", "physics.periodic=true",
                           "run.steps=7", "physics.alpha=1", "run.app=\"heat\""});
  EXPECT_EQ(d.string("run.name"), "my-run");
  EXPECT_EQ(d.string("physics.init"), "sine");
  EXPECT_TRUE(d.boolean("physics.periodic"));
  EXPECT_EQ(d.integer("run.steps"), 7);
  EXPECT_EQ(d.real("physics.alpha"), 1.0);
  EXPECT_EQ(d.string("run.app"), "heat");
  // Only the first '=' splits; the rest is the value.
  EXPECT_EQ(load(kMinimal, {"run.name=a=b"}).string("run.name"), "a=b");
  EXPECT_EQ(load(kMinimal, {" run.name = spaced "}).string("run.name"), "spaced");
}

TEST(DeckOverrides, RangeErrorNamesKeyAndOverride) {
  EXPECT_EQ(
      deck_errors(kMinimal, {"mesh.cells=[-4,8]"}),
      Lines{"command line: error: 'mesh.cells' element 0 = -4 is out of range [1, 1000000000] "
            "(from override mesh.cells=[-4,8])"});
}

TEST(DeckOverrides, TypeAndChoiceErrors) {
  EXPECT_EQ(deck_errors(kMinimal, {"physics.kappa=abc"}),
            Lines{"command line: error: 'physics.kappa' must be a real, got string \"abc\" "
                  "(from override physics.kappa=abc)"});
  EXPECT_EQ(deck_errors(kMinimal, {"run.steps=2.5"}),
            Lines{"command line: error: 'run.steps' must be an integer, got real 2.5 (from "
                  "override run.steps=2.5)"});
  EXPECT_EQ(deck_errors(kMinimal, {"physics.init=sin"}),
            Lines{"command line: error: 'physics.init' = \"sin\" is not one of: gaussian, sine "
                  "(did you mean 'sine'?) "
                  "(from override physics.init=sin)"});
}

TEST(DeckOverrides, NotKeyValue) {
  EXPECT_EQ(deck_errors(kMinimal, {"foo"}),
            Lines{"command line: error: override 'foo' is not key=value"});
  EXPECT_EQ(deck_errors(kMinimal, {"=3"}),
            Lines{"command line: error: override '=3' is not key=value"});
}

TEST(DeckOverrides, UnknownKeyWithSuggestion) {
  EXPECT_EQ(deck_errors(kMinimal, {"physics.kapa=1"}),
            Lines{"command line: error: unknown key 'physics.kapa' (did you mean 'physics.kappa'?) "
                  "(from override physics.kapa=1)"});
  EXPECT_EQ(
      deck_errors(kMinimal, {"phsyics.kappa=1"}),
      Lines{"command line: error: unknown key 'phsyics.kappa' (did you mean 'physics.kappa'?) "
            "(from override phsyics.kappa=1)"});
  EXPECT_EQ(
      deck_errors(kMinimal, {"physics=1"}),
      Lines{"command line: error: 'physics' is a table, not a key; override its keys one by one "
            "(from override physics=1)"});
}

TEST(DeckOverrides, OverrideHidesABadFileValue) {
  EXPECT_EQ(
      load(kMinimal + "[physics]\nkappa = -1.0\n", {"physics.kappa=1e-3"}).real("physics.kappa"),
      1e-3);
}

TEST(DeckOverrides, ErrorsOrderedFileThenCommandLineThenMissing) {
  try {
    Deck::from_text("[physics]\nkapa = 1\nalpha = 2\n", "d.toml",
                    {"run.steps=0", "bad", "mesh.cells=[0]"}, test_schema());
    FAIL() << "no DeckError";
  } catch (const DeckError& e) {
    EXPECT_EQ(
        e.messages(),
        (Lines{"d.toml:2:1: error: unknown key 'physics.kapa' (did you mean 'physics.kappa'?)",
               "d.toml:3:1: error: 'physics.alpha' = 2 is out of range [0, 1]",
               "command line: error: 'run.steps' = 0 is out of range [1, inf) (from override "
               "run.steps=0)",
               "command line: error: override 'bad' is not key=value",
               "command line: error: 'mesh.cells' element 0 = 0 is out of range [1, 1000000000] "
               "(from override mesh.cells=[0])",
               "d.toml: error: missing required key 'run.app' (string; one of: heat)"}));
  }
}

TEST(DeckOverrides, StillCheckedWhenTheFileDoesNotParse) {
  EXPECT_EQ(
      deck_errors("[run\n", {"physics.kappa=0"}),
      (Lines{"deck.toml:1:5: error: Error while parsing table header: expected ']', saw '\\n'",
             "command line: error: 'physics.kappa' = 0 is out of range (0, inf) (from override "
             "physics.kappa=0)"}));
}

}  // namespace
}  // namespace boreas::io::test
