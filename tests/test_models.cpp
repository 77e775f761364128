// Model rules that the examples do not isolate, each worked out by hand from
// SPEC section 2 and the sources cited in models/.

#include <doctest/doctest.h>

#include "anomaly/serial.hpp"
#include "theory/models.hpp"
#include "support.hpp"

using namespace isocheck;
using namespace isocheck::test;

TEST_CASE("an update statement re-reads after waiting: no lost update under any model") {
    // `u x = x + 1` takes the row's write lock before it reads, so the second
    // one waits and then reads 11 (SPEC 1.1, 2). Under snapshot the waiter has
    // not started yet when T1 commits: its snapshot is taken when the update
    // takes effect and already holds 11, so nothing aborts either.
    const char* toml = R"(
[initial]
x = 10
[[txn]]
ops = ["u x = x + 1", "commit"]
[[txn]]
ops = ["u x = x + 1", "commit"]
)";
    for (const ModelInfo& m : modelRegistry()) {
        CAPTURE(m.name);
        const ModelResult r = runModel(toml, std::string(m.name));
        CHECK(r.anomalies.empty());
        CHECK(r.phenomena.empty());
        CHECK(r.aborts.empty());
        REQUIRE(r.finalStates.size() == 1);
        CHECK(r.finalStates[0].rows == Rows{{0, 12}});
        CHECK(r.finalStates[0].serializable);
    }
}

TEST_CASE("first-committer-wins: concurrent writers both write, the second to commit aborts") {
    // No row locks: w1 w2 both run, each on its own private version, so no
    // P0 (Berenson et al. 1995, Table 4), and at commit the later committer
    // finds a newer committed version of x than its snapshot (4.2).
    const char* toml = R"(
[model.snapshot]
first-committer-wins = true
[[txn]]
ops = ["w x = 1", "commit"]
[[txn]]
ops = ["w x = 2", "commit"]
)";
    const ModelResult r = runModel(toml, "snapshot");
    CHECK(r.phenomena.empty());
    CHECK(r.anomalies.empty());
    CHECK(r.deadlocks.empty());
    CHECK(hasAbort(r, AbortCause::Serialization, 0));
    CHECK(hasAbort(r, AbortCause::Serialization, 1));
    // Under first-updater-wins the second writer waits instead: no abort.
    const ModelResult fuw = runModel(toml, "serializable-snapshot");
    CHECK(fuw.phenomena.empty());
    CHECK(fuw.aborts.empty());
}

TEST_CASE("read-committed-snapshot: a plain write after a wait keeps the value it read") {
    // `w x = x + 1` uses the x this transaction read (SPEC 1.1); only `u`
    // re-reads. So read committed snapshot loses the update (P4) where the
    // single-statement form above does not.
    const char* toml = R"(
[initial]
x = 10
[[txn]]
ops = ["r x", "w x = x + 1", "commit"]
[[txn]]
ops = ["r x", "w x = x + 1", "commit"]
)";
    const ModelResult r = runModel(toml, "read-committed-snapshot");
    CHECK(anomalyNames(r) == Names{"G-single"});
    CHECK(phenomenonNames(r) == Names{"P4"});
    REQUIRE(r.finalStates.size() == 2);
    CHECK(r.finalStates[0].rows == Rows{{0, 11}});
    CHECK_FALSE(r.finalStates[0].serializable);
    CHECK(r.finalStates[1].rows == Rows{{0, 12}});
    CHECK(r.finalStates[1].serializable);
}

TEST_CASE("retention counts the initial version; locking reads are never too old") {
    // retention = 1 keeps only the newest committed version. T1 begins with
    // r y, T2 overwrites x and commits, T1's r x needs the initial version of
    // x, now gone: snapshot too old (ORA-01555). `r x for update` under
    // first-updater-wins instead aborts with a serialization failure: it needs
    // the newest version, never an old one (SPEC 2).
    const char* plain = R"(
schedule = ["T1", "T2", "T2", "T1"]
[model.snapshot]
retention = 1
[initial]
x = 1
y = 1
[[txn]]
ops = ["r y", "r x", "commit"]
[[txn]]
ops = ["w x = 2", "commit"]
)";
    const ModelResult r = runModel(plain, "snapshot");
    REQUIRE(r.schedule);
    CHECK(r.schedule->possible);
    CHECK(r.snapshotTooOld);
    CHECK(hasAbort(r, AbortCause::SnapshotTooOld, 0));

    std::string locking = plain;
    locking.replace(locking.find("\"r x\""), 5, "\"r x for update\"");
    const ModelResult l = runModel(locking, "snapshot");
    CHECK_FALSE(l.snapshotTooOld);
    CHECK(hasAbort(l, AbortCause::Serialization, 0));
}

TEST_CASE("arithmetic that leaves the 64-bit range is bad input naming the operation") {
    const char* toml = R"(
[initial]
x = 9223372036854775807
[[txn]]
ops = ["r x", "w x = x + 1"]
)";
    try {
        (void)runModel(toml, "serializable");
        FAIL("expected an InputError");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()) ==
              "test.toml:5:15: T1 op 2 \"w x = x + 1\": the value leaves the 64-bit integer "
              "range in some execution (use smaller values)");
    }
}
