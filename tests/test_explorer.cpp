// The explorer: exact state and execution counts worked out by hand,
// deadlock detection and the victim rule, fixed schedules (SPEC 1.3, 2, 3.1).

#include <doctest/doctest.h>

#include "support.hpp"

using namespace isocheck;
using namespace isocheck::test;

namespace {

constexpr const char* kIndependent = R"(
[[txn]]
ops = ["w x = 1", "commit"]
[[txn]]
ops = ["w y = 2", "commit"]
)";

constexpr const char* kLostUpdate = R"(
[initial]
x = 10
[[txn]]
ops = ["r x", "w x = x + 1", "commit"]
[[txn]]
ops = ["r x", "w x = x + 1", "commit"]
)";

}  // namespace

TEST_CASE("independent transactions: every interleaving, one distinct execution") {
    // 4 operations, 2 per transaction: C(4,2) = 6 schedules; prefixes of
    // length 0..4 number 1 + 2 + 4 + 6 + 6 = 19 states. No reads, one
    // version order per row: one distinct execution.
    for (const auto& info : {"read-uncommitted", "serializable", "snapshot", "serializable-snapshot"}) {
        CAPTURE(info);
        const ModelResult r = runModel(kIndependent, info, Reduction::None);
        CHECK(r.stats.executions == 6);
        CHECK(r.stats.states == 19);
        CHECK(r.stats.distinctExecutions == 1);
        CHECK(r.anomalies.empty());
        CHECK(r.deadlocks.empty());
        CHECK(r.finalStates.size() == 1);
        CHECK(r.finalStates[0].serializable);
    }
}

TEST_CASE("lost update under strict 2PL: counts, deadlock and victim") {
    // Serial T1;T2 and T2;T1, plus r1 r2 and r2 r1, after which both lock
    // upgrades wait on each other: T2 (last in file) is the victim and T1
    // finishes. States by prefix length: 1,2,4,4,4,2,2 = 19. The two
    // deadlock executions have the same outcome: 3 distinct executions.
    const ModelResult r = runModel(kLostUpdate, "serializable", Reduction::None);
    CHECK(r.stats.executions == 4);
    CHECK(r.stats.states == 19);
    CHECK(r.stats.distinctExecutions == 3);
    CHECK(r.anomalies.empty());
    REQUIRE(r.deadlocks.size() == 1);
    CHECK(r.deadlocks[0].victim == 1);
    CHECK(r.deadlocks[0].cycle == std::vector<TxnId>{1, 0});
    CHECK(scheduleOf(r.deadlocks[0].witness) == std::vector<TxnId>{0, 1});
    CHECK(hasAbort(r, AbortCause::Deadlock, 1));
    CHECK_FALSE(hasAbort(r, AbortCause::Deadlock, 0));
    // Final states: x = 12 (serial) and x = 11 after a victim: T1 alone, serializable.
    REQUIRE(r.finalStates.size() == 2);
    for (const auto& f : r.finalStates) CHECK(f.serializable);
}

TEST_CASE("sleep sets: independent transactions are explored once") {
    // Every step of T1 (w x, commit) commutes with every step of T2 (w y,
    // commit): different rows, and two commits only move the clock. The
    // sleep-set tree: root; T1 w x, then {T1 c, then T2 w, T2 c} (3 states)
    // and {T2 w, then T2 c with T1 c asleep: blocked} (2 states); T2 w with
    // T1 w asleep, then T2 c: blocked (2 states). 1 + 1 + 3 + 2 + 2 = 9.
    for (const auto& info : {"read-uncommitted", "serializable", "snapshot", "serializable-snapshot"}) {
        CAPTURE(info);
        const ModelResult r = runModel(kIndependent, info, Reduction::SleepSets);
        CHECK(r.stats.executions == 1);
        CHECK(r.stats.states == 9);
        CHECK(r.stats.distinctExecutions == 1);
        CHECK(r.stats.reductions == std::vector<std::string>{"sleep-sets"});
        REQUIRE(r.finalStates.size() == 1);
        CHECK(r.finalStates[0].serializable);
    }
}

TEST_CASE("persistent sets: a transaction no other can interfere with is explored alone") {
    // Under snapshot, T2's remaining steps (its snapshot, of y alone; its
    // lock and version of y; its commit of y) conflict with none of T1's,
    // and T1's with none of T2's: at every state the persistent set is the
    // first transaction in the file with steps left. One path: root, T1 w x,
    // T1 c, T2 w y, T2 c: 5 states. The locking models and SSI bound no
    // future (IsolationModel::future), so there the tree is the sleep-set
    // tree above, 9 states; the state cache changes nothing here.
    for (const auto& modelStates : {std::pair{"snapshot", 5}, std::pair{"read-committed-snapshot", 5},
                                    std::pair{"serializable", 9}, std::pair{"serializable-snapshot", 9}}) {
        const char* info = modelStates.first;
        const int states = modelStates.second;
        CAPTURE(info);
        const ModelResult r = runModel(kIndependent, info);
        CHECK(r.stats.executions == 1);
        CHECK(r.stats.states == states);
        CHECK(r.stats.reductions == std::vector<std::string>{"persistent-sets", "sleep-sets", "state-cache"});
        REQUIRE(r.finalStates.size() == 1);
        CHECK(r.finalStates[0].serializable);
    }
}

