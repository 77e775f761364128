// The reports and the expectation check, on ModelResults built by hand so
// that they do not depend on the explorer: exact text, JSON, DOT, Markdown
// and JUnit for the lost update of examples/lost-update.toml.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "anomaly/expectations.hpp"
#include "report/report.hpp"
#include "report/trace.hpp"

namespace isocheck {
namespace {

Op op(OpKind kind, std::string text, KeyId key = 0) {
    Op o;
    o.kind = kind;
    o.key = key;
    o.text = std::move(text);
    return o;
}

// T1, T2: r x; w x = x + 1; commit   (x = 10)
History lostUpdate() {
    History h;
    h.file = "lost.toml";
    h.title = "Lost update";
    h.keys = {"x"};
    h.initial = {Value{10}};
    for (const char* name : {"T1", "T2"})
        h.txns.push_back({name,
                          {op(OpKind::Read, "r x"), op(OpKind::Write, "w x = x + 1"),
                           op(OpKind::Commit, "commit")},
                          {}});
    return h;
}

Event read(TxnId t, std::uint16_t o, Value v, VersionId version = {}) {
    Event e;
    e.kind = EventKind::Read;
    e.txn = t;
    e.op = o;
    e.version = version;
    e.exists = v.has_value();
    e.value = v;
    return e;
}

Event write(TxnId t, std::uint16_t o, Value v) {
    Event e;
    e.kind = EventKind::Write;
    e.txn = t;
    e.op = o;
    e.version = {t, 0};
    e.exists = true;
    e.value = v;
    return e;
}

Event commit(TxnId t, std::uint16_t o) {
    Event e;
    e.kind = EventKind::Commit;
    e.txn = t;
    e.op = o;
    return e;
}

Event abort(TxnId t, std::uint16_t o, AbortCause cause, bool scheduled = true) {
    Event e;
    e.kind = EventKind::Abort;
    e.txn = t;
    e.op = o;
    e.cause = cause;
    e.scheduled = scheduled;
    return e;
}

// r1 r2 w1 c1 w2 c2: both read 10, both write 11.
Trace lostTrace() {
    return {read(0, 0, 10), read(1, 0, 10), write(0, 1, 11), commit(0, 2), write(1, 1, 11),
            commit(1, 2)};
}

std::vector<DepEdge> lostCycle() {
    return {DepEdge{0, 1, DepType::RW, 0, false, 0}, DepEdge{1, 0, DepType::WW, 0, false, 0}};
}

ModelResult readCommitted() {
    ModelResult m;
    m.model = "read-committed";
    m.anomalies.push_back({AnomalyClass::GSingle, "lost update", lostTrace(), lostCycle(), ""});
    m.phenomena.push_back({Phenomenon::P4, lostTrace(), lostCycle(), ""});
    m.finalStates.push_back({{{0, Value{11}}}, false, lostTrace(), {}});
    m.finalStates.push_back({{{0, Value{12}}}, true, {}, {}});
    m.stats = {6, 4, 31, {"sleep-sets"}, 0.0213, 12345};
    m.expectationsChecked = true;
    return m;
}

ModelResult serializable() {
    ModelResult m;
    m.model = "serializable";
    const Trace t{read(0, 0, 10), read(1, 0, 10), abort(1, 1, AbortCause::Deadlock, false)};
    // Both hold a read lock on x; each one's op 2 (w x) waits for the other.
    m.deadlocks.push_back({t, {1, 0}, 1,
                           {Wait{1, 1, bit(0), "T2 waits for T1"}, Wait{0, 1, bit(1), "T1 waits for T2"}}});
    m.aborts.push_back({AbortCause::Deadlock, 1, t, "deadlock victim"});
    m.finalStates.push_back({{{0, Value{11}}}, true, {}, {}});
    m.stats = {4, 3, 19, {}, 0, 0};
    m.expectationsChecked = true;
    m.mismatches.push_back({"deadlock", "false", "true", false, true});
    return m;
}

}  // namespace

TEST_CASE("trace: one step per operation, values as read and written") {
    const History h = lostUpdate();
    CHECK(formatTrace(h, lostTrace()) ==
          "T1:r x=10  T2:r x=10  T1:w x=11  T1:commit  T2:w x=11  T2:commit");
    CHECK(traceSchedule(h, lostTrace()) ==
          std::vector<std::string>{"T1", "T2", "T1", "T1", "T2", "T2"});
}

TEST_CASE("trace: update counts once, deletes, nulls, predicate reads and aborts") {
    History h;
    h.keys = {"x", "y", "z"};
    h.initial = {Value{10}, std::nullopt, Value{7}};
    Predicate p;
    p.cmp = Predicate::Cmp::Gt;
    p.operand = 5;
    p.text = "value > 5";
    h.predicates = {p};
    Op select = op(OpKind::PredicateRead, "select where value > 5");
    h.txns.push_back({"T1",
                      {op(OpKind::Update, "u x = x + 1"), op(OpKind::Delete, "d z"), select,
                       op(OpKind::Read, "r y"), op(OpKind::Abort, "abort")},
                      {}});
    h.txns.push_back({"T2",
                      {op(OpKind::ReadForUpdate, "r x for update", 0),
                       op(OpKind::Commit, "commit")},
                      {}});
    Event del = write(0, 1, std::nullopt);
    del.key = 2;
    del.exists = false;
    Event pred;
    pred.kind = EventKind::PredicateRead;
    pred.txn = 0;
    pred.op = 2;
    pred.predicateRead = 0;
    Event missing = read(0, 3, std::nullopt);
    missing.key = 1;
    // The event alone records what the predicate read returned: here, x and z.
    pred.returned = 0b101;
    const Trace t{read(0, 0, 10), write(0, 0, 11), del, pred, missing,
                  abort(1, 0, AbortCause::Deadlock, false), abort(0, 4, AbortCause::User),
                  read(1, 0, 10), abort(1, 1, AbortCause::Serialization)};
    CHECK(formatTrace(h, t) ==
          "T1:u x=10->11  T1:d z  T1:select value > 5 -> {x,z}  T1:r y=null  "
          "[T2 aborted: deadlock victim]  T1:abort  T2:r x=10 for update  "
          "T2:abort (serialization failure)");
    PredicateObservation obs;
    obs.returned = {0, 2};
    const std::vector<PredicateObservation> reads{obs};
    CHECK(traceSteps(h, t, reads)[2].text == "T1:select value > 5 -> {x,z}");
    CHECK(traceSchedule(h, t) ==
          std::vector<std::string>{"T1", "T1", "T1", "T1", "T1", "T2", "T2"});
}

TEST_CASE("trace: waits-for cycles, rows and causes") {
    const History h = lostUpdate();
    CHECK(formatWaitsFor(h, {1, 0}) == "T2 waits for T1, which waits for T2");
    CHECK(formatRows(h, {{0, Value{11}}}) == "x=11");
    CHECK(formatRows(h, {{0, std::nullopt}}) == "x=null");
    CHECK(formatRows(h, {}) == "(no rows)");
    CHECK(causeName(AbortCause::SnapshotTooOld) == "snapshot too old");
    CHECK(explainCycle(h, lostCycle()) ==
          "T2 overwrote the version of x that T1 read; T1 overwrote T2's write of x. "
          "So T1 must come before T2, which must come before T1: no serial order explains "
          "this execution");
}

TEST_CASE("expectations: exact sets by catalogue name, booleans, possible") {
    const ModelResult m = readCommitted();
    Expectation e;
    e.anomalies = std::vector<std::string>{"G-single"};
    e.phenomena = std::vector<std::string>{"P4"};
    e.deadlock = false;
    e.snapshotTooOld = false;
    CHECK(checkExpectation(e, m).empty());

    e.anomalies = std::vector<std::string>{};
    e.phenomena = std::vector<std::string>{"P4", "P0"};
    e.deadlock = true;
    const auto mismatches = checkExpectation(e, m);
    REQUIRE(mismatches.size() == 3);
    CHECK(formatMismatch(mismatches[0]) == R"~(anomalies: expected [] found ["G-single"])~");
    CHECK(formatMismatch(mismatches[1]) == R"~(phenomena: expected ["P0", "P4"] found ["P4"])~");
    CHECK(formatMismatch(mismatches[2]) == "deadlock: expected true found false");
    // The same as values, for the JSON report.
    using Names = std::vector<std::string>;
    CHECK(mismatches[0].expectedValue == ExpectationValue{Names{}});
    CHECK(mismatches[0].foundValue == ExpectationValue{Names{"G-single"}});
    CHECK(mismatches[1].expectedValue == ExpectationValue{Names{"P0", "P4"}});
    CHECK(mismatches[1].foundValue == ExpectationValue{Names{"P4"}});
    CHECK(mismatches[2].expectedValue == ExpectationValue{true});
    CHECK(mismatches[2].foundValue == ExpectationValue{false});

    Expectation p;
    p.possible = true;
    CHECK(formatMismatch(checkExpectation(p, m).at(0)) ==
          "possible: expected true found no fixed schedule");
    CHECK(checkExpectation(p, m).at(0).foundValue == ExpectationValue{});
    ModelResult fixed = m;
    fixed.schedule = ScheduleVerdict{false, 2, "T2 waits for T1", {}};
    CHECK(formatMismatch(checkExpectation(p, fixed).at(0)) == "possible: expected true found false");
}

TEST_CASE("text report") {
    const History h = lostUpdate();
    FileResult r;
    r.models = {readCommitted(), serializable()};
    CHECK(textReport(h, r) == R"~(lost.toml: Lost update
  initial: x=10
  T1: r x; w x = x + 1; commit
  T2: r x; w x = x + 1; commit

read-committed: 6 executions (4 distinct), 31 states, reductions: sleep-sets, 0.02 s, 12 MB
  anomalies:
    G-single (lost update): T1 -rw[x]-> T2 -ww[x]-> T1
      witness: T1:r x=10  T2:r x=10  T1:w x=11  T1:commit  T2:w x=11  T2:commit
      schedule = ["T1", "T2", "T1", "T1", "T2", "T2"]
      why: T2 overwrote the version of x that T1 read; T1 overwrote T2's write of x. So T1 must come before T2, which must come before T1: no serial order explains this execution
  phenomena:
    P4 (lost update): T1 -rw[x]-> T2 -ww[x]-> T1
      witness: T1:r x=10  T2:r x=10  T1:w x=11  T1:commit  T2:w x=11  T2:commit
      schedule = ["T1", "T2", "T1", "T1", "T2", "T2"]
  deadlocks: none
  aborts: none
  final states:
    x=11  NOT serializable
      witness: T1:r x=10  T2:r x=10  T1:w x=11  T1:commit  T2:w x=11  T2:commit
      schedule = ["T1", "T2", "T1", "T1", "T2", "T2"]
    x=12  serializable
  expectations: met

serializable: 4 executions (3 distinct), 19 states, reductions: none, 0.00 s, 0 MB
  anomalies: none
  phenomena: none
  deadlocks:
    T2 waits for T1, which waits for T2; victim T2
      T2 waits for T1
      T1 waits for T2
      witness: T1:r x=10  T2:r x=10  [T2 aborted: deadlock victim]
      schedule = ["T1", "T2"]
  aborts:
    T2 (deadlock victim): deadlock victim
      witness: T1:r x=10  T2:r x=10  [T2 aborted: deadlock victim]
      schedule = ["T1", "T2"]
  final states:
    x=11  serializable
  expectations: FAILED
    deadlock: expected false found true
)~");
}

TEST_CASE("text report: fixed schedule verdict and a bounded run") {
    History h = lostUpdate();
    h.schedule = std::vector<TxnId>{0, 1, 1};
    ModelResult m;
    m.model = "serializable";
    m.complete = false;
    m.schedule = ScheduleVerdict{false, 2, "T2 op 2 \"w x = x + 1\" waits for T1", {read(0, 0, 10), read(1, 0, 10)}};
    FileResult r;
    r.models = {m};
    const std::string text = textReport(h, r);
    CHECK(text.find("  schedule: T1 T2 T2\n") != std::string::npos);
    CHECK(text.find("serializable: 0 executions (0 distinct), 0 states, reductions: none, 0.00 s, "
                    "0 MB; INCOMPLETE: stopped by --max-states\n"
                    "  schedule: NOT possible at step 3 (T2): T2 op 2 \"w x = x + 1\" waits for T1\n"
                    "      ran: T1:r x=10  T2:r x=10\n") != std::string::npos);
}

TEST_CASE("json report: SPEC section 5 fields in a stable order") {
    const History h = lostUpdate();
    std::vector<CheckedFile> files(1);
    files[0].path = "lost.toml";
    files[0].history = h;
    files[0].result.models = {readCommitted(), serializable()};
    const std::string text = jsonReport(files);
    CHECK(text.starts_with("{\n  \"format_version\": 1,\n  \"file\": \"lost.toml\",\n"
                           "  \"title\": \"Lost update\",\n"));
    const auto json = nlohmann::ordered_json::parse(text);
    // The trace objects, by hand from lostTrace(): r1 r2 read x's initial
    // version (writer null), w1 and w2 install their first writes.
    const std::string read1 = R"~({"step": 1, "transaction": "T1", "operation": 1, "kind": "read", "key": "x",
                                   "value": 10, "exists": true, "version": {"writer": null, "write": 0}})~";
    const std::string read2 = R"~({"step": 2, "transaction": "T2", "operation": 1, "kind": "read", "key": "x",
                                   "value": 10, "exists": true, "version": {"writer": null, "write": 0}})~";
    const std::string lost = "[" + read1 + ", " + read2 + R"~(,
        {"step": 3, "transaction": "T1", "operation": 2, "kind": "write", "key": "x", "value": 11,
         "version": {"writer": "T1", "write": 1}},
        {"step": 4, "transaction": "T1", "operation": 3, "kind": "commit"},
        {"step": 5, "transaction": "T2", "operation": 2, "kind": "write", "key": "x", "value": 11,
         "version": {"writer": "T2", "write": 1}},
        {"step": 6, "transaction": "T2", "operation": 3, "kind": "commit"}])~";
    // The victim's abort has no place in the schedule: step null.
    const std::string deadlocked = "[" + read1 + ", " + read2 + R"~(,
        {"step": null, "transaction": "T2", "operation": 2, "kind": "abort", "cause": "deadlock victim"}])~";
    const auto expected = nlohmann::ordered_json::parse(R"~({
  "format_version": 1, "file": "lost.toml", "title": "Lost update",
  "models": [
    {"model": "read-committed", "complete": true,
     "anomalies": [{"code": "G-single", "class": "G-single", "name": "lost update",
                    "schedule": ["T1", "T2", "T1", "T1", "T2", "T2"],
                    "cycle": [{"from": "T1", "to": "T2", "type": "rw", "key": "x"},
                              {"from": "T2", "to": "T1", "type": "ww", "key": "x"}],
                    "steps": ["T1:r x=10", "T2:r x=10", "T1:w x=11", "T1:commit", "T2:w x=11", "T2:commit"],
                    "trace": )~" + lost + R"~(,
                    "why": "T2 overwrote the version of x that T1 read; T1 overwrote T2's write of x. So T1 must come before T2, which must come before T1: no serial order explains this execution"}],
     "phenomena": [{"code": "P4", "name": "lost update", "common_name": "lost update",
                    "schedule": ["T1", "T2", "T1", "T1", "T2", "T2"],
                    "steps": ["T1:r x=10", "T2:r x=10", "T1:w x=11", "T1:commit", "T2:w x=11", "T2:commit"],
                    "trace": )~" + lost + R"~(,
                    "cycle": [{"from": "T1", "to": "T2", "type": "rw", "key": "x"},
                              {"from": "T2", "to": "T1", "type": "ww", "key": "x"}]}],
     "deadlocks": [], "aborts": [],
     "final_states": [{"state": {"x": 11}, "serializable": false, "schedule": ["T1", "T2", "T1", "T1", "T2", "T2"],
                       "violates": []},
                      {"state": {"x": 12}, "serializable": true, "schedule": [], "violates": []}],
     "invariant_violations": [], "invariants_hold": true, "probes": [],
     "snapshot_too_old": false,
     "stats": {"executions": 6, "distinct_executions": 4, "states": 31, "reductions": ["sleep-sets"],
               "seconds": 0.021, "peak_memory_kb": 12345},
     "expectations": {"checked": true, "judged": true, "met": true, "mismatches": []}},
    {"model": "serializable", "complete": true,
     "anomalies": [], "phenomena": [],
     "deadlocks": [{"schedule": ["T1", "T2"], "cycle": ["T2", "T1"], "victim": "T2",
                    "waits": ["T2 waits for T1", "T1 waits for T2"],
                    "waiting": [{"transaction": "T2", "operation": 2, "kind": "write", "key": "x", "waits_for": ["T1"]},
                                {"transaction": "T1", "operation": 2, "kind": "write", "key": "x", "waits_for": ["T2"]}],
                    "steps": ["T1:r x=10", "T2:r x=10", "[T2 aborted: deadlock victim]"],
                    "trace": )~" + deadlocked + R"~(}],
     "aborts": [{"cause": "deadlock victim", "txn": "T2", "schedule": ["T1", "T2"],
                 "steps": ["T1:r x=10", "T2:r x=10", "[T2 aborted: deadlock victim]"],
                 "trace": )~" + deadlocked + R"~(,
                 "why": "deadlock victim"}],
     "final_states": [{"state": {"x": 11}, "serializable": true, "schedule": [], "violates": []}],
     "invariant_violations": [], "invariants_hold": true, "probes": [],
     "snapshot_too_old": false,
     "stats": {"executions": 4, "distinct_executions": 3, "states": 19, "reductions": [],
               "seconds": 0, "peak_memory_kb": 0},
     "expectations": {"checked": true, "judged": true, "met": false,
                      "mismatches": [{"key": "deadlock", "expected": false, "found": true,
                                      "text": "deadlock: expected false found true"}]}}]})~");
    // ordered_json compares objects in field order, so this pins the order too.
    CHECK(json == expected);

    files.push_back(files[0]);
    files[1].path = "again.toml";
    const auto both = nlohmann::json::parse(jsonReport(files));
    REQUIRE(both.is_array());
    CHECK(both.size() == 2);
    CHECK(both[1]["file"] == "again.toml");
    CHECK(both[1]["format_version"] == 1);

    // A file that could not be checked says so, in the same format.
    files[1].error = "again.toml:3: unknown key <x>";
    CHECK(nlohmann::ordered_json::parse(jsonReport(files))[1] ==
          nlohmann::ordered_json::parse(R"~({"format_version": 1, "file": "again.toml",
                                             "error": "again.toml:3: unknown key <x>"})~"));
}

