// Predicate writes (`update where P set value = E`, `delete where P`;
// specs/format.md section 4, specs/semantics.md D20) under each mechanism,
// every expectation worked out by hand from the mechanism's rule: which
// versions the statement selects from, what it waits for, what it fails on.

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "report/trace.hpp"
#include "support.hpp"

using namespace isocheck;
using namespace isocheck::test;

namespace {

/// The rows of the final state of a fixed schedule's execution, by name.
std::vector<std::pair<std::string, Value>> finalRows(const History& h, const ModelResult& r) {
    REQUIRE(r.finalStates.size() == 1);
    std::vector<std::pair<std::string, Value>> out;
    for (const auto& [k, v] : r.finalStates.front().rows) out.emplace_back(h.keys[k], v);
    return out;
}

using Rows = std::vector<std::pair<std::string, Value>>;

}  // namespace

TEST_CASE("predicate writes: the locking models wait for a row whose pending version matches") {
    // T1 writes y = 10, uncommitted; T2 deletes `where value = 10`. Under
    // locking, T1's X lock on y, whose after-image matches, is a conflict
    // with T2's predicate (Eswaran et al. 1976): T2 waits, and the schedule
    // cannot happen. The multiversion models select on committed versions
    // (x = 10 only) and never wait for y: T2 deletes x.
    const std::string toml = R"(schedule = ["T1", "T2", "T1", "T2"]
[initial]
x = 10
y = 20
[[txn]]
ops = ["w y = 10", "commit"]
[[txn]]
ops = ["delete where value = 10", "commit"]
)";
    for (const std::string model : {"read-uncommitted", "read-committed", "repeatable-read", "serializable"}) {
        CAPTURE(model);
        const ModelResult r = runModel(toml, model);
        REQUIRE(r.schedule);
        CHECK_FALSE(r.schedule->possible);
        CHECK(r.schedule->failedAt == 1);
        CHECK(r.schedule->wait.waitsFor == 1);  // T1
    }
    const History h = parseHistory(toml, "test.toml");
    for (const std::string model : {"read-committed-snapshot", "snapshot", "serializable-snapshot"}) {
        CAPTURE(model);
        const ModelResult r = runModel(toml, model);
        CHECK(r.schedule->possible);
        CHECK(finalRows(h, r) == Rows{{"y", 10}});
    }
}

TEST_CASE("predicate writes: a snapshot selects on the snapshot, a statement snapshot on the newest rows") {
    // T1 reads x (its snapshot: x = 10, y = 20); T2 then writes y = 25 and
    // commits; T1 deletes `where value = 20`. On T1's snapshot y matches,
    // and y has a newer committed version: first-updater-wins fails T1
    // (snapshot, serializable-snapshot, PostgreSQL's repeatable read). On the
    // newest committed rows nothing matches: T1 deletes nothing and commits
    // (read committed, and InnoDB's repeatable read, whose writes are current
    // reads). Serializable locking: T1 holds S on x only; the same as the latter.
    // (T1's commit is left to the completion, D7: it does not follow a failure.)
    const std::string toml = R"(schedule = ["T1", "T2", "T2", "T1"]
[initial]
x = 10
y = 20
[[txn]]
ops = ["r x", "delete where value = 20", "commit"]
[[txn]]
ops = ["w y = 25", "commit"]
)";
    const History h = parseHistory(toml, "test.toml");
    for (const std::string model : {"snapshot", "serializable-snapshot", "postgres-repeatable-read", "oracle-serializable"}) {
        CAPTURE(model);
        const ModelResult r = runModel(toml, model);
        CHECK(r.schedule->possible);
        CHECK(hasAbort(r, AbortCause::Serialization, 0));
        CHECK(finalRows(h, r) == Rows{{"x", 10}, {"y", 25}});
    }
    for (const std::string model : {"read-committed-snapshot", "mysql-repeatable-read", "serializable", "read-committed"}) {
        CAPTURE(model);
        const ModelResult r = runModel(toml, model);
        CHECK(r.schedule->possible);
        CHECK(finalRows(h, r) == Rows{{"x", 10}, {"y", 25}});
    }
}

TEST_CASE("predicate writes: a lost update through one is P4, which first-updater-wins and long read locks prevent") {
    // T1 reads x, T2 adds 5 to every row >= 10, T1 writes x = x + 1: under
    // read committed T1 reads 10, T2 commits 15, and T1 writes 11 over it
    // (P4, Berenson et al. 1995). Snapshot isolation aborts T1 (a newer
    // committed version); long read locks make T2 wait for T1's read.
    const std::string toml = R"([initial]
x = 10
[[txn]]
ops = ["r x", "w x = x + 1"]
[[txn]]
ops = ["update where value >= 10 set value = value + 5"]
)";
    const auto hasP4 = [](const ModelResult& r) {
        const auto names = phenomenonNames(r);
        return std::ranges::find(names, "P4") != names.end();
    };
    CHECK(hasP4(runModel(toml, "read-committed")));
    CHECK(hasP4(runModel(toml, "read-committed-snapshot")));
    CHECK_FALSE(hasP4(runModel(toml, "snapshot")));
    CHECK_FALSE(hasP4(runModel(toml, "repeatable-read")));
    CHECK_FALSE(hasP4(runModel(toml, "serializable")));
}