TEST_CASE("sleep sets: lost update under strict 2PL") {
    // r1 and r2 commute (S locks). Root -> r1 -> {w1 c1 r2 w2 c2} (5 states)
    // and r1 r2, where the deadlock makes T2 the victim, then w1 c1 (3
    // states); root -> r2 (r1 asleep) -> w2 c2 r1 w1 c1 (1 + 5 states);
    // r2 r1 is not explored again. 1 + 1 + 5 + 3 + 1 + 5 = 16 states and the
    // three distinct executions, each once.
    const ModelResult r = runModel(kLostUpdate, "serializable");
    CHECK(r.stats.executions == 3);
    CHECK(r.stats.states == 16);
    CHECK(r.stats.distinctExecutions == 3);
    REQUIRE(r.deadlocks.size() == 1);
    CHECK(r.deadlocks[0].cycle == std::vector<TxnId>{1, 0});
    CHECK(scheduleOf(r.deadlocks[0].witness) == std::vector<TxnId>{0, 1});
    CHECK(hasAbort(r, AbortCause::Deadlock, 1));
    CHECK(r.finalStates.size() == 2);
}

TEST_CASE("a fixed schedule whose step waits cannot happen") {
    const std::string toml = std::string(kLostUpdate) + "\nschedule = [\"T1\", \"T2\", \"T1\"]\n";
    // A top-level key after a table is a TOML error: put it first instead.
    const std::string fixed = "schedule = [\"T1\", \"T1\", \"T2\"]\n" + std::string(kLostUpdate);
    const ModelResult rc = runModel(fixed, "read-committed");
    REQUIRE(rc.schedule);
    CHECK_FALSE(rc.schedule->possible);
    CHECK(rc.schedule->failedAt == 2);
    CHECK(rc.schedule->why == "T2 op 1 \"r x\" waits for T1 (write lock on x)");
    CHECK(rc.anomalies.empty());
    const ModelResult ru = runModel(fixed, "read-uncommitted");
    REQUIRE(ru.schedule);
    CHECK(ru.schedule->possible);
    CHECK(phenomenonNames(ru) == Names{"P1"});
    (void)toml;
}

TEST_CASE("a fixed schedule into a deadlock: the victim has already ended") {
    const std::string fixed = "schedule = [\"T1\", \"T2\", \"T2\"]\n" + std::string(kLostUpdate);
    const ModelResult r = runModel(fixed, "repeatable-read");
    REQUIRE(r.schedule);
    CHECK_FALSE(r.schedule->possible);
    CHECK(r.schedule->failedAt == 2);
    CHECK(r.schedule->why == "T2 has already ended (deadlock victim)");
}

TEST_CASE("a short fixed schedule is completed in file order") {
    // After r1 r2 under read-committed, T1 runs to its end (w1, c1), then T2
    // (w2 = 11, c2): the lost update.
    const std::string fixed = "schedule = [\"T1\", \"T2\"]\n" + std::string(kLostUpdate);
    const ModelResult r = runModel(fixed, "read-committed");
    REQUIRE(r.schedule);
    CHECK(r.schedule->possible);
    CHECK(scheduleOf(r.schedule->trace) == std::vector<TxnId>{0, 1, 0, 0, 1, 1});
    CHECK(anomalyNames(r) == Names{"G-single"});
    CHECK(phenomenonNames(r) == Names{"P4"});
    REQUIRE(r.finalStates.size() == 1);
    CHECK(r.finalStates[0].rows.at(0).second == 11);
    CHECK_FALSE(r.finalStates[0].serializable);
}

TEST_CASE("deadlock with several cycles: the last-in-file transaction on any cycle, repeated") {
    // T1 and T3 hold S locks on x, T2 on y and z. Then T1's w y waits for
    // T2, T3's w z waits for T2, and T2's w x waits for T1 and T3: two
    // cycles at once. The victim is T3, last in the file on any cycle; on
    // what remains T1 and T2 still wait on each other, so T2 follows.
    const char* toml = R"(
schedule = ["T1", "T3", "T2", "T2"]
[[txn]]
ops = ["r x", "w y = 1"]
[[txn]]
ops = ["r y", "r z", "w x = 2"]
[[txn]]
ops = ["r x", "w z = 3"]
)";
    const ModelResult r = runModel(toml, "serializable");
    REQUIRE(r.schedule);
    CHECK(r.schedule->possible);
    REQUIRE(r.deadlocks.size() == 2);
    CHECK(r.deadlocks[0].victim == 1);
    CHECK(r.deadlocks[0].cycle == std::vector<TxnId>{1, 0});
    CHECK(r.deadlocks[1].victim == 2);
    CHECK(r.deadlocks[1].cycle == std::vector<TxnId>{2, 1});
    CHECK(hasAbort(r, AbortCause::Deadlock, 1));
    CHECK(hasAbort(r, AbortCause::Deadlock, 2));
    CHECK(scheduleOf(r.schedule->trace) == std::vector<TxnId>{0, 2, 1, 1, 0, 0});
}
