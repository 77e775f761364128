// Bad input as a newcomer writes it (issue 6, item 8): every error of a file
// is reported, in file order, each once (no error caused by another); one
// spellchecker with one threshold answers every "did you mean"; textbook
// notation errors name the real problem at its column; reads of a row that
// nothing writes are warned about. Messages are asserted word for word.

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "history/loader.hpp"
#include "loader_errors.hpp"
#include "support/spelling.hpp"

namespace isocheck {
namespace {

using test::checkErrors;
using test::errorOf;
using test::warningsOf;

constexpr std::string_view kForms =
    "operations are r K, r K for update, w K = E, u K = E, d K, select where value OP N, "
    "select where value % M = N, update where PRED set value = E, delete where PRED, c and a "
    "(long forms: read, write, update, delete, commit, abort, rollback)";
constexpr std::string_view kBook =
    " (the textbook notation has rN[K], wN[K], cN and aN for transaction TN, e.g. r1[x] w2[x] c2 "
    "c1)";

[[nodiscard]] std::optional<std::string_view> closestOf(std::string_view word,
                                                        std::vector<std::string_view> names) {
    return closest(word, names);
}

}  // namespace

TEST_CASE("input errors: every error of a file is reported, in file order") {
    const std::string text = R"(titel = "x"
[initial]
x = "ten"
[[txn]]
ops = ["r x", "frob x", "w x = x + 1", "comit"]
[[txn]]
ops = ["r x", "w x = y + 1"]
[expect.snapshot]
anomalies = ["G-Single", "G3"]
deadlocks = false
)";
    CHECK(errorOf(text) ==
          "f.toml:1:1: unknown key \"titel\" (did you mean \"title\"?)\n"
          "f.toml:3:5: [initial]: x must be an integer, not a string (write x = 10)\n"
          "f.toml:5:15: T1 op 2 \"frob x\": unknown operation \"frob\" (" +
              std::string(kForms) +
              ")\n"
              "f.toml:5:40: T1 op 4 \"comit\": unknown operation \"comit\" (did you mean "
              "\"commit\"?)\n"
              "f.toml:7:15: T2 op 2 \"w x = y + 1\": T2 has not read y (read or write y before "
              "using it)\n"
              "f.toml:9:14: [expect.snapshot]: unknown anomaly \"G-Single\" (did you mean "
              "\"G-single\"?)\n"
              "f.toml:9:26: [expect.snapshot]: unknown anomaly \"G3\" (did you mean \"G0\"?)\n"
              "f.toml:10:1: [expect.snapshot]: unknown key \"deadlocks\" (did you mean "
              "\"deadlock\"?)");
}

TEST_CASE("input errors: one mistake is one error, never a cascade") {
    checkErrors({
        // The bad read is reported; "T1 has not read y" would only repeat it.
        {"[[txn]]\nops = [\"rd y\", \"w x = y\"]\n",
         "f.toml:2:8: T1 op 1 \"rd y\": unknown operation \"rd\" (" + std::string(kForms) + ')'},
        // A misspelt model: [expect.snapshot] is not blamed for it.
        {"models = [\"snapsot\"]\n[[txn]]\nops = [\"r x\"]\n[expect.snapshot]\ndeadlock = false\n",
         "f.toml:1:11: models: unknown model \"snapsot\" (did you mean \"snapshot\"?)"},
        // No "no transactions" after a txn of the wrong type.
        {"txn = 3\n",
         "f.toml:1:7: txn must be an array of tables, not an integer (write [[txn]] (double "
         "brackets) before each transaction)"},
        // A bad name: the schedule's names are not judged against a guess.
        {"schedule = [\"A\", \"B\"]\n[[txn]]\nname = 1\nops = [\"r x\"]\n[[txn]]\nname = "
         "\"B\"\nops = [\"r x\"]\n",
         "f.toml:3:8: [[txn]] 1: name must be a non-empty string, not an integer (write name = "
         "\"T1\", or omit it)"},
        // A transaction listed too often: once, at the first step too many.
        {"schedule = [\"T1\", \"T1\", \"T1\", \"T1\"]\n[[txn]]\nops = [\"r x\"]\n",
         "f.toml:1:25: schedule: T1 is listed 3 times but has 2 operations, counting its "
         "implicit commit (list a transaction at most once per operation)"},
        // One missing read, one error, however often the key is used.
        {"[[txn]]\nops = [\"w x = y\", \"w z = y\"]\n",
         "f.toml:2:8: T1 op 1 \"w x = y\": T1 has not read y (read or write y before using it)"},
        // A schedule of the wrong type is still a schedule for `possible`.
        {"schedule = 3\n[[txn]]\nops = [\"r x\"]\n[expect.snapshot]\npossible = true\n",
         "f.toml:1:12: schedule must be an array of transaction names, not an integer (write "
         "schedule = [\"T1\", \"T2\", \"T1\"])"},
        {"history = \"r1[x] c1\"\nschedule = [\"T1\"]\n[expect.snapshot]\npossible = true\n",
         "f.toml:2:12: schedule cannot be combined with history (history = \"...\" defines the "
         "transactions and fixes the schedule; use either it or [[txn]] tables with an optional "
         "schedule)"},
    });
}

