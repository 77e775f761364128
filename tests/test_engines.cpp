// Transcripts (specs/format.md 6.1) and the engine models' own rules
// (specs/engines/), each case worked out by hand from the engine's
// documentation; Hermitage's transcripts are checked by `isocheck verify
// specs` (specs/engines/transcripts/).

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "anomaly/probes.hpp"
#include "loader_errors.hpp"
#include "scratch.hpp"
#include "support.hpp"

using namespace isocheck;
using namespace isocheck::test;

namespace {

/// The outcomes of a transcript run under `model`, as their names.
std::vector<std::string> outcomes(const ModelResult& r) {
    std::vector<std::string> out;
    REQUIRE(r.schedule);
    for (const StepOutcome o : r.schedule->outcomes) out.emplace_back(nameOf(o));
    return out;
}

/// Whether t (0-based) committed in the transcript's execution.
bool committed(const ModelResult& r, TxnId t) {
    return std::ranges::any_of(r.schedule->trace, [t](const Event& e) {
        return e.txn == t && e.kind == EventKind::Commit;
    });
}

const std::string kRows = "[initial]\nx = 10\ny = 20\n";

}  // namespace

TEST_CASE("transcript: a step that waits is sent, and takes effect once released") {
    // T1 writes x; T2's write of x waits for T1's row lock; T1 commits and
    // T2's write takes effect right then, before T1's next step is sent
    // (there is none): the trace has T2's write after T1's commit.
    const std::string toml = R"(transcript = ["T1", "T2", "T1", "T2"]
)" + kRows + R"([[txn]]
ops = ["w x = 11", "commit"]
[[txn]]
ops = ["w x = 12", "commit"]
)";
    for (const std::string model : {"read-committed", "read-committed-snapshot", "postgres-read-committed"}) {
        CAPTURE(model);
        const ModelResult r = runModel(toml, model);
        CHECK(r.schedule->possible);
        CHECK(outcomes(r) == std::vector<std::string>{"runs", "waits", "runs", "runs"});
        REQUIRE(r.schedule->trace.size() == 4);
        CHECK(r.schedule->trace[1].kind == EventKind::Commit);
        CHECK(r.schedule->trace[2].txn == 1);
        CHECK(r.schedule->trace[2].kind == EventKind::Write);
    }
    // A schedule lists steps as they take effect: the same order cannot happen.
    std::string schedule = toml;
    schedule.replace(0, 10, "schedule");
    const ModelResult s = runModel(schedule, "read-committed");
    CHECK_FALSE(s.schedule->possible);
    CHECK(s.schedule->failedAt == 1);
}

TEST_CASE("transcript: a transaction whose first statement waits has started, and takes its snapshot then") {
    // PostgreSQL's repeatable read takes the snapshot at the first statement:
    // T2's update waits for T1, and when T1 commits x it fails ("could not
    // serialize access due to concurrent update"). The same steps as a
    // schedule start T2 only when its update takes effect, after T1's commit.
    const std::string toml = R"(transcript = ["T1", "T2", "T1"]
)" + kRows + R"([[txn]]
ops = ["w x = 11", "commit"]
[[txn]]
ops = ["w x = 12", "commit"]
)";
    for (const std::string model : {"snapshot", "postgres-repeatable-read", "postgres-serializable"}) {
        CAPTURE(model);
        const ModelResult r = runModel(toml, model);
        CHECK(r.schedule->possible);
        CHECK(outcomes(r) == std::vector<std::string>{"runs", "waits, fails", "runs"});
        CHECK(committed(r, 0));
        CHECK_FALSE(committed(r, 1));
    }
}

TEST_CASE("transcript: a blocked session cannot send, an ended transaction cannot either") {
    const std::string txns = kRows + R"([[txn]]
ops = ["w x = 11", "w y = 21", "commit"]
[[txn]]
ops = ["w x = 12", "commit"]
)";
    // T2 waits for T1's lock on x; sending T2's commit while it waits cannot happen.
    ModelResult r = runModel("transcript = [\"T1\", \"T2\", \"T2\"]\n" + txns, "read-committed");
    CHECK_FALSE(r.schedule->possible);
    CHECK(r.schedule->failedAt == 2);
    CHECK(r.schedule->why.find("its session cannot send another statement") != std::string::npos);
    CHECK(r.schedule->wait.waitsFor == bit(0));
    CHECK(outcomes(r) == std::vector<std::string>{"runs", "waits"});
    // Under first-updater-wins T2 fails once T1 commits; a step after it cannot be sent.
    r = runModel("transcript = [\"T1\", \"T2\", \"T1\", \"T1\", \"T2\"]\n" + txns, "snapshot");
    CHECK_FALSE(r.schedule->possible);
    CHECK(r.schedule->failedAt == 4);
    CHECK(outcomes(r) == std::vector<std::string>{"runs", "waits, fails", "runs", "runs"});
}

