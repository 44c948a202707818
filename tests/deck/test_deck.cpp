// Deck loading from text and files: validation messages, defaults, getters
// and the resolved deck. Overrides are in test_deck_overrides.cpp.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "tests/deck/deck_fixture.hpp"

namespace boreas::io::test {
namespace {

using Lines = std::vector<std::string>;

TEST(DeckValidation, MisspelledKeyExactMessageWithLineAndColumn) {
  const std::string text = "[run]\napp = \"heat\"\n\n[physics]\nkappa = 2.0\n  kapa = 1.0\n";
  EXPECT_EQ(
      deck_errors(text),
      Lines{"deck.toml:6:3: error: unknown key 'physics.kapa' (did you mean 'physics.kappa'?)"});
}

TEST(DeckValidation, MisspelledDottedKeyPointsAtTheSegment) {
  EXPECT_EQ(
      deck_errors("physics.kapa = 1\n" + kMinimal),
      Lines{"deck.toml:1:9: error: unknown key 'physics.kapa' (did you mean 'physics.kappa'?)"});
}

TEST(DeckValidation, UnknownTableGetsSuggestion) {
  EXPECT_EQ(deck_errors(kMinimal + "[phsyics]\nkappa = 2.0\n"),
            Lines{"deck.toml:3:2: error: unknown table 'phsyics' (did you mean 'physics'?)"});
}

TEST(DeckValidation, KeyInWrongTableSuggestsTheRightOne) {
  EXPECT_EQ(
      deck_errors(kMinimal + "[physics]\ncells = [4]\n"),
      Lines{"deck.toml:4:1: error: unknown key 'physics.cells' (did you mean 'mesh.cells'?)"});
}

TEST(DeckValidation, UnknownKeyFarFromAnythingHasNoSuggestion) {
  EXPECT_EQ(deck_errors(kMinimal + "[physics]\nzzzzzzzzzz = 1\n"),
            Lines{"deck.toml:4:1: error: unknown key 'physics.zzzzzzzzzz'"});
}

TEST(DeckValidation, AllErrorsReportedTogetherInFileOrder) {
  // toml++ iterates tables alphabetically ("physics" before "run"); the
  // report must still follow the file.
  const std::string text = "[run]\napp = \"heat\"\nsteps = \"many\"\n[physics]\nkapa = 1.0\n";
  try {
    load(text);
    FAIL() << "no DeckError";
  } catch (const DeckError& e) {
    Lines expected = {
        "deck.toml:3:1: error: 'run.steps' must be an integer, got string \"many\"",
        "deck.toml:5:1: error: unknown key 'physics.kapa' (did you mean 'physics.kappa'?)"};
    EXPECT_EQ(e.messages(), expected);
    EXPECT_EQ(std::string(e.what()), expected[0] + "\n" + expected[1]);
    EXPECT_EQ(e.code(), ExitCode::bad_input);
  }
}

TEST(DeckValidation, DeckErrorIsAnInputError) {
  EXPECT_THROW(load("[run]\n"), InputError);
  EXPECT_THROW(load("[run]\n"), Error);
}

TEST(DeckValidation, WrongTypes) {
  EXPECT_EQ(deck_errors(kMinimal + "[physics]\nkappa = \"abc\"\n"),
            Lines{"deck.toml:4:1: error: 'physics.kappa' must be a real, got string \"abc\""});
  EXPECT_EQ(deck_errors(kMinimal + "[physics]\nperiodic = 1\n"),
            Lines{"deck.toml:4:1: error: 'physics.periodic' must be a boolean, got integer 1"});
  EXPECT_EQ(
      deck_errors(kMinimal + "[output]\nfields = \"u\"\n"),
      Lines{"deck.toml:4:1: error: 'output.fields' must be a string array, got string \"u\""});
  EXPECT_EQ(deck_errors("physics = 3\n" + kMinimal),
            Lines{"deck.toml:1:1: error: 'physics' must be a table, got integer 3"});
}

TEST(DeckValidation, RealIsNotAcceptedForInteger) {
  EXPECT_EQ(deck_errors("[run]\napp = \"heat\"\nsteps = 10.0\n"),
            Lines{"deck.toml:3:1: error: 'run.steps' must be an integer, got real 10.0"});
}

TEST(DeckValidation, EveryArrayElementIsTypeChecked) {
  EXPECT_EQ(
      deck_errors(kMinimal + "[mesh]\ncells = [4, 2.5, \"x\"]\n"),
      (Lines{"deck.toml:4:1: error: 'mesh.cells' element 1 must be an integer, got real 2.5",
             "deck.toml:4:1: error: 'mesh.cells' element 2 must be an integer, got string \"x\""}));
  EXPECT_EQ(deck_errors(kMinimal + "[mesh]\ncells = 4\n"),
            Lines{"deck.toml:4:1: error: 'mesh.cells' must be an integer array, got integer 4"});
  EXPECT_EQ(
      deck_errors(kMinimal + "[mesh]\nlength = [1.0, true]\n"),
      Lines{"deck.toml:4:1: error: 'mesh.length' element 1 must be a real, got boolean true"});
}

TEST(DeckValidation, RangeMessages) {
  EXPECT_EQ(deck_errors(kMinimal + "[physics]\nkappa = -1\n"),
            Lines{"deck.toml:4:1: error: 'physics.kappa' = -1 is out of range (0, inf)"});
  EXPECT_EQ(deck_errors(kMinimal + "[physics]\nkappa = 0.0\n"),
            Lines{"deck.toml:4:1: error: 'physics.kappa' = 0 is out of range (0, inf)"});
  EXPECT_EQ(deck_errors(kMinimal + "[physics]\nalpha = 1.5\n"),
            Lines{"deck.toml:4:1: error: 'physics.alpha' = 1.5 is out of range [0, 1]"});
  EXPECT_EQ(deck_errors(kMinimal + "[physics]\nalpha = nan\n"),
            Lines{"deck.toml:4:1: error: 'physics.alpha' must be a finite number, got nan"});
  // Closed ends are inclusive.
  EXPECT_DOUBLE_EQ(load(kMinimal + "[physics]\nalpha = 1.0\n").real("physics.alpha"), 1.0);
  EXPECT_EQ(load("[run]\napp = \"heat\"\nsteps = 1\n").integer("run.steps"), 1);
}

TEST(DeckValidation, ArrayElementRangeAndLength) {
  EXPECT_EQ(
      deck_errors(kMinimal + "[mesh]\ncells = [-4, 8]\n"),
      Lines{"deck.toml:4:1: error: 'mesh.cells' element 0 = -4 is out of range [1, 1000000000]"});
  EXPECT_EQ(deck_errors(kMinimal + "[mesh]\ncells = [1, 2, 3, 4]\n"),
            Lines{"deck.toml:4:1: error: 'mesh.cells' must have 1 to 3 elements, got 4"});
  EXPECT_EQ(deck_errors(kMinimal + "[mesh]\ncells = []\n"),
            Lines{"deck.toml:4:1: error: 'mesh.cells' must have 1 to 3 elements, got 0"});
}

TEST(DeckValidation, ChoicesWithSuggestion) {
  EXPECT_EQ(deck_errors(kMinimal + "[physics]\ninit = \"gaus\"\n"),
            Lines{"deck.toml:4:1: error: 'physics.init' = \"gaus\" is not one of: gaussian, sine "
                  "(did you mean 'gaussian'?)"});
  EXPECT_EQ(
      deck_errors(kMinimal + "[physics]\ninit = \"square\"\n"),
      Lines{"deck.toml:4:1: error: 'physics.init' = \"square\" is not one of: gaussian, sine"});
  EXPECT_EQ(
      deck_errors(kMinimal + "[output]\nfields = [\"u\", \"flx\"]\n"),
      Lines{"deck.toml:4:1: error: 'output.fields' element 1 = \"flx\" is not one of: u, flux "
            "(did you mean 'flux'?)"});
}

TEST(DeckValidation, MissingRequiredKey) {
  EXPECT_EQ(deck_errors("[physics]\nkappa = 2.0\n"),
            Lines{"deck.toml: error: missing required key 'run.app' (string; one of: heat)"});
  Schema s;
  s.add("run.app", KeyType::string).require().describe("Which app.");
  s.add("run.n", KeyType::integer).require();
  try {
    Deck::from_text("", "my.toml", {}, s);
    FAIL() << "no DeckError";
  } catch (const DeckError& e) {
    EXPECT_EQ(e.messages(),
              (Lines{"my.toml: error: missing required key 'run.app' (string; Which app.)",
                     "my.toml: error: missing required key 'run.n' (integer)"}));
  }
}

TEST(DeckValidation, SyntaxErrorReportedWithPositionAndNoMissingKeyNoise) {
  EXPECT_EQ(
      deck_errors("[run\napp = \"heat\"\n"),
      Lines{"deck.toml:1:5: error: Error while parsing table header: expected ']', saw '\\n'"});
}

TEST(DeckDefaults, DefaultsFilledAndIntegersAcceptedAsReals) {
  Deck d = load(kMinimal + "[physics]\nkappa = 2\n[mesh]\nlength = [1, 2.5]\n");
  EXPECT_EQ(d.string("run.app"), "heat");
  EXPECT_EQ(d.string("run.name"), "demo");
  EXPECT_EQ(d.integer("run.steps"), 100);
  EXPECT_EQ(d.integers("mesh.cells"), (std::vector<long long>{64, 64}));
  EXPECT_EQ(d.reals("mesh.length"), (std::vector<double>{1.0, 2.5}));
  EXPECT_EQ(d.real("physics.kappa"), 2.0);
  EXPECT_EQ(d.real("physics.alpha"), 0.5);
  EXPECT_EQ(d.string("physics.init"), "gaussian");
  EXPECT_FALSE(d.boolean("physics.periodic"));
  EXPECT_EQ(d.strings("output.fields"), Lines{"u"});
  EXPECT_EQ(d.integer("output.checkpoint.every_steps"), 0);
  EXPECT_TRUE(d.has("run.steps"));
  EXPECT_TRUE(d.has("physics.kappa"));
  EXPECT_FALSE(d.has("physics.source"));
  EXPECT_FALSE(d.has("no.such.key"));
  EXPECT_EQ(d.name(), "deck.toml");
  EXPECT_EQ(d.schema().keys().size(), test_schema().keys().size());
  // The integer became a real, so the resolved deck keeps it a real.
  EXPECT_NE(d.resolved_toml().find("kappa = 2.0\n"), std::string::npos);
  EXPECT_NE(d.resolved_toml().find("length = [1.0, 2.5]\n"), std::string::npos);
}

TEST(DeckGetters, MisuseThrowsClearInputError) {
  Deck d = load(kMinimal);
  try {
    d.real("physics.kapa");
    FAIL() << "no throw";
  } catch (const InputError& e) {
    EXPECT_EQ(
        std::string(e.what()),
        "Deck::real(\"physics.kapa\"): no such key in the schema (did you mean 'physics.kappa'?)");
  }
  try {
    d.integer("physics.kappa");
    FAIL() << "no throw";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "Deck::integer(\"physics.kappa\"): the key is a real, not an integer");
  }
  EXPECT_THROW(d.string("physics.kappa"), InputError);
  EXPECT_THROW(d.boolean("run.app"), InputError);
  EXPECT_THROW(d.integers("mesh.length"), InputError);
  EXPECT_THROW(d.strings("mesh.cells"), InputError);
  EXPECT_THROW(d.real("physics.source"), InputError);  // optional, not given
  // An integer key may be read as a real; an integer array as reals.
  EXPECT_EQ(d.real("run.steps"), 100.0);
  EXPECT_EQ(d.reals("mesh.cells"), (std::vector<double>{64.0, 64.0}));
}

TEST(DeckResolved, ExactTextGroupedBySchemaTables) {
  Schema s;
  s.add("run.app", KeyType::string).require();
  s.add("output.checkpoint.every_steps", KeyType::integer).def("10");
  s.add("output.dir", KeyType::string).def("\"out\"");
  s.add("physics.kappa", KeyType::real).def("1");
  s.add("physics.source", KeyType::real).maybe();
  s.add("mesh.cells", KeyType::integer_array).def("[4, 4]");
  s.add("run.verbose", KeyType::boolean).def("true");
  s.add("title", KeyType::string).def("\"t\"");
  Deck d = Deck::from_text("[run]\napp = \"a\\\"b\"\n", "in.toml", {}, s);
  EXPECT_EQ(d.resolved_toml(),
            "# Resolved deck in.toml (defaults filled in, command-line overrides applied)\n"
            "title = \"t\"\n"
            "\n[run]\napp = \"a\\\"b\"\nverbose = true\n"
            "\n[output.checkpoint]\nevery_steps = 10\n"
            "\n[output]\ndir = \"out\"\n"
            "\n[physics]\nkappa = 1.0\n"
            "\n[mesh]\ncells = [4, 4]\n");
}

TEST(DeckResolved, RoundTripsExactly) {
  const double third = 1 / 3.0;
  char third_text[64];
  std::snprintf(third_text, sizeof third_text, "%.17g", third);
  Deck d = load(
      kMinimal + "[physics]\nkappa = 0.1\nalpha = " + third_text +
          "\nsource = 1e-300\nperiodic = true\n[mesh]\nlength = [1e300, 2.5e-7, 3]\ncells = [7]\n",
      {"run.name=with \"quotes\" and \\ backslash", "output.fields=[\"flux\", \"u\"]"});
  const std::string resolved = d.resolved_toml();
  EXPECT_EQ(resolved.rfind("# ", 0), 0u);
  Deck back = Deck::from_text(resolved, "resolved.toml", {}, test_schema());
  EXPECT_EQ(back.real("physics.kappa"), 0.1);
  EXPECT_EQ(back.real("physics.alpha"), third);
  EXPECT_EQ(back.real("physics.source"), 1e-300);
  EXPECT_EQ(back.reals("mesh.length"), (std::vector<double>{1e300, 2.5e-7, 3.0}));
  EXPECT_EQ(back.integers("mesh.cells"), std::vector<long long>{7});
  EXPECT_TRUE(back.boolean("physics.periodic"));
  EXPECT_EQ(back.string("run.name"), "with \"quotes\" and \\ backslash");
  EXPECT_EQ(back.strings("output.fields"), (Lines{"flux", "u"}));
  const Schema schema = test_schema();
  for (const auto& k : schema.keys()) EXPECT_EQ(back.has(k.path), d.has(k.path)) << k.path;
  const std::string again = back.resolved_toml();
  EXPECT_EQ(again.substr(again.find('\n')), resolved.substr(resolved.find('\n')));
}

TEST(DeckPeek, StringAfterOverrides) {
  const std::string text = "[run]\napp = \"heat\"\nsteps = 3\n";
  EXPECT_EQ(Deck::peek_string(text, {}, "run.app"), std::optional<std::string>("heat"));
  EXPECT_EQ(Deck::peek_string(text, {"run.app=wave"}, "run.app"),
            std::optional<std::string>("wave"));
  EXPECT_EQ(Deck::peek_string("", {"run.app=\"wave\"", "junk"}, "run.app"),
            std::optional<std::string>("wave"));
  EXPECT_EQ(Deck::peek_string(text, {}, "run.steps"), std::nullopt);
  EXPECT_EQ(Deck::peek_string(text, {}, "run.name"), std::nullopt);
  EXPECT_EQ(Deck::peek_string("[run\napp = \"heat\"\n", {}, "run.app"), std::nullopt);
}

TEST(DeckFile, LoadsAndNamesTheFile) {
  const std::string path = ::testing::TempDir() + "boreas_test_deck.toml";
  {
    std::ofstream out(path);
    out << "[run]\napp = \"heat\"\n[physics]\nkapa = 1\n";
  }
  try {
    Deck::from_file(path, {}, test_schema());
    FAIL() << "no DeckError";
  } catch (const DeckError& e) {
    EXPECT_EQ(
        e.messages(),
        Lines{path + ":4:1: error: unknown key 'physics.kapa' (did you mean 'physics.kappa'?)"});
  }
  {
    std::ofstream out(path);
    out << "[run]\napp = \"heat\"\n[physics]\nkappa = 4e-3\n";
  }
  Deck d = Deck::from_file(path, {}, test_schema());
  EXPECT_EQ(d.real("physics.kappa"), 4e-3);
  EXPECT_EQ(d.name(), path);
  std::remove(path.c_str());
}

TEST(DeckFile, MissingFileIsADeckError) {
  const std::string path = ::testing::TempDir() + "boreas_no_such_deck.toml";
  try {
    Deck::from_file(path, {}, test_schema());
    FAIL() << "no DeckError";
  } catch (const DeckError& e) {
    ASSERT_EQ(e.messages().size(), 1u);
    EXPECT_EQ(e.messages()[0], path + ": error: cannot read the deck: No such file or directory");
  }
  EXPECT_THROW(Deck::from_file(::testing::TempDir(), {}, test_schema()), DeckError);
}

// The message of the DeckError reading `path` throws ("" if none).
std::string read_error(const std::string& path) {
  try {
    read_deck_file(path);
  } catch (const DeckError& e) {
    return e.messages().empty() ? "?" : e.messages().front();
  }
  return "";
}

TEST(DeckFile, OddFilesAreRefusedWithAReasonAndWithoutReadingThem) {
  const std::string dir = ::testing::TempDir();
  EXPECT_EQ(read_error(dir), dir + ": error: cannot read the deck: it is a directory");
  // /dev/zero never ends and a FIFO without a writer blocks: neither is read.
  EXPECT_EQ(read_error("/dev/zero"),
            "/dev/zero: error: cannot read the deck: it is not a regular file (a FIFO, socket or "
            "device)");
  const std::string fifo = dir + "boreas_deck_fifo";
  std::remove(fifo.c_str());
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_NE(read_error(fifo).find("it is not a regular file"), std::string::npos);
  std::remove(fifo.c_str());
  // Over the size limit.
  const std::string big = dir + "boreas_big_deck.toml";
  {
    std::ofstream out(big);
    out << "[run]\napp = \"heat\"\n# " << std::string(kMaxDeckBytes, 'x') << "\n";
  }
  EXPECT_NE(read_error(big).find("decks are limited to 1048576 bytes"), std::string::npos);
  // Binary data.
  {
    std::ofstream out(big, std::ios::binary);
    out << "[run]\napp = \"heat\"\n" << std::string(3, '\0');
  }
  EXPECT_NE(read_error(big).find("NUL bytes"), std::string::npos);
  std::remove(big.c_str());
}

TEST(DeckValue, CopyAndMoveKeepValues) {
  Deck a = load(kMinimal + "[physics]\nkappa = 3.0\n");
  Deck b = a;
  Deck c = std::move(a);
  EXPECT_EQ(b.real("physics.kappa"), 3.0);
  EXPECT_EQ(c.real("physics.kappa"), 3.0);
  Deck e;
  e = b;
  EXPECT_EQ(e.real("physics.kappa"), 3.0);
  EXPECT_EQ(e.resolved_toml(), c.resolved_toml());
  Deck f;
  EXPECT_FALSE(f.has("physics.kappa"));
  EXPECT_THROW(f.real("physics.kappa"), InputError);
  f = std::move(e);
  EXPECT_EQ(f.real("physics.kappa"), 3.0);
}

}  // namespace
}  // namespace boreas::io::test