TEST_CASE("json report: trace steps of every kind, as objects") {
    // T1: u x = x + 1; d z; select where value > 5; r y; abort
    // T2: r x for update; commit
    History h;
    h.file = "kinds.toml";
    h.keys = {"x", "y", "z"};
    h.initial = {Value{10}, std::nullopt, Value{7}};
    Predicate p;
    p.cmp = Predicate::Cmp::Gt;
    p.operand = 5;
    p.text = "value > 5";
    h.predicates = {p};
    h.txns.push_back({"T1",
                      {op(OpKind::Update, "u x = x + 1"), op(OpKind::Delete, "d z", 2),
                       op(OpKind::PredicateRead, "select where value > 5"), op(OpKind::Read, "r y", 1),
                       op(OpKind::Abort, "abort")},
                      {}});
    h.txns.push_back({"T2", {op(OpKind::ReadForUpdate, "r x for update"), op(OpKind::Commit, "commit")}, {}});
    // T1 updates x (its first write), deletes z (its second), selects and
    // gets x alone (a tombstone never matches), reads y absent and aborts;
    // T2 reads x's initial version for update, then fails with a
    // serialization failure.
    Event del = write(0, 1, std::nullopt);
    del.key = 2;
    del.exists = false;
    del.version = {0, 1};
    Event pred;
    pred.kind = EventKind::PredicateRead;
    pred.txn = 0;
    pred.op = 2;
    pred.returned = 0b001;
    Event missing = read(0, 3, std::nullopt);
    missing.key = 1;
    const Trace t{read(0, 0, 10), write(0, 0, 11), del, pred, missing, abort(0, 4, AbortCause::User),
                  read(1, 0, 10), abort(1, 1, AbortCause::Serialization)};
    std::vector<CheckedFile> files(1);
    files[0].path = h.file;
    files[0].history = h;
    ModelResult m;
    m.model = "snapshot";
    m.aborts.push_back({AbortCause::Serialization, 1, t, ""});
    files[0].result.models = {m};
    const auto json = nlohmann::ordered_json::parse(jsonReport(files));
    const auto& abort = json["models"][0]["aborts"][0];
    CHECK(abort["steps"] == nlohmann::ordered_json::parse(
                                R"~(["T1:u x=10->11", "T1:d z", "T1:select value > 5 -> {x}", "T1:r y=null",
                                     "T1:abort", "T2:r x=10 for update", "T2:abort (serialization failure)"])~"));
    CHECK(abort["trace"] == nlohmann::ordered_json::parse(R"~([
        {"step": 1, "transaction": "T1", "operation": 1, "kind": "update", "key": "x",
         "read": {"value": 10, "exists": true, "version": {"writer": null, "write": 0}},
         "value": 11, "version": {"writer": "T1", "write": 1}},
        {"step": 2, "transaction": "T1", "operation": 2, "kind": "delete", "key": "z",
         "version": {"writer": "T1", "write": 2}},
        {"step": 3, "transaction": "T1", "operation": 3, "kind": "select", "predicate": "value > 5",
         "rows": ["x"]},
        {"step": 4, "transaction": "T1", "operation": 4, "kind": "read", "key": "y", "value": null,
         "exists": false, "version": {"writer": null, "write": 0}},
        {"step": 5, "transaction": "T1", "operation": 5, "kind": "abort", "cause": "user"},
        {"step": 6, "transaction": "T2", "operation": 1, "kind": "read-for-update", "key": "x",
         "value": 10, "exists": true, "version": {"writer": null, "write": 0}},
        {"step": 7, "transaction": "T2", "operation": 2, "kind": "abort",
         "cause": "serialization failure"}])~"));
}