TEST_CASE("transcript: the step that closes a deadlock fails when its transaction is the victim") {
    // T1 holds x, T2 holds y; T1 waits for y, then T2's step for x closes
    // the cycle and T2 (last in file) is the victim at once: its step fails
    // as it is sent (SQL Server's "chosen as the deadlock victim"), and T1's
    // waiting step takes effect. Not sent, T2's step would wait for nothing.
    const std::string toml = R"(transcript = ["T1", "T2", "T1", "T2", "T1"]
)" + kRows + R"([[txn]]
ops = ["w x = 11", "w y = 21", "commit"]
[[txn]]
ops = ["w y = 22", "w x = 12", "commit"]
)";
    const ModelResult r = runModel(toml, "serializable");
    CHECK(r.schedule->possible);
    CHECK(outcomes(r) == std::vector<std::string>{"runs", "runs", "waits", "fails", "runs"});
    CHECK(committed(r, 0));
    CHECK(r.deadlocks.size() == 1);
    // Listed last, T1 is the victim: its waiting step fails, T2's runs.
    const std::string swapped = R"(transcript = ["T1", "T2", "T1", "T2", "T2"]
)" + kRows + R"([[txn]]
name = "T2"
ops = ["w y = 22", "w x = 12", "commit"]
[[txn]]
name = "T1"
ops = ["w x = 11", "w y = 21", "commit"]
)";
    const ModelResult v = runModel(swapped, "serializable");
    CHECK(outcomes(v) == std::vector<std::string>{"runs", "runs", "waits, fails", "runs", "runs"});
    CHECK(v.schedule->possible);
}

TEST_CASE("transcript: bad input") {
    const std::string txn = "[[txn]]\nops = [\"r x\"]\n";
    checkErrors({
        {"schedule = [\"T1\"]\ntranscript = [\"T1\"]\n" + txn,
         "f.toml:2:14: transcript cannot be combined with schedule (a schedule lists steps that take "
         "effect; a transcript, steps as they are sent (one that waits takes effect later): use one)"},
        {"transcript = [\"T3\"]\n" + txn,
         "f.toml:1:15: transcript: step 1 names T3, which is no transaction (did you mean \"T1\"?)"},
        {"transcript = \"T1\"\n" + txn,
         "f.toml:1:14: transcript must be an array of transaction names, not a string (write "
         "transcript = [\"T1\", \"T2\", \"T1\"])"},
        {txn + "[expect.snapshot]\nsteps = [\"runs\"]\n",
         "f.toml:4:9: [expect.snapshot]: steps needs a transcript (give transcript = [...] (a "
         "schedule lists only steps that take effect), or remove steps)"},
        {"transcript = [\"T1\", \"T1\"]\n" + txn + "[expect.snapshot]\nsteps = [\"runs\"]\n",
         "f.toml:5:9: [expect.snapshot]: steps lists 1 outcomes for a transcript of 2 steps (write "
         "steps = [\"runs\", \"waits\", \"runs\"], one per step of the transcript)"},
        {"transcript = [\"T1\"]\n" + txn + "[expect.snapshot]\nsteps = [\"blocks\"]\n",
         "f.toml:5:10: [expect.snapshot]: a step is \"runs\", \"fails\", \"waits\" or \"waits, fails\", not \"blocks\" "
         "(write steps = [\"runs\", \"waits\", \"runs\"], one per step of the transcript)"},
    });
}

TEST_CASE("postgres-serializable: the transaction whose conflict out committed first fails, not the first committer") {
    // Write skew: T1 -rw[y]-> T2 and T2 -rw[x]-> T1, each a pivot. Cahill's
    // basic algorithm fails T1's commit (both flags). PostgreSQL's T1 commits
    // (its conflict out, T2, has not committed) and dooms T2, a pivot with a
    // conflict in from T1 itself: T2's commit fails (README-SSI; Hermitage's
    // G2-item transcript).
    const std::string toml = R"(transcript = ["T1", "T1", "T2", "T2", "T1", "T2", "T1", "T2"]
)" + kRows + R"([[txn]]
ops = ["r x", "r y", "w x = 11", "commit"]
[[txn]]
ops = ["r x", "r y", "w y = 21", "commit"]
)";
    const ModelResult pg = runModel(toml, "postgres-serializable");
    CHECK(outcomes(pg) == std::vector<std::string>{"runs", "runs", "runs", "runs", "runs", "runs", "runs", "fails"});
    CHECK(committed(pg, 0));
    const ModelResult cahill = runModel(toml, "serializable-snapshot");
    CHECK(outcomes(cahill) ==
          std::vector<std::string>{"runs", "runs", "runs", "runs", "runs", "runs", "fails", "fails"});
}