TEST_CASE("predicate writes: the locking models hold the predicate's write lock to the end, at every level") {
    // Berenson et al. 1995, Table 2: write locks on predicates are long from
    // degree 1 up. T2's insert of z = 7 satisfies T1's `value > 5`: it waits
    // for T1's end under every locking level, not under the multiversion ones.
    const std::string toml = R"(schedule = ["T1", "T2", "T1", "T2"]
[initial]
x = 10
[[txn]]
ops = ["update where value > 5 set value = value + 1", "commit"]
[[txn]]
ops = ["w z = 7", "commit"]
)";
    for (const std::string model : {"read-uncommitted", "read-committed", "repeatable-read", "serializable"}) {
        CAPTURE(model);
        const ModelResult r = runModel(toml, model);
        CHECK_FALSE(r.schedule->possible);
        CHECK(r.schedule->failedAt == 1);
    }
    for (const std::string model : {"read-committed-snapshot", "snapshot"}) {
        CAPTURE(model);
        CHECK(runModel(toml, model).schedule->possible);
    }
}

TEST_CASE("predicate writes: one step, shown with the rows it wrote, E on the statement's bindings") {
    // y = 3 is bound before; `value + y` adds 3 to each selected row (x, z),
    // not the value the statement itself writes; y (2) does not match.
    const std::string toml = R"(schedule = ["T1", "T1", "T1", "T1"]
[initial]
x = 10
y = 2
z = 7
[[txn]]
ops = ["w y = 3", "update where value > 5 set value = value + y", "delete where value = 13"]
)";
    const History h = parseHistory(toml, "test.toml");
    const ModelResult r = runModel(toml, "serializable");
    REQUIRE(r.schedule);
    CHECK(formatTrace(h, r.schedule->trace) ==
          "T1:w y=3  T1:update value > 5 -> {x=10->13,z=7->10}  T1:delete value = 13 -> {x}  T1:commit");
    CHECK(finalRows(h, r) == Rows{{"y", 3}, {"z", 10}});
    CHECK(r.finalStates.front().serializable);
}

TEST_CASE("predicate writes: the serial check runs them, in every order of the committed transactions") {
    // PostgreSQL's read committed, Hermitage's PMP with write predicates
    // (specs/engines/transcripts/postgres-pmp-write-read-committed.toml):
    // T2's delete deletes nothing, the rows end as id1 = 20, id2 = 30. T1
    // then T2 leaves {id2 = 30} (T2 deletes id1, now 20); T2 then T1 leaves
    // {id1 = 20} (T2 deletes id2): no serial order leaves both rows.
    const History h = loadHistoryFile(ISOCHECK_SOURCE_DIR "/specs/engines/transcripts/postgres-pmp-write-read-committed.toml");
    RunOptions o;
    const FileResult f = runHistory(h, o);
    REQUIRE(f.models.size() == 1);
    const ModelResult& r = f.models.front();
    CHECK(finalRows(h, r) == Rows{{"id1", 20}, {"id2", 30}});
    CHECK_FALSE(r.finalStates.front().serializable);
}

TEST_CASE("predicate writes: a sent statement's snapshot (PostgreSQL) against a restart (Oracle) and a current read (InnoDB)") {
    // The same PMP test with write predicates: PostgreSQL's delete re-checks
    // the row it selected on its statement's snapshot and deletes nothing;
    // Oracle restarts on a new snapshot and InnoDB reads the newest rows:
    // both delete id1, which T1 brought to 20.
    const auto rowsOf = [](const std::string& file) {
        const History h = loadHistoryFile(ISOCHECK_SOURCE_DIR "/specs/engines/transcripts/" + file);
        const FileResult f = runHistory(h, RunOptions{});
        REQUIRE(f.models.size() == 1);
        return finalRows(h, f.models.front());
    };
    CHECK(rowsOf("postgres-pmp-write-read-committed.toml") == Rows{{"id1", 20}, {"id2", 30}});
    CHECK(rowsOf("oracle-pmp-write-read-committed.toml") == Rows{{"id2", 30}});
    CHECK(rowsOf("mysql-pmp-write-read-committed.toml") == Rows{{"id2", 30}});
    CHECK(rowsOf("mysql-pmp-write-repeatable-read.toml") == Rows{{"id2", 30}});
}
