// Bad input found by fuzzing the loader as a new user would (SPEC 1.5): each
// case is one diagnostic with file, line and column, transaction and
// operation where they apply, what is wrong and what would be right.

#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "history/loader.hpp"
#include "loader_errors.hpp"

namespace isocheck {
namespace {

using test::checkErrors;
using test::ErrorCase;
using test::errorOf;

[[nodiscard]] std::string fileErrorOf(const std::string& path) {
    try {
        (void)loadHistoryFile(path);
    } catch (const InputError& e) {
        return e.diagnostic().format();
    }
    return "no error";
}

const std::string kTxn = "[[txn]]\nops = [\"r x\"]\n";

}  // namespace

TEST_CASE("loader errors: a wrong type says what was found and what to write") {
    checkErrors({
        {"title = 1\n" + kTxn,
         "f.toml:1:9: title must be a string, not an integer (write title = \"Lost update\")"},
        {"description = [1]\n" + kTxn,
         "f.toml:1:15: description must be a string, not an array (write description = \"Two "
         "deposits race.\")"},
        {"[initial]\nx = 1.5\n" + kTxn,
         "f.toml:2:5: [initial]: x must be an integer, not a float (write x = 10)"},
        {"[initial]\nx = true\n" + kTxn,
         "f.toml:2:5: [initial]: x must be an integer, not a boolean (write x = 10)"},
        {"models = [1]\n" + kTxn,
         "f.toml:1:11: models: a model name must be a string, not an integer (write models = "
         "[\"snapshot\"])"},
        {"schedule = [1]\n" + kTxn,
         "f.toml:1:13: schedule: step 1 must be a transaction name, not an integer (write "
         "schedule = [\"T1\", \"T2\", \"T1\"])"},
        {"schedule = \"T1\"\n" + kTxn,
         "f.toml:1:12: schedule must be an array of transaction names, not a string (write "
         "schedule = [\"T1\", \"T2\", \"T1\"])"},
        {"[[txn]]\nname = 1\nops = [\"r x\"]\n",
         "f.toml:2:8: [[txn]] 1: name must be a non-empty string, not an integer (write name = "
         "\"T1\", or omit it)"},
        {"[[txn]]\nops = [[\"r x\"]]\n",
         "f.toml:2:8: T1 op 1: an operation must be a string, not an array (write \"r x\")"},
        {kTxn + "[expect.snapshot]\nanomalies = [1]\n",
         "f.toml:4:14: [expect.snapshot]: anomalies must hold names, not an integer (write "
         "anomalies = [\"G0\"], or [] for none)"},
        {kTxn + "[expect.snapshot]\ndeadlock = \"false\"\n",
         "f.toml:4:12: [expect.snapshot]: deadlock must be true or false, not a string (write "
         "deadlock = false)"},
        {kTxn + "[model.snapshot]\nfirst-committer-wins = 1\n",
         "f.toml:4:24: [model.snapshot]: first-committer-wins must be true or false, not an "
         "integer (write first-committer-wins = true)"},
        {kTxn + "[model.snapshot]\nretention = \"2\"\n",
         "f.toml:4:13: [model.snapshot]: retention must be an integer from 1 to 4294967295, not a "
         "string (retention = 1 keeps only the newest committed version)"},
        {kTxn + "[model.snapshot]\nretention = 0\n",
         "f.toml:4:13: [model.snapshot]: retention must be an integer from 1 to 4294967295, not 0 "
         "(retention = 1 keeps only the newest committed version)"},
    });
}

TEST_CASE("loader errors: a retention too large to keep is not silently truncated") {
    // 4294967297 used to become 1 (a 32-bit truncation) and change the results.
    checkErrors({
        {kTxn + "[model.snapshot]\nretention = 4294967297\n",
         "f.toml:4:13: [model.snapshot]: retention must be an integer from 1 to 4294967295, not "
         "4294967297 (omit retention to keep every version)"},
    });
}

TEST_CASE("loader errors: names and titles must be printable") {
    checkErrors({
        {"[[txn]]\nname = \"A\\nB\"\nops = [\"r x\"]\n",
         "f.toml:2:8: [[txn]] 1: name \"A\\nB\" contains a control character (names appear in "
         "schedules and reports; write name = \"T1\")"},
        {"title = \"a\\u0000b\"\n" + kTxn,
         "f.toml:1:9: title contains a control character (a title is one line; put more in "
         "description)"},
    });
}

TEST_CASE("loader errors: unprintable characters in operations are shown escaped") {
    checkErrors({
        {"[[txn]]\nops = [\"r x\\n\"]\n",
         "f.toml:2:8: T1 op 1 \"r x\\n\": unexpected character U+000A (operations are made of "
         "keys, integers and = != < <= > >= + - %)"},
        {"[[txn]]\nops = [\"r x\\u0000\"]\n",
         "f.toml:2:8: T1 op 1 \"r x\\u0000\": unexpected character U+0000 (operations are made "
         "of keys, integers and = != < <= > >= + - %)"},
        // A multi-byte character is shown whole, never as a lone byte.
        {"[[txn]]\nops = [\"r \xc3\xa9\"]\n",
         "f.toml:2:8: T1 op 1 \"r \xc3\xa9\": unexpected character '\xc3\xa9' (operations are "
         "made of keys, integers and = != < <= > >= + - %)"},
    });
}

TEST_CASE("loader errors: a top-level key after a table says where it belongs") {
    checkErrors({
        {kTxn + "title = \"x\"\n",
         "f.toml:3:1: [[txn]] 1: unknown key \"title\" (title is a top-level key: top-level keys "
         "must come before the first table)"},
        {kTxn + "[expect.snapshot]\nmodels = [\"snapshot\"]\n",
         "f.toml:4:1: [expect.snapshot]: unknown key \"models\" (models is a top-level key: "
         "top-level keys must come before the first table)"},
        {"[initial]\nx = 1\ntitle = \"t\"\n" + kTxn,
         "f.toml:3:9: [initial]: title must be an integer, not a string (title is a top-level "
         "key: top-level keys must come before the first table)"},
    });
}

TEST_CASE("loader errors: the 65th key is named where it first appears") {
    std::string ops;
    for (int i = 0; i < 65; ++i) ops += std::string(i == 0 ? "" : ", ") + "\"r k" + std::to_string(i) + '"';
    CHECK(errorOf("[[txn]]\nops = [" + ops + "]\n") ==
          "f.toml:2:" + std::to_string(8 + ops.find("\"r k64\"")) +
              ": T1 op 65 \"r k64\": too many rows: k64 is the 65th distinct key (isocheck checks "
              "at most 64)");
    std::string initial = "[initial]\n";
    for (int i = 0; i < 65; ++i) initial += "k" + std::to_string(100 + i) + " = 1\n";
    CHECK(errorOf(initial + "[[txn]]\nops = [\"r k100\"]\n") ==
          "f.toml:66:1: [initial]: too many rows: k164 is the 65th distinct key (isocheck checks "
          "at most 64)");
}

TEST_CASE("loader errors: too many operations, instead of exhausting the stack") {
    std::string ops;
    for (int i = 0; i < 1001; ++i) ops += std::string(i == 0 ? "" : ",") + "\"r x\"";
    CHECK(errorOf("[[txn]]\nops = [" + ops + "]\n") ==
          "f.toml:2:" + std::to_string(8 + 1000 * 6) +
              ": T1 op 1001 \"r x\": too many operations (isocheck checks at most 1000 in all)");
    std::string book;
    for (int i = 0; i < 1001; ++i) book += "r1[x] ";
    CHECK(errorOf("history = \"" + book + "\"\n") ==
          "f.toml:1:" + std::to_string(12 + 1000 * 6) +
              ": T1 op 1001 \"r1[x]\": too many operations (isocheck checks at most 1000 in all)");
}

TEST_CASE("loader errors: positions inside a multi-line textbook history") {
    checkErrors({
        {"history = \"\"\"\nr1[x] w2[x]\n  c2 zz\"\"\"\n",
         "f.toml:3:6: history: \"zz\" is not an operation (the textbook notation has rN[K], "
         "wN[K], cN and aN for transaction TN, e.g. r1[x] w2[x] c2 c1)"},
        {"history = '''r1[x]\n q1'''\n",
         "f.toml:2:2: history: \"q1\" is not an operation (the textbook notation has rN[K], "
         "wN[K], cN and aN for transaction TN, e.g. r1[x] w2[x] c2 c1)"},
    });
}

TEST_CASE("loader errors: an empty expectation table checks nothing") {
    checkErrors({
        {kTxn + "[expect.snapshot]\n",
         "f.toml:3:1: [expect.snapshot]: states no expectation (give anomalies, phenomena, "
         "deadlock, snapshot_too_old, invariants_hold, possible or steps, or remove [expect.snapshot])"},
    });
}

TEST_CASE("loader errors: a directory is not a history file") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() /
                         ("isocheck-loader-" + std::to_string(::getpid()) + ".toml");
    fs::create_directories(dir);
    CHECK(fileErrorOf(dir.string()) ==
          dir.string() +
              ": cannot read the file: it is a directory (give a history file; isocheck verify "
              "searches directories for *.toml files)");
    fs::remove_all(dir);
}

}  // namespace isocheck