TEST_CASE("postgres-serializable: a dangerous structure whose conflict out commits last is no failure") {
    // T1 -rw[y]-> T2 -rw[x]-> T3 with T3 committing after both: T2 is a
    // pivot, but the order T1, T2, T3 explains everything, and PostgreSQL's
    // rules fail a structure only when its conflict out commits first: all
    // three commit. Cahill's basic algorithm fails the pivot T2 at commit.
    const std::string toml = R"(transcript = ["T2", "T3", "T1", "T2", "T1", "T2", "T3"]
)" + kRows + R"([[txn]]
ops = ["r y", "commit"]
[[txn]]
ops = ["r x", "w y = 21", "commit"]
[[txn]]
ops = ["w x = 11", "commit"]
)";
    const ModelResult pg = runModel(toml, "postgres-serializable");
    CHECK(outcomes(pg) == std::vector<std::string>(7, "runs"));
    for (TxnId t = 0; t < 3; ++t) CHECK(committed(pg, t));
    const ModelResult cahill = runModel(toml, "serializable-snapshot");
    CHECK(outcomes(cahill) == std::vector<std::string>{"runs", "runs", "runs", "runs", "runs", "fails", "runs"});
    // Explored, neither ever commits a cycle.
    for (const std::string model : {"postgres-serializable", "serializable-snapshot"}) {
        std::string explored = toml;
        explored.erase(0, explored.find('\n') + 1);
        CHECK(runModel(explored, model).anomalies.empty());
    }
}

TEST_CASE("postgres-serializable: a doomed pivot fails at its next statement, a read included") {
    // T2 reads x, T3 writes x and commits (T2 -rw[x]-> T3, T3 committed
    // first); T1 reads y; T2 writes y: the new conflict T1 -rw[y]-> T2 makes
    // T2, the acting writer, a pivot whose conflict out committed first: it
    // fails at once. Swap the roles so that the reader acts: T1 reads y after
    // T2 wrote it; then the writer T2 (not committed) is doomed, T1 goes on,
    // and T2's next statement, a read, fails.
    const std::string txns = kRows + R"([[txn]]
ops = ["r y", "commit"]
[[txn]]
ops = ["r x", "w y = 21", "r x", "commit"]
[[txn]]
ops = ["w x = 11", "commit"]
)";
    ModelResult r = runModel(R"(transcript = ["T2", "T3", "T3", "T1", "T2"])"
                             "\n" + txns, "postgres-serializable");
    CHECK(outcomes(r) == std::vector<std::string>{"runs", "runs", "runs", "runs", "fails"});
    r = runModel(R"(transcript = ["T2", "T3", "T3", "T2", "T1", "T1", "T2"])"
                 "\n" + txns, "postgres-serializable");
    CHECK(outcomes(r) == std::vector<std::string>{"runs", "runs", "runs", "runs", "runs", "runs", "fails"});
    CHECK(committed(r, 0));
    CHECK_FALSE(committed(r, 1));
}

TEST_CASE("probes: bad input") {
    const std::string txn = "[[txn]]\nops = [\"r x\"]\n";
    checkErrors({
        {"probes = [\"OTV\", \"G3\", \"OTV\"]\n" + txn,
         "f.toml:1:18: probes: unknown probe \"G3\" (did you mean \"G0\"?)\n"
         "f.toml:1:24: probes: OTV is listed twice (list each probe once)"},
        {"probes = \"G1a\"\n" + txn,
         "f.toml:1:10: probes must be an array of names, not a string (write probes = [\"G1a\"]: "
         "anomaly classes, phenomena, OTV or PMP)"},
    });
}