TEST_CASE("input errors: each transaction, operation and expectation on its own") {
    checkErrors({
        {"[[txn]]\nops = []\nbogus = 1\n[[txn]]\nops = [\"r x\", 3]\n",
         "f.toml:2:7: [[txn]] 1: empty transaction (give it at least one operation, e.g. ops = "
         "[\"r x\", \"commit\"])\n"
         "f.toml:3:1: [[txn]] 1: unknown key \"bogus\" ([[txn]] takes name, ops and read-only)\n"
         "f.toml:5:15: T2 op 2: an operation must be a string, not an integer (write \"r x\")"},
        {"models = [\"snapshot\", 3, \"informix\"]\n[[txn]]\nops = [\"r x\"]\n",
         "f.toml:1:23: models: a model name must be a string, not an integer (write models = "
         "[\"snapshot\"])\n"
         "f.toml:1:26: models: unknown model \"informix\" (the generic models are read-uncommitted, "
         "read-committed, read-committed-snapshot, repeatable-read, snapshot, serializable and "
         "serializable-snapshot; isocheck models lists the engine models too)"},
        {"[[txn]]\nops = [\"r x\"]\n[expect.snapshot]\nphenomena = [\"P5\", \"G0\"]\ndeadlock = "
         "1\n[model.snapshot]\nretension = 1\nfirst-committer-wins = \"yes\"\n",
         "f.toml:4:14: [expect.snapshot]: unknown phenomenon \"P5\" (did you mean \"P0\"?)\n"
         "f.toml:4:20: [expect.snapshot]: G0 is an anomaly, not a phenomenon (list it under "
         "anomalies)\n"
         "f.toml:5:12: [expect.snapshot]: deadlock must be true or false, not an integer (write "
         "deadlock = false)\n"
         "f.toml:7:1: [model.snapshot]: unknown option \"retension\" (did you mean "
         "\"retention\"?)\n"
         "f.toml:8:24: [model.snapshot]: first-committer-wins must be true or false, not a string "
         "(write first-committer-wins = true)"},
        {"titel = 1\ncolour = 2\nmodles = [\"snapshot\"]\n[[txn]]\nops = [\"r x\"]\n"
         "[expects.snapshot]\ndeadlock = true\n",
         "f.toml:1:1: unknown key \"titel\" (did you mean \"title\"?)\n"
         "f.toml:2:1: unknown key \"colour\" (the top level takes title, description, models, "
         "probes, schedule, transcript, history, initial, invariants, txn, expect and model)\n"
         "f.toml:3:1: unknown key \"modles\" (did you mean \"models\"?)\n"
         "f.toml:6:2: unknown key \"expects\" (did you mean \"expect\"?)"},
    });
}