TEST_CASE("json report: a fixed schedule that cannot happen, as an object") {
    History h = lostUpdate();
    std::vector<CheckedFile> files(1);
    files[0].path = h.file;
    ModelResult m;
    m.model = "serializable";
    // T1 T2 T2 T1: T2's op 2 (w x) waits for T1's read lock at step 3.
    h.schedule = std::vector<TxnId>{0, 1, 1, 0};
    m.schedule = ScheduleVerdict{false, 2, R"~(T2 op 2 "w x = x + 1" waits for T1 (lock on x))~",
                                 {read(0, 0, 10), read(1, 0, 10)},
                                 Wait{1, 1, bit(0), R"~(T2 op 2 "w x = x + 1" waits for T1 (lock on x))~"}};
    files[0].history = h;
    files[0].result.models = {m};
    auto fixed = nlohmann::ordered_json::parse(jsonReport(files))["models"][0]["fixed_schedule"];
    CHECK(fixed["possible"] == false);
    CHECK(fixed["failed_at"] == 2);
    CHECK(fixed["failure"] == nlohmann::ordered_json::parse(
                                  R"~({"step": 3, "transaction": "T2", "reason": "waits", "operation": 2,
                                       "kind": "write", "key": "x", "waits_for": ["T1"]})~"));
    CHECK(fixed["steps"].size() == 2);
    CHECK(fixed["trace"].size() == 2);

    // T1 T1 T1 T1: T1 has committed after three steps; the fourth cannot happen.
    h.schedule = std::vector<TxnId>{0, 0, 0, 0};
    m.schedule = ScheduleVerdict{false, 3, "T1 has already ended (committed)",
                                 {read(0, 0, 10), write(0, 1, 11), commit(0, 2)}};
    files[0].history = h;
    files[0].result.models = {m};
    fixed = nlohmann::ordered_json::parse(jsonReport(files))["models"][0]["fixed_schedule"];
    CHECK(fixed["failure"] == nlohmann::ordered_json::parse(
                                  R"~({"step": 4, "transaction": "T1", "reason": "ended",
                                       "outcome": "committed"})~"));

    // T1 T2 T2: T2 was the deadlock victim (its abort has no step of its own).
    h.schedule = std::vector<TxnId>{0, 1, 1};
    m.schedule = ScheduleVerdict{false, 2, "T2 has already ended (deadlock victim)",
                                 {read(0, 0, 10), read(1, 0, 10), abort(1, 1, AbortCause::Deadlock, false)}};
    files[0].history = h;
    files[0].result.models = {m};
    fixed = nlohmann::ordered_json::parse(jsonReport(files))["models"][0]["fixed_schedule"];
    CHECK(fixed["failure"] == nlohmann::ordered_json::parse(
                                  R"~({"step": 3, "transaction": "T2", "reason": "ended",
                                       "outcome": "aborted", "cause": "deadlock victim"})~"));
}