TEST_CASE("OTV: a transaction that saw another's write later reads what that one overwrote") {
    // Under read uncommitted T3 can read T1's x before T1 writes y, and then
    // the initial y, older than T1's: T1 vanishes from T3's view (HAT's
    // OTV). Read committed shows T3 T1's writes only once T1 committed, all
    // of them; snapshot reads see one snapshot.
    const std::string toml = R"(probes = ["OTV"]
)" + kRows + R"([[txn]]
ops = ["w x = 11", "w y = 21", "commit"]
[[txn]]
ops = ["r x", "r y", "commit"]
)";
    const ModelResult ru = runModel(toml, "read-uncommitted");
    REQUIRE(ru.probes.size() == 1);
    CHECK(ru.probes[0].probe == "OTV");
    CHECK(ru.probes[0].detail == "T2 read x written by T1, then read y from the initial version, older than T1's");
    for (const std::string model : {"read-committed", "read-committed-snapshot", "snapshot", "repeatable-read"})
        CHECK(runModel(toml, model).probes.empty());
    // Not probed, not looked for.
    std::string unprobed = toml;
    unprobed.erase(0, unprobed.find('\n') + 1);
    CHECK(runModel(unprobed, "read-uncommitted").probes.empty());
}

TEST_CASE("PMP: two predicate reads that disagree on a row matching both") {
    // Hermitage's PMP test: `value = 30` then `value % 3 = 0`, T2 inserting
    // 30 in between; 30 matches both, the unborn row neither. Snapshot
    // reads see neither insert. A row only one predicate matches would be
    // no PMP: T2 inserting 33 (value % 3 = 0 but not = 30).
    const std::string toml = R"(probes = ["PMP"]
)" + kRows + R"([[txn]]
ops = ["select where value = 30", "select where value % 3 = 0", "commit"]
[[txn]]
ops = ["w z = 30", "commit"]
)";
    const ModelResult rc = runModel(toml, "read-committed-snapshot");
    REQUIRE(rc.probes.size() == 1);
    CHECK(rc.probes[0].probe == "PMP");
    CHECK(runModel(toml, "snapshot").probes.empty());
    CHECK(runModel(toml, "serializable").probes.empty());
    std::string other = toml;
    other.replace(other.find("w z = 30"), 8, "w z = 33");
    CHECK(runModel(other, "read-committed-snapshot").probes.empty());
}

namespace {

/// Hermitage's published table (its README) for the fifteen engine models,
/// columns G0 G1a G1b G1c OTV PMP P4 G-single G2-item G2: "y" prevented,
/// "-" possible, "R" R/O, "s" some.
const std::vector<std::pair<std::string, std::string>> kHermitage{
    {"postgres-read-committed", "yyyyy-----"},   {"postgres-repeatable-read", "yyyyyyyy--"},
    {"postgres-serializable", "yyyyyyyyyy"},     {"mysql-read-uncommitted", "y---------"},
    {"mysql-read-committed", "yyyyy-----"},      {"mysql-repeatable-read", "yyyyyR-R--"},
    {"mysql-serializable", "yyyyyyyyyy"},        {"oracle-read-committed", "yyyyy-----"},
    {"oracle-serializable", "yyyyyyyy-s"},       {"sqlserver-read-uncommitted", "y---------"},
    {"sqlserver-read-committed", "yyyyy-----"},  {"sqlserver-read-committed-snapshot", "yyyyy-----"},
    {"sqlserver-repeatable-read", "yyyyy-ysy-"}, {"sqlserver-snapshot", "yyyyyyyy--"},
    {"sqlserver-serializable", "yyyyyyyyyy"},
};

}  // namespace