TEST_CASE("input errors: at most 20 are printed per file, then how many more") {
    std::string ops;
    for (int i = 0; i < 25; ++i) ops += std::string(i == 0 ? "" : ", ") + "\"r\"";
    try {
        (void)parseHistory("[[txn]]\nops = [" + ops + "]\n", "f.toml");
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(e.diagnostics().size() == 25);
        const std::vector<std::string> lines = e.lines();
        REQUIRE(lines.size() == 21);
        CHECK(lines[0] ==
              "f.toml:2:8: T1 op 1 \"r\": r needs a key (keys match [A-Za-z_][A-Za-z0-9_]*)");
        CHECK(lines[19] ==
              "f.toml:2:103: T1 op 20 \"r\": r needs a key (keys match [A-Za-z_][A-Za-z0-9_]*)");
        CHECK(lines[20] == "f.toml: and 5 more errors");
    }
}

TEST_CASE("input errors: one spellchecker, one threshold") {
    // A swap of two adjacent letters is one edit.
    CHECK(editDistance("snapshto", "snapshot") == 1);
    CHECK(editDistance("kitten", "sitting") == 3);
    CHECK(editDistance("", "abc") == 3);
    CHECK(closestOf("snapshto", {"snapshot", "serializable"}) == "snapshot");
    CHECK(closestOf("titel", {"title", "description"}) == "title");
    // Within a third of the candidate's length, at least one edit.
    CHECK(closestOf("T3", {"T1", "T2"}) == "T1");  // ties: the first listed
    CHECK_FALSE(closestOf("Bob", {"T1", "T2"}).has_value());
    CHECK_FALSE(closestOf("retain", {"retention", "first-committer-wins"}).has_value());
    CHECK(closestOf("retension", {"retention", "first-committer-wins"}) == "retention");
    CHECK_FALSE(closestOf("snap", {"snapshot"}).has_value());
    CHECK(closestOf("chek", {"check", "merge", "verify", "models"}) == "check");
    CHECK(didYouMean("check") == "did you mean \"check\"?");
}

TEST_CASE("input errors: textbook notation names the real problem at its column") {
    // `history = "` is 11 characters: byte k of the string is column 12 + k.
    const std::string pre = "history = \"";
    const auto book = [&](std::string_view h) { return pre + std::string(h) + "\"\n"; };
    checkErrors({
        {book("r1[x]w2[x] c1 c2"),
         "f.toml:1:17: history: missing space between \"r1[x]\" and \"w2[x]\" (write r1[x] "
         "w2[x])"},
        {book("r1[x]w2[x]c2 c1"),
         "f.toml:1:17: history: missing space between \"r1[x]\" and \"w2[x]\" (write r1[x] w2[x])\n"
         "f.toml:1:22: history: missing space between \"w2[x]\" and \"c2\" (write w2[x] c2)"},
        {book("r1[x], w2[x] c1 c2"),
         "f.toml:1:17: history: a comma after \"r1[x]\" (separate operations with spaces only, "
         "e.g. r1[x] w2[x] c1)"},
        {book("r1[x],w2[x]; c1 c2"),
         "f.toml:1:17: history: a comma after \"r1[x]\" (separate operations with spaces only, "
         "e.g. r1[x] w2[x] c1)\n"
         "f.toml:1:23: history: a semicolon after \"w2[x]\" (separate operations with spaces "
         "only, e.g. r1[x] w2[x] c1)"},
        {book("r1[x] q2[x] c1"),
         "f.toml:1:18: history: \"q2[x]\" is not an operation" + std::string(kBook)},
        {book("b1 r1[x] c1"),
         "f.toml:1:12: history: \"b1\" is not an operation (a transaction begins with its first "
         "operation: there is no bN)"},
        {book("read x"), "f.toml:1:12: history: \"read\" is not an operation" + std::string(kBook) +
                             "\nf.toml:1:17: history: \"x\" is not an operation" +
                             std::string(kBook)},
        {book("w[x] c1"),
         "f.toml:1:12: history: \"w[x]\" has no transaction number (write w1[x] for an operation "
         "of T1)"},
        {book("r1 c1"), "f.toml:1:14: history: \"r1\" needs a key in brackets (write r1[x])"},
        {book("r1acct c1"),
         "f.toml:1:14: history: \"r1acct\" needs its key in brackets (write r1[acct])"},
        {book("r1(x) c1"),
         "f.toml:1:14: history: \"r1(x)\": keys go in square brackets (write r1[x])"},
        {book("r1[x c1"), "f.toml:1:16: history: \"r1[x\" is missing \"]\" (write r1[x])"},
        {book("r1[] c1"),
         "f.toml:1:15: history: \"r1[]\" has no key in its brackets (write r1[x])"},
        {book("r1[x-y] c1"),
         "f.toml:1:16: history: unexpected \"-\" in the key of \"r1[x-y]\" (keys match "
         "[A-Za-z_][A-Za-z0-9_]*)"},
        {book("c1[x]"), "f.toml:1:14: history: \"c1[x]\": commit takes no key (write c1)"},
        {book("w1[x]=5 c1"),
         "f.toml:1:17: history: unexpected \"=5\" after \"w1[x]\" (wN[K] writes the value N; use "
         "[[txn]] tables to write other values)"},
        // Every problem of the string, each at its own column.
        {book("r1[x] q2 w2[x], c1"),
         "f.toml:1:18: history: \"q2\" is not an operation" + std::string(kBook) +
             "\nf.toml:1:26: history: a comma after \"w2[x]\" (separate operations with spaces "
             "only, e.g. r1[x] w2[x] c1)"},
    });
}

