// Guarded operations and invariants (SPEC 1.1, 1.4, 3.1): the loader's
// errors and rules, skipped steps, locks and waits, guarded aborts, null
// operands, serializability with guards, invariants_hold, replaying
// witnesses. Every expectation here is derived by hand in its comment.

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "anomaly/serial.hpp"
#include "history/loader.hpp"
#include "loader_errors.hpp"
#include "report/report.hpp"
#include "report/trace.hpp"
#include "run/run.hpp"

namespace isocheck {
namespace {

using test::checkErrors;
using test::errorOf;

ModelResult runModel(const History& h, const std::string& model) {
    RunOptions o;
    o.onlyModels = {model};
    return std::move(runHistory(h, o).models.at(0));
}

ModelResult runText(const std::string& toml, const std::string& model) {
    const History h = parseHistory(toml, "g.toml");
    return runModel(h, model);
}

std::string traceText(const std::string& toml, const std::string& model) {
    const History h = parseHistory(toml, "g.toml");
    const ModelResult r = runModel(h, model);
    REQUIRE(r.schedule);
    return formatTrace(h, r.schedule->trace);
}

const std::string kXY = "[initial]\nx = 1\ny = 2\n";

}  // namespace

TEST_CASE("guards: loader errors name file, line, transaction and operation") {
    checkErrors({
        // A key in COND must have been read or written earlier (SPEC 1.1).
        {kXY + "[[txn]]\nops = [\"w x = 1 if y > 0\"]\n",
         "f.toml:5:8: T1 op 1 \"w x = 1 if y > 0\": T1 has not read y (read or write y before "
         "using it)"},
        // For u, COND comes before its own read.
        {kXY + "[[txn]]\nops = [\"u x = x + 1 if x > 0\"]\n",
         "f.toml:5:8: T1 op 1 \"u x = x + 1 if x > 0\": T1 has not read x (read or write x before "
         "using it; a guard is evaluated before its own operation)"},
        // A guarded operation does not make its key known: it may be skipped.
        {kXY + "[[txn]]\nops = [\"r y\", \"w x = 1 if y > 0\", \"w y = x\"]\n",
         "f.toml:5:35: T1 op 3 \"w y = x\": T1 has not read x (read or write x before using it)"},
        {kXY + "[[txn]]\nops = [\"r y\", \"w x = 1 if y == 0\"]\n",
         "f.toml:5:15: T1 op 2 \"w x = 1 if y == 0\": unknown comparison \"==\" (the comparisons "
         "are = != < <= > >=; equality is a single =)"},
        {kXY + "[[txn]]\nops = [\"r y\", \"w x = 1 if y\"]\n",
         "f.toml:5:15: T1 op 2 \"w x = 1 if y\": expected a comparison (= != < <= > >=), found "
         "the end (a condition is E OP E, OP one of = != < <= > >=, e.g. x + y >= 2)"},
        {kXY + "[[txn]]\nops = [\"r y\", \"abort if\"]\n",
         "f.toml:5:15: T1 op 2 \"abort if\": \"if\" needs a condition (a condition is E OP E, OP "
         "one of = != < <= > >=, e.g. x + y >= 2)"},
        // Only writes, updates, deletes and aborts take a guard.
        {kXY + "[[txn]]\nops = [\"r x if x > 0\"]\n",
         "f.toml:5:8: T1 op 1 \"r x if x > 0\": a read cannot be guarded (only writes (w, u, d, "
         "update where, delete where) and abort take a guard, if COND; commits, reads and selects "
         "always run)"},
        {kXY + "[[txn]]\nops = [\"r x\", \"commit if x > 0\"]\n",
         "f.toml:5:15: T1 op 2 \"commit if x > 0\": a commit cannot be guarded (only writes (w, u, d, "
         "update where, delete where) and abort take a guard, if COND; commits, reads and selects "
         "always run)"},
        {kXY + "[[txn]]\nops = [\"r x\", \"select where value > 1 if x > 0\"]\n",
         "f.toml:5:15: T1 op 2 \"select where value > 1 if x > 0\": a select cannot be guarded "
         "(only writes (w, u, d, update where, delete where) and abort take a guard, if COND; "
         "commits, reads and selects always run)"},
    });
}

TEST_CASE("invariants: loader errors") {
    const std::string txn = "[[txn]]\nops = [\"r x\", \"w y = 1\"]\n";
    checkErrors({
        // Unknown keys, with the one spelling helper's suggestion.
        {"invariants = [\"x + yy >= 1\"]\n" + kXY + txn,
         "f.toml:1:15: invariant 1 \"x + yy >= 1\": no row yy (did you mean \"y\"?)"},
        {"invariants = [\"x >= 0\", \"qqq >= 0\"]\n[initial]\nx = 1\n[[txn]]\nops = [\"r x\"]\n",
         "f.toml:1:25: invariant 2 \"qqq >= 0\": no row qqq (an invariant names rows of [initial] "
         "or of the operations: x)"},
        {"invariants = [\"x >\"]\n" + kXY + txn,
         "f.toml:1:15: invariant 1 \"x >\": expected an integer or a key after >, found the end "
         "(E is an integer, a key, or a sum or difference of those, e.g. x - y + 3)"},
        {"invariants = [\"x = = 1\"]\n" + kXY + txn,
         "f.toml:1:15: invariant 1 \"x = = 1\": unknown comparison \"==\" (the comparisons are = "
         "!= < <= > >=; equality is a single =)"},
        {"invariants = [1]\n" + kXY + txn,
         "f.toml:1:15: invariant 1 must be a string, not an integer (write invariants = [\"x + y "
         ">= 1\"])"},
        {"invariants = \"x >= 1\"\n" + kXY + txn,
         "f.toml:1:14: invariants must be an array of conditions, not a string (write invariants "
         "= [\"x + y >= 1\"])"},
        {kXY + txn + "[expect.snapshot]\ninvariants_hold = 1\n",
         "f.toml:7:19: [expect.snapshot]: invariants_hold must be true or false, not an integer "
         "(write invariants_hold = false)"},
    });
}

TEST_CASE("guards: a guarded abort does not end its transaction; an implicit commit follows it") {
    const History h = parseHistory(kXY + "[[txn]]\nops = [\"r x\", \"abort if x > 5\", \"w y = x\"]\n"
                                         "[[txn]]\nops = [\"r x\", \"abort if x > 5\"]\n",
                                   "g.toml");
    REQUIRE(h.txns[0].ops.size() == 4);
    CHECK(h.txns[0].ops[1].kind == OpKind::Abort);
    CHECK(h.txns[0].ops[1].guard.has_value());
    CHECK(h.txns[0].ops[3].implicit);
    REQUIRE(h.txns[1].ops.size() == 3);
    CHECK(h.txns[1].ops[2].kind == OpKind::Commit);
    CHECK(h.txns[1].ops[2].implicit);
    CHECK(h.hasGuards());
}

TEST_CASE("guards: a skipped step is in the trace and the schedule, and starts its transaction") {
    // x = 1, so `x > 5` is false: step 2 is skipped, y keeps 2; the implicit
    // commit is step 3 (three scheduled steps).
    const std::string file = "schedule = [\"T1\", \"T1\", \"T1\"]\n" + kXY +
                             "[[txn]]\nops = [\"r x\", \"w y = 0 if x > 5\"]\n";
    CHECK(traceText(file, "serializable") == "T1:r x=1  T1:skipped w y = 0 if x > 5  T1:commit");
    const ModelResult r = runText(file, "serializable");
    REQUIRE(r.finalStates.size() == 1);
    CHECK(r.finalStates[0].rows == Rows{{0, Value{1}}, {1, Value{2}}});
    // A skipped first step starts the transaction: under snapshot isolation
    // T1's snapshot is taken at its skipped abort, before T2 commits x = 9,
    // so T1 reads x = 1.
    const std::string snap = "schedule = [\"T1\", \"T2\", \"T2\", \"T1\", \"T1\"]\n" + kXY +
                             "[[txn]]\nops = [\"abort if 1 > 2\", \"r x\"]\n"
                             "[[txn]]\nops = [\"w x = 9\"]\n";
    CHECK(traceText(snap, "snapshot") ==
          "T1:skipped abort if 1 > 2  T2:w x=9  T2:commit  T1:r x=1  T1:commit");
    // Under read-committed-snapshot there is no transaction snapshot: x = 9.
    CHECK(traceText(snap, "read-committed-snapshot") ==
          "T1:skipped abort if 1 > 2  T2:w x=9  T2:commit  T1:r x=9  T1:commit");
}

TEST_CASE("guards: a false guard takes no lock and never waits; a true one behaves as unguarded") {
    // T1 reads x (S lock on x, held to the end under serializable), then its
    // guarded write of y. T2 writes y while T1 is live.
    const auto file = [](int x, const char* schedule) {
        return std::string("schedule = [") + schedule + "]\n[initial]\nx = " + std::to_string(x) +
               "\ny = 0\n[[txn]]\nops = [\"r x\", \"w y = 5 if x > 10\"]\n"
               "[[txn]]\nops = [\"w y = 7\"]\n";
    };
    // x = 1: the write of y is skipped and takes no X lock, so T2's write of y runs.
    const ModelResult skipped = runText(file(1, "\"T1\", \"T1\", \"T2\", \"T2\", \"T1\""), "serializable");
    REQUIRE(skipped.schedule);
    CHECK(skipped.schedule->possible);
    // x = 20: the write runs and holds X on y; T2's write waits for T1.
    const ModelResult held = runText(file(20, "\"T1\", \"T1\", \"T2\", \"T2\", \"T1\""), "serializable");
    REQUIRE(held.schedule);
    CHECK_FALSE(held.schedule->possible);
    CHECK(held.schedule->failedAt == 2);
    CHECK(held.schedule->wait.waitsFor == 1);  // T1
    // x = 1 with T2 holding X on y first: T1's skipped write does not wait for it.
    const ModelResult noWait = runText(file(1, "\"T2\", \"T1\", \"T1\", \"T1\", \"T2\""), "serializable");
    REQUIRE(noWait.schedule);
    CHECK(noWait.schedule->possible);
    // x = 20: the same schedule makes T1's write wait for T2's X lock.
    const ModelResult waits = runText(file(20, "\"T2\", \"T1\", \"T1\", \"T1\", \"T2\""), "serializable");
    REQUIRE(waits.schedule);
    CHECK_FALSE(waits.schedule->possible);
    CHECK(waits.schedule->failedAt == 2);
}

TEST_CASE("guards: a guarded abort fires when its guard holds, and is skipped otherwise") {
    const auto file = [](int x) {
        return "[initial]\nx = " + std::to_string(x) +
               "\n[[txn]]\nops = [\"r x\", \"abort if x > 0\", \"w x = x + 10\"]\n";
    };
    // x = 1: the abort fires, the user abort is reported, x stays 1 (no
    // committed transaction, so the state is serializable: the empty order).
    const ModelResult fired = runText(file(1), "snapshot");
    REQUIRE(fired.aborts.size() == 1);
    CHECK(fired.aborts[0].cause == AbortCause::User);
    REQUIRE(fired.finalStates.size() == 1);
    CHECK(fired.finalStates[0].rows == Rows{{0, Value{1}}});
    CHECK(fired.finalStates[0].serializable);
    // x = 0: skipped; the write runs and the implicit commit commits x = 10.
    const ModelResult skipped = runText(file(0), "snapshot");
    CHECK(skipped.aborts.empty());
    REQUIRE(skipped.finalStates.size() == 1);
    CHECK(skipped.finalStates[0].rows == Rows{{0, Value{10}}});
    CHECK(skipped.finalStates[0].serializable);
}

TEST_CASE("guards: a null guard does not hold") {
    // y is absent: T1 reads null, `y >= 0` is null, so the write is skipped
    // and x keeps 1; `y = y` is null too.
    const std::string file = "[initial]\nx = 1\n[[txn]]\nops = [\"r y\", \"w x = 5 if y >= 0\", "
                             "\"w x = 6 if y = y\", \"d x if y < 0\"]\n";
    const ModelResult r = runText(file, "serializable");
    REQUIRE(r.finalStates.size() == 1);
    CHECK(r.finalStates[0].rows == Rows{{0, Value{1}}});
}

TEST_CASE("invariants: null operands pass, false fails, per final state") {
    // Final state: x = 0, y absent (deleted), z = null (written from absent w).
    // "x >= 1" is false: violated. "y >= 1" and "x + y >= 1": null, pass.
    // "z = 5": null, passes. "x + 1 >= 1": true.
    const std::string file =
        "invariants = [\"x >= 1\", \"y >= 1\", \"x + y >= 1\", \"z = 5\", \"x + 1 >= 1\"]\n"
        "[initial]\nx = 1\ny = 1\n"
        "[[txn]]\nops = [\"w x = 0\", \"d y\", \"r w\", \"w z = w\"]\n";
    const History h = parseHistory(file, "g.toml");
    const ModelResult r = runModel(h, "serializable");
    REQUIRE(r.finalStates.size() == 1);
    CHECK(r.finalStates[0].violates == std::vector<std::size_t>{0});
    REQUIRE(r.invariantViolations.size() == 1);
    CHECK(r.invariantViolations[0].invariant == 0);
    // Keys sorted by name: w 0, x 1, y 2, z 3.
    CHECK(r.invariantViolations[0].rows == Rows{{1, Value{0}}, {3, Value{}}});
    CHECK(violatedInvariants(h, Rows{}) == std::vector<std::size_t>{});  // every row absent
    // x = -3, y = 3: x >= 1 false, y >= 1 true, x + y = 0 >= 1 false, z
    // absent passes, x + 1 = -2 >= 1 false.
    CHECK(violatedInvariants(h, Rows{{1, Value{-3}}, {2, Value{3}}}) ==
          std::vector<std::size_t>{0, 2, 4});
}

TEST_CASE("guards: serializability counts only serial orders in which no guarded abort fires") {
    // T1 = r y, abort if y > 0, w x = 1; T2 = r x, abort if x > 0, w y = 1.
    // Interleaved (both read 0 first) both commit: x = 1, y = 1. Serially,
    // T1 then T2: T2 reads x = 1 and its abort fires, and symmetrically:
    // no serial order commits both, so x = 1, y = 1 is not serializable
    // (run without guards, T1, T2 would leave exactly that state).
    const History h = parseHistory(
        "[initial]\nx = 0\ny = 0\n"
        "[[txn]]\nops = [\"r y\", \"abort if y > 0\", \"w x = 1\"]\n"
        "[[txn]]\nops = [\"r x\", \"abort if x > 0\", \"w y = 1\"]\n",
        "g.toml");
    SerialOracle oracle(h);
    CHECK_FALSE(oracle.serializable(0b11, Rows{{0, Value{1}}, {1, Value{1}}}));
    CHECK(oracle.serializable(0b01, Rows{{0, Value{1}}, {1, Value{0}}}));
    CHECK(oracle.serializable(0b10, Rows{{0, Value{0}}, {1, Value{1}}}));
    CHECK(oracle.serializable(0b00, Rows{{0, Value{0}}, {1, Value{0}}}));
    // A guarded write changes the serial outcome: T1 = r x, w x = 0 if x > 1;
    // T2 = w x = 5. Orders: T1, T2 -> 5; T2, T1 -> T1 reads 5 and writes 0.
    // So x = 5 and x = 0 are serializable with both committed, x = 2 is not.
    const History g = parseHistory("[initial]\nx = 1\n"
                                   "[[txn]]\nops = [\"r x\", \"w x = 0 if x > 1\"]\n"
                                   "[[txn]]\nops = [\"w x = 5\"]\n",
                                   "g.toml");
    SerialOracle o2(g);
    CHECK(o2.serializable(0b11, Rows{{0, Value{5}}}));
    CHECK(o2.serializable(0b11, Rows{{0, Value{0}}}));
    CHECK_FALSE(o2.serializable(0b11, Rows{{0, Value{1}}}));
    const ModelResult r = runModel(h, "read-committed");
    const auto both = std::ranges::find(r.finalStates, Rows{{0, Value{1}}, {1, Value{1}}},
                                        &FinalStateFinding::rows);
    REQUIRE(both != r.finalStates.end());  // read-committed lets both read 0
    CHECK_FALSE(both->serializable);
    for (const auto& f : runModel(h, "serializable").finalStates) CHECK(f.serializable);
}

TEST_CASE("invariants_hold: expectations are judged, a fixed schedule that cannot happen holds") {
    // Doctors on call (examples/doctors-on-call.toml) reduced to the check:
    // under snapshot both can go off call (x = 0, y = 0 violates), under
    // serializable never.
    const std::string doctors =
        "invariants = [\"x + y >= 1\"]\n[initial]\nx = 1\ny = 1\n"
        "[[txn]]\nops = [\"r x\", \"r y\", \"w x = 0 if x + y >= 2\"]\n"
        "[[txn]]\nops = [\"r x\", \"r y\", \"w y = 0 if x + y >= 2\"]\n";
    {
        const History h = parseHistory(doctors + "[expect.snapshot]\ninvariants_hold = true\n"
                                                 "[expect.serializable]\ninvariants_hold = true\n",
                                       "g.toml");
        RunOptions o;
        o.onlyModels = {"snapshot", "serializable"};
        const FileResult fr = runHistory(h, o);
        REQUIRE(fr.models.size() == 2);
        const ModelResult& si = fr.models[0].model == "snapshot" ? fr.models[0] : fr.models[1];
        const ModelResult& ser = fr.models[0].model == "snapshot" ? fr.models[1] : fr.models[0];
        REQUIRE(si.mismatches.size() == 1);
        CHECK(si.mismatches[0].key == "invariants_hold");
        CHECK(si.mismatches[0].expected == "true");
        CHECK(si.mismatches[0].found == "false");
        REQUIRE(si.invariantViolations.size() == 1);
        CHECK(si.invariantViolations[0].rows == Rows{{0, Value{0}}, {1, Value{0}}});
        CHECK(ser.mismatches.empty());
        CHECK(ser.invariantViolations.empty());
    }
    // The violating schedule, fixed: possible under snapshot, violates. Under
    // serializable T1's write waits for T2's S lock on x: cannot happen, so
    // there is no final state and invariants_hold = true.
    const std::string fixed =
        "schedule = [\"T1\", \"T1\", \"T2\", \"T2\", \"T1\", \"T2\", \"T1\", \"T2\"]\n" + doctors +
        "[expect.snapshot]\npossible = true\ninvariants_hold = false\n"
        "[expect.serializable]\npossible = false\ninvariants_hold = true\n";
    const History h = parseHistory(fixed, "g.toml");
    RunOptions o;
    o.onlyModels = {"snapshot", "serializable"};
    for (const ModelResult& r : runHistory(h, o).models) {
        CAPTURE(r.model);
        CHECK(r.mismatches.empty());
    }
}

TEST_CASE("invariants: reports name the violated invariants with a witness") {
    const History h = parseHistory(
        "title = \"Doctors\"\ninvariants = [\"x + y >= 1\"]\n[initial]\nx = 1\ny = 1\n"
        "[[txn]]\nops = [\"r x\", \"r y\", \"w x = 0 if x + y >= 2\"]\n"
        "[[txn]]\nops = [\"r x\", \"r y\", \"w y = 0 if x + y >= 2\"]\n",
        "g.toml");
    RunOptions o;
    o.onlyModels = {"snapshot"};
    const FileResult r = runHistory(h, o);
    const std::string text = textReport(h, r);
    CHECK(text.find("  invariant: x + y >= 1\n") != std::string::npos);
    CHECK(text.find("x=0 y=0  NOT serializable  violates x + y >= 1\n") != std::string::npos);
    // The first witness by (length, schedule): T2 takes its snapshot before
    // T1 commits, as early as it can.
    CHECK(text.find("    x + y >= 1: VIOLATED in x=0 y=0\n      witness: T1:r x=1  T1:r y=1  "
                    "T1:w x=0  T2:r x=1  T1:commit  T2:r y=1  T2:w y=0  T2:commit\n") !=
          std::string::npos);
    const std::string md = markdownReport(h, r);
    CHECK(md.find("| `x + y >= 1` | **no**: `x=0 y=0` |") != std::string::npos);
    const std::string dot = dotReport(h, r);
    CHECK(dot.find("\"f1/snapshot/invariant1\" [shape=note, fontsize=10, label=\"invariant x + y >= 1 "
                   "violated in x=0 y=0\"];") != std::string::npos);
    const CheckedFile f{"g.toml", h, r, {}, {}, {}};
    const auto j = nlohmann::json::parse(jsonReport(std::span<const CheckedFile>(&f, 1)));
    const auto& m = j["models"][0];
    CHECK(m["invariants_hold"] == false);
    bool violating = false;
    for (const auto& s : m["final_states"]) {
        const bool bad = s["state"] == nlohmann::json{{"x", 0}, {"y", 0}};
        violating = violating || bad;
        CHECK(s["violates"] == (bad ? nlohmann::json{"x + y >= 1"} : nlohmann::json::array()));
    }
    CHECK(violating);
    REQUIRE(m["invariant_violations"].size() == 1);
    const auto& v = m["invariant_violations"][0];
    CHECK(v["invariant"] == "x + y >= 1");
    CHECK(v["state"] == nlohmann::json{{"x", 0}, {"y", 0}});
    CHECK(v["schedule"] == nlohmann::json{"T1", "T1", "T1", "T2", "T1", "T2", "T2", "T2"});
    CHECK(v["steps"].size() == 8);
}

}  // namespace isocheck