TEST_CASE("Hermitage's table: the probe files give it cell by cell, but for the one explained") {
    // specs/engines/hermitage.md: a column's main file decides "-"; else a
    // possible R/O variant gives "R", another possible variant "s"; else "y".
    struct Column {
        std::string main;
        std::vector<std::string> roVariants, someVariants;
    };
    const std::vector<Column> columns{
        {"01-g0", {}, {}},        {"02-g1a", {}, {}}, {"03-g1b", {}, {}}, {"04-g1c", {}, {}},
        {"05-otv", {}, {}},       {"06-pmp", {"07-pmp-write"}, {}}, {"08-p4", {}, {}},
        {"09-g-single", {"11-g-single-write-predicate"}, {"10-g-single-predicate"}},
        {"12-g2-item", {}, {}},   {"13-g2", {}, {"14-g2-two-predicates", "15-g2-read-only"}},
    };
    // file -> model -> possible
    std::map<std::string, std::map<std::string, bool>> possible;
    for (const auto& e : std::filesystem::directory_iterator(ISOCHECK_SOURCE_DIR "/specs/engines/hermitage")) {
        const History h = loadHistoryFile(e.path().string());
        REQUIRE_FALSE(h.probes.empty());
        for (const ModelResult& m : runHistory(h, {}).models) {
            REQUIRE(m.complete);
            bool any = false;
            for (const std::string& p : h.probes) any = any || probeWitness(m, p) != nullptr;
            possible[e.path().stem().string()][m.model] = any;
        }
    }
    REQUIRE(possible.size() == 15);
    std::vector<std::string> differences;
    for (const auto& row : kHermitage) {
        // Named, not a structured binding: clang 14 cannot capture those.
        const std::string& model = row.first;
        const std::string& published = row.second;
        std::string ours;
        for (const Column& c : columns) {
            const auto at = [&](const std::string& file) { return possible.at(file).at(model); };
            ours += at(c.main)                                    ? '-'
                    : std::ranges::any_of(c.roVariants, at)       ? 'R'
                    : std::ranges::any_of(c.someVariants, at)     ? 's'
                                                                  : 'y';
        }
        for (std::size_t i = 0; i < ours.size(); ++i)
            if (ours[i] != published[i])
                differences.push_back(model + " " + columns[i].main + ": " + ours[i] + " (Hermitage " + published[i] + ')');
    }
    // Explained in specs/engines/hermitage.md: Oracle's "some" was a failure
    // Hermitage could not reproduce.
    std::string all;
    for (const std::string& d : differences) all += d + "; ";
    CAPTURE(all);
    CHECK(differences == std::vector<std::string>{"oracle-serializable 13-g2: - (Hermitage s)"});
}

TEST_CASE("Hermitage's table: the one kept in specs/engines/ is what the probe files give") {
    checkKeptOutput("specs/engines/hermitage.md", "matrix --rows files --format markdown specs/engines/hermitage");
}

TEST_CASE("deadlock victims: InnoDB and SQL Server roll back the transaction that wrote least") {
    // T1 has written one row, T2 three when T2's step closes the cycle
    // T1 -> T2 (y) -> T1 (x). The SPEC's rule rolls back T2, the last in the
    // file; InnoDB "tries to pick small transactions to roll back, where the
    // size of a transaction is determined by the number of rows inserted,
    // updated, or deleted" (MySQL Reference Manual 15.7.5.2), and SQL Server
    // the session least expensive to roll back: T1.
    const std::string toml = R"(transcript = ["T1", "T2", "T2", "T2", "T1", "T2", "T2"]
[[txn]]
ops = ["w x = 1", "w y = 1", "commit"]
[[txn]]
ops = ["w a = 2", "w b = 2", "w y = 2", "w x = 2", "commit"]
)";
    const ModelResult spec = runModel(toml, "serializable");
    CHECK_FALSE(spec.schedule->possible);  // T2, the victim, cannot commit
    CHECK(outcomes(spec) == std::vector<std::string>{"runs", "runs", "runs", "runs", "waits", "fails"});
    for (const std::string model : {"mysql-serializable", "sqlserver-serializable", "sqlserver-read-committed"}) {
        CAPTURE(model);
        const ModelResult r = runModel(toml, model);
        CHECK(r.schedule->possible);
        CHECK(outcomes(r) == std::vector<std::string>{"runs", "runs", "runs", "runs", "waits, fails", "runs", "runs"});
        CHECK(committed(r, 1));
        REQUIRE(r.deadlocks.size() == 1);
        CHECK(r.deadlocks[0].victim == 0);
    }
}

TEST_CASE("mysql-repeatable-read: the snapshot is taken by the first plain read, not the first statement") {
    // T1 writes y first, then reads x after T2 committed x = 11. InnoDB
    // creates the read view at the first consistent read (MySQL Reference
    // Manual 15.7.2.3): T1 reads 11. PostgreSQL's repeatable read took its
    // snapshot at T1's first statement, before T2's commit: T1 reads 10.
    const std::string toml = R"(transcript = ["T1", "T2", "T2", "T1", "T1"]
)" + kRows + R"([[txn]]
ops = ["w y = 21", "r x", "commit"]
[[txn]]
ops = ["w x = 11", "commit"]
)";
    const auto readOfX = [](const ModelResult& r) {
        const auto it = std::ranges::find_if(r.schedule->trace, [](const Event& e) {
            return e.txn == 0 && e.kind == EventKind::Read;
        });
        REQUIRE(it != r.schedule->trace.end());
        return it->value;
    };
    CHECK(readOfX(runModel(toml, "mysql-repeatable-read")) == Value{11});
    CHECK(readOfX(runModel(toml, "postgres-repeatable-read")) == Value{10});
}