TEST_CASE("input warnings: a read of a row that nothing writes") {
    CHECK(warningsOf("[initial]\nx = 1\n[[txn]]\nops = [\"r x\", \"r xx\", \"c\"]\n") ==
          "f.toml:4:15: T1 op 2 \"r xx\": no row xx: xx is not in [initial] and no transaction "
          "writes it, so this read always gives null (did you mean \"x\"?)");
    CHECK(warningsOf("[[txn]]\nops = [\"r balance\"]\n[[txn]]\nops = [\"w total = 1\"]\n") ==
          "f.toml:2:8: T1 op 1 \"r balance\": no row balance: balance is not in [initial] and no "
          "transaction writes it, so this read always gives null (give balance a value in "
          "[initial] if the row should exist)");
    CHECK(warningsOf("history = \"r1[x] w2[y] c1 c2\"\n") ==
          "f.toml:1:12: T1 op 1 \"r1[x]\": no row x: x is not in [initial] and no transaction "
          "writes it, so this read always gives null (did you mean \"y\"?)");
    // A row that exists, or that some transaction writes, updates, deletes or
    // locks, is read on purpose; a predicate read names no row.
    for (const char* text : {
             "[initial]\nx = 1\n[[txn]]\nops = [\"r x\"]\n",
             "[[txn]]\nops = [\"r x\"]\n[[txn]]\nops = [\"w x = 1\"]\n",
             "[[txn]]\nops = [\"r x\"]\n[[txn]]\nops = [\"u x = 1\"]\n",
             "[[txn]]\nops = [\"r x\"]\n[[txn]]\nops = [\"d x\"]\n",
             "[[txn]]\nops = [\"r x\"]\n[[txn]]\nops = [\"r x for update\"]\n",
             "[[txn]]\nops = [\"r x for update\"]\n",
             "[[txn]]\nops = [\"select where value > 1\"]\n",
             "history = \"r1[x] w2[x] c1 c2\"\n",
         }) {
        CAPTURE(text);
        CHECK(warningsOf(text).empty());
    }
}

TEST_CASE("input warnings: no example and no pin warns") {
    namespace fs = std::filesystem;
    std::size_t files = 0;
    for (const char* dir : {"examples", "specs"})
        for (const auto& entry :
             fs::recursive_directory_iterator(fs::path(ISOCHECK_SOURCE_DIR) / dir)) {
            if (entry.path().extension() != ".toml") continue;
            CAPTURE(entry.path().string());
            CHECK(loadHistoryFile(entry.path().string()).warnings.empty());
            ++files;
        }
    CHECK(files >= 30);
}

}  // namespace isocheck