TEST_CASE("dot report: one graph, node ids from names, labels on nodes of their own") {
    const History h = lostUpdate();
    FileResult r;
    r.models = {readCommitted(), serializable()};
    const std::string dot = dotReport(h, r);
    CAPTURE(dot);
    CHECK(dot.starts_with("digraph isocheck {\n"));
    CHECK(dot.ends_with("\n}\n"));
    CHECK(dot.find("  subgraph \"cluster_f1\" {\n    label=\"lost.toml: Lost update\";\n") != std::string::npos);
    CHECK(dot.find("    subgraph \"cluster_f1/read-committed\" {\n      label=\"read-committed\";\n") !=
          std::string::npos);
    // The cycle T1 -rw[x]-> T2 -ww[x]-> T1: each edge in two halves through its label.
    CHECK(dot.find("        \"f1/read-committed/G-single/T1\" [label=\"T1\"];\n"
                   "        \"f1/read-committed/G-single/T2\" [label=\"T2\"];\n"
                   "        \"f1/read-committed/G-single/e0\" [shape=plaintext, fontsize=10, "
                   "fontcolor=\"#c0392b\", label=\"rw[x]\"];\n"
                   "        \"f1/read-committed/G-single/T1\" -> \"f1/read-committed/G-single/e0\" "
                   "[style=dashed, color=\"#c0392b\", arrowhead=none];\n"
                   "        \"f1/read-committed/G-single/e0\" -> \"f1/read-committed/G-single/T2\" "
                   "[style=dashed, color=\"#c0392b\"];\n"
                   "        \"f1/read-committed/G-single/e1\" [shape=plaintext, fontsize=10, "
                   "fontcolor=\"black\", label=\"ww[x]\"];\n") != std::string::npos);
    // The deadlock's waits-for cycle, the victim drawn as such.
    CHECK(dot.find("label=\"deadlock: T2 waits for T1, which waits for T2; victim T2\";") != std::string::npos);
    CHECK(dot.find("\"f1/serializable/deadlock1/T2\" [label=\"T2\", shape=doublecircle") != std::string::npos);
    CHECK(dot.find("\"f1/serializable/deadlock1/T1\" [label=\"T1\"];") != std::string::npos);
    CHECK(dot.find("subgraph \"cluster_legend\"") != std::string::npos);
    // One graph: one digraph line, braces balanced.
    CHECK(std::ranges::count(dot, '{') == std::ranges::count(dot, '}'));
    CHECK(dot.find("digraph", 1) == std::string::npos);
}