TEST_CASE("read-only transactions: PostgreSQL's read-only rule spares a structure whose last conflict committed after the reader's snapshot") {
    // T1 reads x; T2 reads y; T3 writes y and commits (T2 -rw-> T3, T3
    // committed first); T2 writes x (T1 -rw-> T2). T1 -rw-> T2 -rw-> T3 is a
    // dangerous structure, but T3 committed after T1's snapshot: if T1 is
    // read-only it cannot be part of an anomaly (predicate.c,
    // OnConflict_CheckForSerializationFailure; Ports and Grittner 2012, 4.1).
    // Declared READ ONLY, PostgreSQL knows so at once and T2 commits; not
    // declared, T1 might still write, and T2's write fails.
    // (T2's commit is left to the completion, D7.)
    const std::string body = R"(schedule = ["T1", "T2", "T3", "T3", "T2", "T1"]
[initial]
x = 0
y = 0
[[txn]]
%s
ops = ["r x", "commit"]
[[txn]]
ops = ["r y", "w x = 1", "commit"]
[[txn]]
ops = ["w y = 1", "commit"]
)";
    const auto with = [&](const std::string& line) {
        std::string toml = body;
        toml.replace(toml.find("%s"), 2, line);
        return runModel(toml, "postgres-serializable");
    };
    const ModelResult declared = with("read-only = true");
    CHECK(declared.schedule->possible);
    CHECK(declared.aborts.empty());
    CHECK(declared.anomalies.empty());
    const ModelResult undeclared = with("");
    CHECK(undeclared.schedule->possible);
    CHECK(hasAbort(undeclared, AbortCause::Serialization, 1));
}

TEST_CASE("read-only transactions: Oracle's read committed reads one snapshot in a read-only transaction") {
    // "Read-only transactions see only those changes that were committed at
    // the time the transaction began" (Oracle Database Concepts): T1's two
    // reads of x both see 10, where a read committed transaction sees T2's 5
    // the second time (P2).
    const std::string body = R"(schedule = ["T1", "T2", "T2", "T1", "T1"]
[initial]
x = 10
[[txn]]
%s
ops = ["r x", "r x", "commit"]
[[txn]]
ops = ["w x = 5", "commit"]
)";
    const auto with = [&](const std::string& line, const std::string& model) {
        std::string toml = body;
        toml.replace(toml.find("%s"), 2, line);
        return runModel(toml, model);
    };
    const auto secondRead = [](const ModelResult& r) {
        std::vector<Value> reads;
        for (const Event& e : r.schedule->trace)
            if (e.txn == 0 && e.kind == EventKind::Read) reads.push_back(e.value);
        REQUIRE(reads.size() == 2);
        return reads[1];
    };
    CHECK(secondRead(with("read-only = true", "oracle-read-committed")) == Value{10});
    CHECK(secondRead(with("", "oracle-read-committed")) == Value{5});
    // Elsewhere the declaration changes nothing: PostgreSQL's read committed
    // takes a snapshot per statement in a read-only transaction too.
    CHECK(secondRead(with("read-only = true", "postgres-read-committed")) == Value{5});
    CHECK(secondRead(with("read-only = true", "read-committed-snapshot")) == Value{5});
}

TEST_CASE("read-only transactions: bad input") {
    checkErrors({
        {"[[txn]]\nread-only = true\nops = [\"r x\", \"w x = 1\"]\n",
         "f.toml:3:15: T1 op 2 \"w x = 1\": T1 is declared read-only (read-only = true) and cannot write "
         "(remove the operation, or read-only = true)"},
        {"[[txn]]\nread-only = true\nops = [\"r x for update\"]\n",
         "f.toml:3:8: T1 op 1 \"r x for update\": T1 is declared read-only (read-only = true) and cannot "
         "lock a row for update (remove the operation, or read-only = true)"},
        {"[[txn]]\nread-only = true\nops = [\"delete where value = 1\"]\n",
         "f.toml:3:8: T1 op 1 \"delete where value = 1\": T1 is declared read-only (read-only = true) and "
         "cannot write (remove the operation, or read-only = true)"},
        {"[[txn]]\nread-only = \"yes\"\nops = [\"r x\"]\n",
         "f.toml:2:13: [[txn]] 1: read-only must be true or false, not a string (write read-only = true "
         "for a transaction declared READ ONLY)"},
    });
}