TEST_CASE("markdown report") {
    const History h = lostUpdate();
    FileResult r;
    r.models = {serializable()};
    CHECK(markdownReport(h, r) == R"~(# Lost update

File: `lost.toml`

| transaction | operations |
|---|---|
| T1 | `r x`, `w x = x + 1`, `commit` |
| T2 | `r x`, `w x = x + 1`, `commit` |

## serializable

4 executions (3 distinct), 19 states, reductions: none, 0.00 s, 0 MB.

| finding | name | cycle or detail | witness |
|---|---|---|---|
| deadlock | victim T2 | T2 waits for T1, which waits for T2 | `T1:r x=10  T2:r x=10  [T2 aborted: deadlock victim]` |
| abort T2 | deadlock victim | deadlock victim | `T1:r x=10  T2:r x=10  [T2 aborted: deadlock victim]` |

| final state | serializable |
|---|---|
| `x=11` | yes |

Expectations: **failed**.

- `deadlock: expected false found true`
)~");
}

TEST_CASE("junit report: one suite per file, one case per model, escaped, timed") {
    std::vector<CheckedFile> files(2);
    files[0].path = "a&b.toml";
    files[0].history = lostUpdate();
    Expectation noAnomalies;
    noAnomalies.anomalies = std::vector<std::string>{};
    Expectation noDeadlock;
    noDeadlock.deadlock = false;
    files[0].history.expectations = {{"read-committed", noAnomalies},
                                     {"serializable", noDeadlock}};
    ModelResult failed = readCommitted();
    failed.mismatches.push_back({"anomalies", "[]", R"~(["G-single"])~"});
    files[0].result.models = {failed, serializable()};
    files[1].path = "bad.toml";
    files[1].error = "bad.toml:3: unknown key <x>";
    // Seconds: read-committed 0.0213, serializable 0; a file without a model run, 0.
    // Witnesses: lostTrace() is r1 r2 w1 c1 w2 c2; the deadlock victim's abort
    // has no place in its schedule (specs/format.md section 6).
    CHECK(junitReport(files) == R"~(<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="isocheck verify" tests="3" failures="2" errors="1" time="0.021">
  <testsuite name="a&amp;b.toml" tests="2" failures="2" errors="0" time="0.021">
    <testcase classname="a&amp;b.toml" name="read-committed" time="0.021">
      <failure message="read-committed: anomalies: expected [] found [&quot;G-single&quot;] (witness of G-single: schedule = [&quot;T1&quot;, &quot;T2&quot;, &quot;T1&quot;, &quot;T1&quot;, &quot;T2&quot;, &quot;T2&quot;])" type="expectation">read-committed: anomalies: expected [] found [&quot;G-single&quot;]
  witness of G-single: schedule = [&quot;T1&quot;, &quot;T2&quot;, &quot;T1&quot;, &quot;T1&quot;, &quot;T2&quot;, &quot;T2&quot;]
    T1:r x=10  T2:r x=10  T1:w x=11  T1:commit  T2:w x=11  T2:commit
</failure>
    </testcase>
    <testcase classname="a&amp;b.toml" name="serializable" time="0.000">
      <failure message="serializable: deadlock: expected false found true (witness of a deadlock: schedule = [&quot;T1&quot;, &quot;T2&quot;])" type="expectation">serializable: deadlock: expected false found true
  witness of a deadlock: schedule = [&quot;T1&quot;, &quot;T2&quot;]
    T1:r x=10  T2:r x=10  [T2 aborted: deadlock victim]
</failure>
    </testcase>
  </testsuite>
  <testsuite name="bad.toml" tests="1" failures="0" errors="1" time="0.000">
    <testcase classname="bad.toml" name="load">
      <error message="bad.toml:3: unknown key &lt;x&gt;">bad.toml:3: unknown key &lt;x&gt;</error>
    </testcase>
  </testsuite>
</testsuites>
)~");
}

TEST_CASE("junit report: every failure says what backs it") {
    // snapshot: expects G0 (none found), no phenomena (P4 found), no snapshot
    // too old (T2 got one). read-committed: a fixed schedule T1 T2 T2 T1 that
    // it expects possible, stopped at step 3 where T2's write waits for T1.
    std::vector<CheckedFile> files(1);
    files[0].path = "h.toml";
    History& h = files[0].history;
    h = lostUpdate();
    h.schedule = std::vector<TxnId>{0, 1, 1, 0};
    Expectation snap;
    snap.anomalies = std::vector<std::string>{"G0"};
    snap.phenomena = std::vector<std::string>{};
    snap.snapshotTooOld = false;
    Expectation rc;
    rc.possible = true;
    h.expectations = {{"snapshot", snap}, {"read-committed", rc}};

    ModelResult s;
    s.model = "snapshot";
    s.phenomena.push_back({Phenomenon::P4, lostTrace(), lostCycle(), ""});
    const Trace tooOld{read(0, 0, 10), abort(1, 0, AbortCause::SnapshotTooOld)};
    s.aborts.push_back({AbortCause::SnapshotTooOld, 1, tooOld, "snapshot too old"});
    s.snapshotTooOld = true;
    s.stats.seconds = 2.5;
    s.expectationsChecked = true;
    s.mismatches = checkExpectation(snap, s);
    REQUIRE(s.mismatches.size() == 3);

    ModelResult r;
    r.model = "read-committed";
    r.schedule = ScheduleVerdict{false, 2, R"~(T2 op 2 "w x = x + 1" waits for T1 (lock on x))~",
                                 {read(0, 0, 10), read(1, 0, 10)}};
    r.stats.seconds = 0.25;
    r.expectationsChecked = true;
    r.mismatches = checkExpectation(rc, r);
    REQUIRE(r.mismatches.size() == 1);
    files[0].result.models = {s, r};

    const std::string xml = junitReport(files);
    CHECK(xml.find(R"~(<testsuite name="h.toml" tests="2" failures="2" errors="0" time="2.750">)~") !=
          std::string::npos);
    CHECK(xml.find(R"~(    <testcase classname="h.toml" name="snapshot" time="2.500">
      <failure message="snapshot: anomalies: expected [&quot;G0&quot;] found [] (no execution shows G0); snapshot: phenomena: expected [] found [&quot;P4&quot;] (witness of P4: schedule = [&quot;T1&quot;, &quot;T2&quot;, &quot;T1&quot;, &quot;T1&quot;, &quot;T2&quot;, &quot;T2&quot;]); snapshot: snapshot_too_old: expected false found true (witness of snapshot too old: schedule = [&quot;T1&quot;, &quot;T2&quot;])" type="expectation">snapshot: anomalies: expected [&quot;G0&quot;] found []
  no execution shows G0
snapshot: phenomena: expected [] found [&quot;P4&quot;]
  witness of P4: schedule = [&quot;T1&quot;, &quot;T2&quot;, &quot;T1&quot;, &quot;T1&quot;, &quot;T2&quot;, &quot;T2&quot;]
    T1:r x=10  T2:r x=10  T1:w x=11  T1:commit  T2:w x=11  T2:commit
snapshot: snapshot_too_old: expected false found true
  witness of snapshot too old: schedule = [&quot;T1&quot;, &quot;T2&quot;]
    T1:r x=10  T2:abort (snapshot too old)
</failure>
    </testcase>
)~") != std::string::npos);
    CHECK(xml.find(R"~(    <testcase classname="h.toml" name="read-committed" time="0.250">
      <failure message="read-committed: possible: expected true found false (the schedule is NOT possible at step 3 (T2): T2 op 2 &quot;w x = x + 1&quot; waits for T1 (lock on x))" type="expectation">read-committed: possible: expected true found false
  the schedule is NOT possible at step 3 (T2): T2 op 2 &quot;w x = x + 1&quot; waits for T1 (lock on x)
    T1:r x=10  T2:r x=10
</failure>
    </testcase>
)~") != std::string::npos);
}

// lostUpdate() with expectations for snapshot and serializable, which the
// incomplete runs below leave unjudged.
History lostUpdateExpecting() {
    History h = lostUpdate();
    Expectation deadlock;
    deadlock.deadlock = true;
    h.expectations["snapshot"] = deadlock;
    h.expectations["serializable"] = deadlock;
    return h;
}

// A run stopped by --timeout after 1,305 executions, with nothing found. The
// runner judges no expectation of an incomplete run (expectationsChecked
// stays false); a stray mismatch must not show either.
ModelResult stoppedSnapshot() {
    ModelResult m;
    m.model = "snapshot";
    m.complete = false;
    m.stopReason = StopReason::Timeout;
    m.stats = {1305, 1305, 4211, {"sleep-sets"}, 1.5, 2048};
    m.mismatches.push_back({"deadlock", "true", "false"});
    return m;
}

// A model the interrupt came before: the command line's placeholder.
ModelResult interruptedBefore() {
    ModelResult m;
    m.model = "serializable";
    m.complete = false;
    m.stopReason = StopReason::Interrupt;
    return m;
}

TEST_CASE("summary: grouped digits, plurals, stop causes") {
    CHECK(grouped(0) == "0");
    CHECK(grouped(999) == "999");
    CHECK(grouped(1000) == "1,000");
    CHECK(grouped(1234567) == "1,234,567");
    CHECK(grouped(18446744073709551615ULL) == "18,446,744,073,709,551,615");
    CHECK(plural(1, "state") == "1 state");
    CHECK(plural(4211, "state") == "4,211 states");
    ModelResult m;
    CHECK(stoppedBy(m).empty());
    CHECK(noneFound(m) == "none");
    m.complete = false;
    CHECK(stoppedBy(m) == "--max-states");  // an explorer that does not say why
    CHECK(noneFound(m) == "none found so far");
    m.stopReason = StopReason::MaxStates;
    CHECK(stoppedBy(m) == "--max-states");
    m.stopReason = StopReason::Timeout;
    CHECK(stoppedBy(m) == "--timeout");
    m.stopReason = StopReason::Interrupt;
    CHECK(stoppedBy(m) == "an interrupt");
    CHECK(statsFigures({1305, 1305, 4211, {"sleep-sets", "caching"}, 0.016, 12800}) ==
          "1,305 executions (1,305 distinct), 4,211 states, reductions: sleep-sets+caching, "
          "0.02 s, 13 MB");
}

TEST_CASE("incomplete run: text says none found so far and not judged") {
    const History h = lostUpdateExpecting();
    ModelResult partial = readCommitted();
    partial.complete = false;
    partial.stopReason = StopReason::MaxStates;
    FileResult r;
    r.models = {partial, stoppedSnapshot(), interruptedBefore()};
    const std::string text = textReport(h, r);
    // Findings made before the stop are listed as usual.
    CHECK(text.find("read-committed: 6 executions (4 distinct), 31 states, reductions: sleep-sets, "
                    "0.02 s, 12 MB; INCOMPLETE: stopped by --max-states\n"
                    "  anomalies:\n    G-single (lost update): ") != std::string::npos);
    CHECK(text.find("  deadlocks: none found so far\n"
                    "  aborts: none found so far\n"
                    "  final states:\n"
                    "    x=11  NOT serializable\n") != std::string::npos);
    CHECK(text.ends_with(R"~(
snapshot: 1,305 executions (1,305 distinct), 4,211 states, reductions: sleep-sets, 1.50 s, 2 MB; INCOMPLETE: stopped by --timeout
  anomalies: none found so far
  phenomena: none found so far
  deadlocks: none found so far
  aborts: none found so far
  final states: none found so far
  expectations: not judged (incomplete run)

serializable: not explored; INCOMPLETE: stopped by an interrupt before it started
  anomalies: none found so far
  phenomena: none found so far
  deadlocks: none found so far
  aborts: none found so far
  final states: none found so far
  expectations: not judged (incomplete run)
)~"));
    CHECK(text.find(": none\n") == std::string::npos);
    CHECK(text.find("expectations: met") == std::string::npos);
    CHECK(text.find("FAILED") == std::string::npos);
}

TEST_CASE("incomplete run: JSON has stop_reason, judged false and met null") {
    std::vector<CheckedFile> files(1);
    files[0].path = "lost.toml";
    files[0].history = lostUpdateExpecting();
    files[0].result.models = {stoppedSnapshot(), interruptedBefore(), readCommitted()};
    const auto json = nlohmann::ordered_json::parse(jsonReport(files));
    const auto& snapshot = json["models"][0];
    CHECK(snapshot["complete"] == false);
    CHECK(snapshot["stop_reason"] == "timeout");
    CHECK(snapshot["stats"] == nlohmann::ordered_json::parse(
                                   R"({"executions": 1305, "distinct_executions": 1305,
                                       "states": 4211, "reductions": ["sleep-sets"],
                                       "seconds": 1.5, "peak_memory_kb": 2048})"));
    CHECK(snapshot["expectations"] ==
          nlohmann::ordered_json::parse(
              R"({"checked": true, "judged": false, "met": null, "mismatches": []})"));
    // The fields follow "complete" in a stable order.
    auto it = snapshot.begin();
    CHECK((it++).key() == "model");
    CHECK((it++).key() == "complete");
    CHECK((it++).key() == "stop_reason");
    CHECK((it++).key() == "anomalies");
    const auto& serializable = json["models"][1];
    CHECK(serializable["stop_reason"] == "interrupt");
    CHECK(serializable["stats"]["states"] == 0);
    CHECK(serializable["expectations"]["met"].is_null());
    const auto& complete = json["models"][2];
    CHECK(complete["complete"] == true);
    CHECK(!complete.contains("stop_reason"));
    ModelResult maxed = readCommitted();
    maxed.complete = false;
    maxed.stopReason = StopReason::MaxStates;
    files[0].result.models = {maxed};
    CHECK(nlohmann::json::parse(jsonReport(files))["models"][0]["stop_reason"] == "max-states");
}

TEST_CASE("incomplete run: Markdown, DOT and JUnit say so too") {
    const History h = lostUpdateExpecting();
    FileResult r;
    r.models = {stoppedSnapshot(), interruptedBefore()};
    const std::string md = markdownReport(h, r);
    CHECK(md.find(R"~(## snapshot

1,305 executions (1,305 distinct), 4,211 states, reductions: sleep-sets, 1.50 s, 2 MB; **incomplete**: stopped by `--timeout`.

No anomalies, phenomena, deadlocks or aborts found so far.

No final states found so far.

Expectations: not judged (incomplete run).

## serializable

Not explored: **incomplete**, stopped by an interrupt before it started.

No anomalies, phenomena, deadlocks or aborts found so far.
)~") != std::string::npos);
    CHECK(md.find("Expectations: met") == std::string::npos);

    ModelResult partial = readCommitted();
    partial.complete = false;
    partial.stopReason = StopReason::MaxStates;
    r.models = {partial, stoppedSnapshot()};
    const std::string dot = dotReport(h, r);
    CHECK(dot.find("      label=\"read-committed (INCOMPLETE, stopped by --max-states: the findings so far)\";\n") !=
          std::string::npos);
    CHECK(dot.find("      label=\"snapshot (INCOMPLETE, stopped by --timeout: the findings so far)\";\n") !=
          std::string::npos);
    CHECK(dot.find("\"f1/snapshot/none\" [shape=note, fontsize=10, label=\"none found so far\"];") !=
          std::string::npos);
    CHECK(dot.find("\"f1/read-committed/G-single/T1\" [label=\"T1\"];") != std::string::npos);

    std::vector<CheckedFile> files(1);
    files[0].path = "lost.toml";
    files[0].history = h;
    files[0].result.models = {stoppedSnapshot(), readCommitted()};
    CHECK(junitReport(files) == R"~(<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="isocheck verify" tests="2" failures="0" errors="0" skipped="1" time="1.521">
  <testsuite name="lost.toml" tests="2" failures="0" errors="0" skipped="1" time="1.521">
    <testcase classname="lost.toml" name="snapshot" time="1.500">
      <skipped message="snapshot: not judged (incomplete run): stopped by --timeout"/>
    </testcase>
    <testcase classname="lost.toml" name="read-committed" time="0.021"/>
  </testsuite>
</testsuites>
)~");
}

}  // namespace isocheck
