// The reduction against the plain explorer (as Nidhugg runs one program under
// two algorithms and requires the same results): on every example and spec
// history and on generated histories, sleep sets (alone, and with the state
// cache on the whole tree or on subtrees) and `--reduction none` report the
// same anomalies, phenomena, deadlocks, aborts, snapshot-too-old and final
// states, and reach the same distinct executions. Also: the number of
// workers changes nothing but the time.

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "anomaly/serial.hpp"
#include "history/generator.hpp"
#include "models/multiversion.hpp"
#include "models/registry.hpp"
#include "run/collector.hpp"
#include "support.hpp"

using namespace isocheck;
using namespace isocheck::test;
namespace fs = std::filesystem;

namespace {

/// `wholeTree`: the largest tree explored whole under Reduction::Cached; 0
/// cuts every tree into subtrees, each with its own cache.
FileResult run(const History& h, Reduction r, unsigned jobs = 1,
               std::uint64_t wholeTree = kWholeTreeStates, const std::vector<std::string>& models = {}) {
    RunOptions o;
    o.reduction = r;
    o.jobs = jobs;
    o.wholeTreeStates = wholeTree;
    o.onlyModels = models;
    return runHistory(h, o);
}

/// What a report says, witnesses aside: the findings' keys.
struct Outcome {
    std::vector<std::string> anomalies, phenomena;
    std::set<std::vector<TxnId>> deadlocks;
    std::set<std::pair<AbortCause, TxnId>> aborts;
    std::set<std::pair<Rows, bool>> finalStates;
    bool snapshotTooOld = false;
    std::uint64_t distinct = 0;
    std::set<std::size_t> invariantViolations;
    bool operator==(const Outcome&) const = default;
};

Outcome outcome(const ModelResult& r) {
    Outcome o{anomalyNames(r), phenomenonNames(r), {}, {}, {}, r.snapshotTooOld,
              r.stats.distinctExecutions, {}};
    for (const auto& v : r.invariantViolations) o.invariantViolations.insert(v.invariant);
    for (const auto& d : r.deadlocks) o.deadlocks.insert(d.cycle);
    for (const auto& a : r.aborts) o.aborts.emplace(a.cause, a.txn);
    for (const auto& f : r.finalStates) o.finalStates.emplace(f.rows, f.serializable);
    return o;
}

/// The default reduction (sleep sets and the state cache) against the plain
/// explorer; with `all`, also sleep sets alone and the cache on a tree cut
/// into subtrees, however small.
/// `models`: these instead of the file's (default: the file's).
void checkSame(const History& h, bool all = true, const std::vector<std::string>& models = {}) {
    const FileResult plain = run(h, Reduction::None, 1, kWholeTreeStates, models);
    const FileResult cached = run(h, Reduction::Cached, 1, kWholeTreeStates, models);
    const FileResult sleep = all ? run(h, Reduction::SleepSets, 1, kWholeTreeStates, models) : cached;
    const FileResult cut = all ? run(h, Reduction::Cached, 1, 0, models) : cached;
    for (const FileResult* reduced : {&sleep, &cached, &cut}) {
        REQUIRE(plain.models.size() == reduced->models.size());
        for (std::size_t i = 0; i < plain.models.size(); ++i) {
            CAPTURE(plain.models[i].model);
            CAPTURE(reduced->models[i].stats.reductions.size());
            CHECK(outcome(plain.models[i]) == outcome(reduced->models[i]));
            CHECK(reduced->models[i].stats.executions <= plain.models[i].stats.executions);
        }
    }
    for (std::size_t i = 0; i < plain.models.size(); ++i)
        CHECK(cached.models[i].stats.executions <= sleep.models[i].stats.executions);
}

/// One history run with one worker and with two: the same findings,
/// witnesses and counts.
void compareRuns(const FileResult& one, const FileResult& two) {
    REQUIRE(one.models.size() == two.models.size());
    for (std::size_t i = 0; i < one.models.size(); ++i) {
        const ModelResult& a = one.models[i];
        const ModelResult& b = two.models[i];
        CAPTURE(a.model);
        CHECK(outcome(a) == outcome(b));
        CHECK(a.stats.states == b.stats.states);
        CHECK(a.stats.executions == b.stats.executions);
        for (std::size_t j = 0; j < a.anomalies.size(); ++j)
            CHECK(a.anomalies[j].witness == b.anomalies[j].witness);
        for (std::size_t j = 0; j < a.finalStates.size(); ++j)
            CHECK(a.finalStates[j].witness == b.finalStates[j].witness);
        for (std::size_t j = 0; j < a.aborts.size(); ++j)
            CHECK(a.aborts[j].witness == b.aborts[j].witness);
        for (std::size_t j = 0; j < a.deadlocks.size(); ++j)
            CHECK(a.deadlocks[j].witness == b.deadlocks[j].witness);
    }
}

std::uint64_t seedsFromEnv(const char* name, std::uint64_t fallback) {
    const char* v = std::getenv(name);
    return v != nullptr ? std::strtoull(v, nullptr, 10) : fallback;
}

}  // namespace

TEST_CASE("reduction on and off agree on every example and spec history") {
    for (const auto& dir : {"examples", "specs"}) {
        for (const auto& e : fs::recursive_directory_iterator(fs::path(ISOCHECK_SOURCE_DIR) / dir)) {
            if (!e.is_regular_file() || e.path().extension() != ".toml") continue;
            CAPTURE(e.path().string());
            History h = loadHistoryFile(e.path().string());
            if (h.transcript) h.schedule.reset();  // explored as if it had none
            if (!h.schedule) checkSame(h);
        }
    }
}

TEST_CASE("a sleeping step that has come to close a waits-for cycle is woken") {
    // Generated history 39547486, which 8,000 seeds found. Under
    // read-uncommitted, T2's `w y` is explored from the root and sleeps in
    // T3's subtree (rows y and z: no conflict). But once T3 holds z, T2's
    // `w y` closes the cycle T2 -> T3 (z) -> T2 (y), and T3 is aborted as its
    // victim: T1's unlocked read of z then sees the initial z, not T3's. So
    // T2's step no longer commutes with T1's read, and the execution
    // `T3 w z, T1 r z (T3's), T1 commit, T2 w y [T3 victim], T2 w z, T2 commit`
    // (T1 committed on an aborted write: G1a) is reached only if T2 wakes.
    // Sleep sets kept it asleep: 8 distinct executions instead of 9.
    const History h = parseHistory(R"(
[initial]
x = 2
y = 3
z = 1
[[txn]]
ops = ["r z", "commit"]
[[txn]]
ops = ["w y = 2", "w z = 0", "commit"]
[[txn]]
ops = ["w z = 1", "u y = y + 1", "abort"]
)",
                                   "seed-39547486.toml");
    checkSame(h);
}

TEST_CASE("an upsert's serialization failure is not inevitable: a concurrent delete undoes it") {
    // Generated history 31082077, which 12,000 seeds found. Under
    // postgres-repeatable-read a `u` of a row not in [initial] is an upsert
    // (specs/live.md): T2 read y before T3 inserted it, so once T3 has
    // committed, T2's `u y` fails (the unique check meets a row T2 cannot
    // see). That failure was marked inevitable and taken alone, but T1's
    // delete, once committed, leaves no live row and the upsert inserts:
    // `r2 y, w3 y, r3 z, c3, d1 y, c1, u2 y, c2` (T2 commits) was never
    // reached, 9 distinct executions of 10.
    const History h = parseHistory(R"(
[initial]
x = 0
z = 2
[[txn]]
ops = ["d y", "commit"]
[[txn]]
ops = ["r y", "u y = y + 1", "commit"]
[[txn]]
ops = ["w y = 3", "r z", "commit"]
)",
                                   "seed-31082077.toml");
    checkSame(h, true, {"postgres-repeatable-read", "postgres-serializable", "postgres-read-committed"});
}

TEST_CASE("a sleeping step is compared with what it would touch now, not when it fell asleep") {
    // Found by a stress run of random histories (reduced by hand to three
    // transactions). Under serializable-snapshot, T1's `r x` is explored
    // right after its `r y` and then sleeps while T2 runs: no writer of x
    // has committed, so it tests no flag. T2's commit commutes with it
    // there (T1 -rw-> T2 arises before or after, T2.out clear), but after
    // that commit the read would test T2's `out` (T2 committed, Cahill's
    // check). T3's `w y` then sets T2.out (T2 read y0, committed): with the
    // footprint of the root, the read still slept, and the execution
    // `r1 y, r2 x, w2 x, r2 y, r3 y, c2, w3 y, r1 x [T1 aborts: T2 would
    // be a pivot], c3` was never reached: 10 distinct executions of 11.
    const History h = parseHistory(R"(
[initial]
x = 1
y = 0
[[txn]]
ops = ["r y", "r x", "commit"]
[[txn]]
ops = ["r x", "w x = x + 1", "r y", "commit"]
[[txn]]
ops = ["r y", "w y = y + 1", "commit"]
)",
                                   "stale-footprint.toml");
    checkSame(h, true, {"serializable-snapshot"});
}

TEST_CASE("reduction on and off agree on generated histories") {
    // ISOCHECK_REDUCTION_SEEDS=N changes how many (scripts/test: 2000 in the
    // release build, fewer under the sanitizers; `--long` more).
    const std::uint64_t seeds = seedsFromEnv("ISOCHECK_REDUCTION_SEEDS", 300);
    GeneratorOptions options;
    options.maxTotalOps = 9;
    for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
        const std::string toml = randomHistoryToml(seed * 7919, options);
        CAPTURE(toml);
        checkSame(parseHistory(toml, "generated-" + std::to_string(seed) + ".toml"), seed % 4 == 0);
    }
}

namespace {

/// Reduction on and off on generated histories under every engine model,
/// a third as many as the generic models get.
void checkEngines(GeneratorOptions options, std::uint64_t salt, const std::string& name) {
    std::vector<std::string> engines;
    for (const ModelInfo& m : modelRegistry())
        if (!m.generic()) engines.emplace_back(m.name);
    const std::uint64_t seeds = seedsFromEnv("ISOCHECK_REDUCTION_SEEDS", 300) / 3;
    options.maxTotalOps = 9;
    for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
        const std::string toml = randomHistoryToml(seed * 7919 + salt, options);
        CAPTURE(toml);
        checkSame(parseHistory(toml, name + "-" + std::to_string(seed) + ".toml"), seed % 4 == 0, engines);
    }
}

}  // namespace

TEST_CASE("reduction on and off agree on generated histories under the engine models") {
    // Their own certifiers (models/postgres_ssi.hpp) have their own footprints.
    checkEngines({}, 2, "generated-engines");
}

TEST_CASE("reduction on and off agree on generated histories under the engine models, rows only updated") {
    // Where no write can insert a row, PostgreSQL's index-page markers meet
    // nothing and more aborts are taken first (specs/exploration.md 2.8).
    GeneratorOptions options;
    options.updatesOnly = true;
    checkEngines(options, 5, "generated-updates");
}

TEST_CASE("reduction: PostgreSQL's certifier failure is not inevitable; a doomed incrementer's abort is") {
    // Generated (a stress run of reduction on and off). After T1 r x, u x,
    // w y, r y, T2's select, T1's commit, T2's r x and T3's select, T2's
    // `w z` fails: T3's predicate marker gives T3 -rw-> T2, and T2 has a
    // conflict out to T1, which committed first. Once T3 has aborted
    // (its next operation, `r x`, then `abort`), the same write runs and
    // T2 commits. Taking the failure as inevitable, with T2 holding only
    // markers, explored T2's abort alone and lost that execution.
    checkSame(parseHistory(R"(
models = ["postgres-serializable"]
[initial]
x = 2
y = 1
z = 1
[[txn]]
ops = ["u x = x + 1", "w y = 0", "r y", "commit"]
[[txn]]
ops = ["select where value > 1", "r x", "w z = 0", "commit"]
[[txn]]
ops = ["select where value > 1", "r x", "abort"]
)",
                           "postgres-certifier-not-inevitable.toml"));
    // counter-4: an incrementer that read x before another's commit must
    // fail at its write (first-updater-wins) and is taken first even while
    // others will still write x: each conflict out they get is on x, which
    // their next write writes (specs/exploration.md 2.8).
    std::string counter = "models = [\"postgres-serializable\"]\n[initial]\nx = 0\n";
    for (int i = 0; i < 4; ++i) counter += "[[txn]]\nops = [\"r x\", \"w x = x + 1\", \"commit\"]\n";
    const History h = parseHistory(counter, "counter-4.toml");
    checkSame(h);
    // As many executions as Cahill's flags need, which forget (2.7) what
    // PostgreSQL's graph keeps; before, 208 (1.41 per distinct one).
    const FileResult both = run(h, Reduction::Cached, 1, kWholeTreeStates,
                                {"postgres-serializable", "serializable-snapshot"});
    REQUIRE(both.models.size() == 2);
    CHECK(both.models[0].stats.distinctExecutions == both.models[1].stats.distinctExecutions);
    CHECK(both.models[0].stats.executions <= both.models[1].stats.executions);
}

TEST_CASE("reduction: an inevitable abort holding only rows nobody else will touch is taken first") {
    // specs/exploration.md 2.2. T1 reads c, writes a, then writes c; T2 and
    // T3 blindly write c. Under snapshot isolation a blind writer takes its
    // snapshot at its write (after any wait for the row lock), so it never
    // fails; T1 fails at `w c` once a writer of c committed after T1's
    // snapshot. Distinct executions, by T1's snapshot:
    // - before both commits (T1 reads c0): T1 takes c's lock first and
    //   commits, then T2 and T3 in either order (2), or one of them takes it
    //   first and T1 fails, T2 and T3 commit in either order (2);
    // - after one commit (T1 reads c2 or c3): T1 commits before the other
    //   writer (2) or fails after it (2);
    // - after both (T1 reads the later one): T1 commits (2).
    // 10 in all. Once T2 has committed after T1's snapshot, T1's failure is
    // inevitable while it holds a, which T3 never touches: taken at once,
    // not once more behind T3's lock on c (12 executions before).
    const History h = parseHistory(R"(
[initial]
a = 0
c = 0
[[txn]]
ops = ["r c", "w a = 1", "w c = 1", "commit"]
[[txn]]
ops = ["w c = 2", "commit"]
[[txn]]
ops = ["w c = 3", "commit"]
)",
                                   "held-row.toml");
    checkSame(h);
    const FileResult r = run(h, Reduction::Cached, 1, kWholeTreeStates, {"snapshot"});
    REQUIRE(r.models.size() == 1);
    CHECK(r.models[0].stats.distinctExecutions == 10);
    CHECK(r.models[0].stats.executions == 10);
}

TEST_CASE("reduction: a predicate write's first-updater-wins failure is not inevitable under retention") {
    // Found by isocheck validate --seed 2 (shrunk): T3's update selects x on
    // its snapshot. After T1's commit it fails by first-updater-wins; after
    // T2's too, the version its snapshot needs is gone (retention 2) and it
    // fails as snapshot too old. Taking the first failure as inevitable
    // (specs/exploration.md 2.2) lost the second.
    const History h = parseHistory(R"(
models = ["snapshot"]
[initial]
x = 2
[[txn]]
ops = ["w x = 0"]
[[txn]]
ops = ["w x = 0"]
[[txn]]
ops = ["r x", "update where value >= 1 set value = value + 1"]
[model.snapshot]
retention = 2
)",
                                   "predicate-write-retention.toml");
    checkSame(h);
    const ModelResult m = run(h, Reduction::Cached).models.front();
    CHECK(m.snapshotTooOld);
}

TEST_CASE("reduction on and off agree on generated histories with predicate writes") {
    // Under every model, generic and engine: a predicate write observes
    // every row and writes those it selects (its footprint), waits for
    // the rows it scans, and turns SSI's forgetting off.
    const std::uint64_t seeds = seedsFromEnv("ISOCHECK_REDUCTION_SEEDS", 300) / 3;
    std::vector<std::string> all;
    for (const ModelInfo& m : modelRegistry()) all.emplace_back(m.name);
    GeneratorOptions options;
    options.maxTotalOps = 8;
    options.predicateWrites = true;
    options.guards = true;
    options.readOnly = true;  // declared read-only transactions, which postgres-serializable uses
    std::size_t writing = 0;
    for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
        const std::string toml = randomHistoryToml(seed * 7919 + 3, options);
        CAPTURE(toml);
        const History h = parseHistory(toml, "generated-predicate-writes-" + std::to_string(seed) + ".toml");
        if (h.hasPredicateWrites()) ++writing;
        checkSame(h, seed % 4 == 0, all);
    }
    CHECK(writing > seeds / 2);
}

TEST_CASE("reduction on and off agree on generated histories with guards and invariants") {
    // A skipped operation touches no row: its footprint is empty (or only
    // the snapshot it takes); these histories check that it commutes.
    const std::uint64_t seeds = seedsFromEnv("ISOCHECK_REDUCTION_SEEDS", 300);
    GeneratorOptions options;
    options.maxTotalOps = 8;  // a guarded abort may come on top
    options.guards = true;
    std::size_t guarded = 0;
    for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
        const std::string toml = randomHistoryToml(seed * 7919 + 1, options);
        CAPTURE(toml);
        const History h = parseHistory(toml, "generated-guards-" + std::to_string(seed) + ".toml");
        if (h.hasGuards()) ++guarded;
        checkSame(h, seed % 4 == 0);
    }
    CHECK(guarded > seeds / 2);
}

TEST_CASE("reduction: each distinct execution is explored about once where nothing else tells them apart") {
    // specs/exploration.md 2.3: but for the cases listed there (SSI's flags
    // and commit positions), the default reduction explores each distinct
    // execution about once (at most 1.05 times), under every model, the
    // engines' included. Read uncommitted is included: its reads commute
    // with commits, and P1 is judged on happens-before.
    std::vector<std::string> every;
    for (const ModelInfo& m : modelRegistry()) every.emplace_back(m.name);
    for (const auto& e : fs::recursive_directory_iterator(fs::path(ISOCHECK_SOURCE_DIR) / "examples")) {
        if (!e.is_regular_file() || e.path().extension() != ".toml") continue;
        CAPTURE(e.path().string());
        const bool readOnlyAnomaly = e.path().filename().string().starts_with("read-only-anomaly");
        History h = loadHistoryFile(e.path().string());
        if (h.transcript) h.schedule.reset();
        if (h.schedule) continue;
        for (const ModelResult& r : run(h, Reduction::Cached, 1, kWholeTreeStates, every).models) {
            // Paths that meet only at their end (specs/exploration.md 2.3).
            const bool penalty = e.path().filename() == "read-only-anomaly-penalty.toml";
            if (readOnlyAnomaly &&
                (r.model == "serializable-snapshot" || (penalty && r.model == "postgres-serializable")))
                continue;
            CAPTURE(r.model);
            CHECK(static_cast<double>(r.stats.executions) <= 1.05 * static_cast<double>(r.stats.distinctExecutions));
        }
    }
    // Four transactions incrementing one row under snapshot isolation
    // (counter-4 of the benchmarks): k of them commit, in one of k! orders;
    // each other one read one of the versions 0..k-1 (not the last: then
    // its write would commit) and aborts at its write. Sum over k of
    // C(4,k) k! k^(4-k) = 4 + 48 + 72 + 24 = 148 distinct executions, each
    // explored once.
    std::string counter = "[initial]\nx = 0\n";
    for (int i = 0; i < 4; ++i) counter += "[[txn]]\nops = [\"r x\", \"w x = x + 1\", \"commit\"]\n";
    const ModelResult si = runModel(counter, "snapshot");
    CHECK(si.stats.distinctExecutions == 148);
    CHECK(si.stats.executions == 148);
    // Three of them under SSI: the same 3 + 12 + 6 = 21 distinct executions
    // (a committed incrementer read the version it overwrote, so no
    // committed one is a pivot: SSI aborts nobody SI lets commit). A
    // transaction that read an old version and can only abort holds a
    // SIREAD marker a later writer meets; the writer's `in` can never be
    // tested, so the abort is taken at once (specs/exploration.md 2.7).
    std::string three = "[initial]\nx = 0\n";
    for (int i = 0; i < 3; ++i) three += "[[txn]]\nops = [\"r x\", \"w x = x + 1\", \"commit\"]\n";
    const ModelResult ssi = runModel(three, "serializable-snapshot");
    CHECK(ssi.stats.distinctExecutions == 21);
    CHECK(ssi.stats.executions == 21);
    // Four under SSI: the same 148. With four, the writer that meets a
    // doomed incrementer's marker is one that will itself write x after
    // another live incrementer could: that other's write would set the
    // writer's `out`, but then the writer's own write waits for it and
    // fails once it has committed, which it surely does (only its commit
    // follows, and nothing can give it an `out`). So the writer's `in` is
    // never tested, the doomed abort is still taken at once, and each
    // execution is explored once; before, 160 (specs/exploration.md 2.7).
    const ModelResult four = runModel(counter, "serializable-snapshot");
    CHECK(four.stats.distinctExecutions == 148);
    CHECK(four.stats.executions == 148);
}

TEST_CASE("reduction: under SSI the cache keeps every state, and a second visit explores nothing") {
    // specs/exploration.md 2.4. The read-only anomaly of Fekete et al.
    // (2004) has 9 distinct executions under Cahill's SSI and 10 under
    // PostgreSQL's certifier: where T3 reads x before T2's write, T2 reads
    // y before T1's write, and T1 commits after T2, Cahill's flags make T2
    // a pivot at its commit, while PostgreSQL fails a pivot only once its
    // conflict out (T1) has committed first. Interleavings that set flags
    // or conflicts no later step tests meet once those are forgotten; with
    // the states cached only after aborts, and steps asleep at a first
    // visit taken again at a second, they were explored 15 and 24 times.
    const std::string file = std::string(ISOCHECK_SOURCE_DIR) + "/examples/read-only-anomaly.toml";
    RunOptions o;
    o.onlyModels = {"serializable-snapshot", "postgres-serializable"};
    o.jobs = 1;
    const FileResult r = runHistory(loadHistoryFile(file), o);
    REQUIRE(r.models.size() == 2);
    CHECK(r.models[0].stats.distinctExecutions == 9);
    CHECK(r.models[0].stats.executions <= 10);
    CHECK(r.models[1].stats.distinctExecutions == 10);
    CHECK(r.models[1].stats.executions == 10);
    // transfer-4 under Cahill's SSI: a transaction whose read of x met a
    // concurrent writer that committed with `in` set, and that read y, must
    // fail at its write of y; its read of y and its abort are taken first
    // (Explorer::readsToAbort, specs/exploration.md 2.2). 223 executions
    // without that, 230 before this and the cache above; 201 distinct. A
    // doomed T2 whose marker on y T4's write meets, while T3 (only its
    // commit left) marked y too, is aborted first: 219 before that
    // (specs/exploration.md 2.2, "the marker of a third transaction").
    o.onlyModels = {"serializable-snapshot"};
    const std::string transfer = std::string(ISOCHECK_SOURCE_DIR) + "/bench/workloads/transfer-4.toml";
    const FileResult t = runHistory(loadHistoryFile(transfer), o);
    CHECK(t.models.at(0).stats.distinctExecutions == 201);
    CHECK(t.models.at(0).stats.executions <= 210);
    // transfer-5: once T4 has committed with `in` set, T1 and T3, which
    // read x before that commit, must fail at their writes of x (T4 would
    // be a committed pivot); neither is a writer of x that others' reads
    // can meet any more (failsAtNextWrite, specs/exploration.md 2.7), so
    // their aborts are taken first. 2,106 executions before that, 2,389
    // before the third-marker rule; 1,862 distinct.
    const std::string transfer5 = std::string(ISOCHECK_SOURCE_DIR) + "/bench/workloads/transfer-5.toml";
    const FileResult t5 = runHistory(loadHistoryFile(transfer5), o);
    CHECK(t5.models.at(0).stats.distinctExecutions == 1862);
    CHECK(t5.models.at(0).stats.executions <= 2048);
    // transfer-4 under PostgreSQL's certifier: after `r1 r1 w1 c1 r3 r3 w3
    // r4 c3 r2 r2`, T4 read x before T3 committed it and T3 marked y, so
    // T4's `w y` fails whatever comes first; T2's `w y` and commit were
    // explored before and after T4's `r y` and abort. T4's read and abort
    // are now taken first (postgresReadsInert, specs/exploration.md 2.8),
    // and a committed transaction's conflicts out are judged on who is
    // concurrent with it: 302 executions before, at most 1.05 per distinct
    // one now (284 distinct, as with --reduction none: 2,769,720
    // executions).
    o.onlyModels = {"postgres-serializable"};
    const FileResult pg = runHistory(loadHistoryFile(transfer), o);
    CHECK(pg.models.at(0).stats.distinctExecutions == 284);
    CHECK(static_cast<double>(pg.models.at(0).stats.executions) <= 1.05 * 284);
}

TEST_CASE("SSI: forgetting the flags and markers no step can test changes no finding") {
    // models/ssi.hpp, forget(): exploring every interleaving with and
    // without it reports the same anomalies, phenomena, deadlocks, aborts
    // and final states, on generated histories with predicate reads and
    // guards.
    const std::uint64_t seeds = seedsFromEnv("ISOCHECK_REDUCTION_SEEDS", 300);
    GeneratorOptions options;
    options.maxTotalOps = 9;
    options.guards = true;
    const auto explore = [](const History& h, bool forget, Reduction r) {
        const MultiversionModel model(MultiversionPolicy{.ssi = true, .forgetUntestable = forget});
        Explorer explorer(h, model, r);
        Collector collector(h);
        ExplorationObserver* observers[] = {&collector};
        const ExploreSummary summary = explorer.exploreAll(observers, {});
        ModelResult result;
        collector.finish(result);
        result.stats.executions = summary.executions;
        return result;
    };
    std::size_t fewer = 0;  // histories where forgetting lets paths meet
    for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
        const std::string toml = randomHistoryToml(seed * 7919 + 2, options);
        CAPTURE(toml);
        const History h = parseHistory(toml, "generated-ssi-" + std::to_string(seed) + ".toml");
        const ModelResult with = explore(h, true, Reduction::None);
        CHECK(outcome(with) == outcome(explore(h, false, Reduction::None)));
        const ModelResult reduced = explore(h, true, Reduction::Cached);
        CHECK(outcome(reduced) == outcome(with));
        if (reduced.stats.executions < explore(h, false, Reduction::Cached).stats.executions) ++fewer;
    }
    CHECK(fewer > 0);
}

TEST_CASE("a read or a skip with an empty footprint changes nothing but its own transaction") {
    // models/model.hpp promises it, and Explorer::doomed looks ahead by
    // taking such steps on the state itself and putting the transaction
    // back. (Other steps may not: a write under first-committer-wins has an
    // empty footprint and installs a private version.) Random walks over generated histories (guards for skips,
    // retention and first-committer-wins for the options), every model: at
    // each state, every such step is applied to a copy and compared.
    GeneratorOptions options;
    options.guards = true;
    options.retention = true;
    options.firstCommitterWins = true;
    std::size_t checked = 0;
    for (std::uint64_t seed = 1; seed <= 150; ++seed) {
        const History h = parseHistory(randomHistoryToml(seed * 31337, options), "walk.toml");
        for (const ModelInfo& info : modelRegistry()) {
            CAPTURE(seed);
            CAPTURE(info.name);
            const auto found = h.modelOptions.find(std::string(info.name));
            const auto model = makeModel(info, found != h.modelOptions.end() ? found->second : ModelOptions{});
            State s = State::initial(h);
            Log log;
            std::uint64_t rng = seed;
            for (;;) {
                std::vector<TxnId> enabled;
                for (TxnId t = 0; t < s.txns.size(); ++t) {
                    if (!s.txns[t].live() && s.txns[t].status != TxnStatus::NotStarted) continue;
                    const Decision d = model->decide(h, s, t, false);
                    if (!d.enabled()) continue;
                    enabled.push_back(t);
                    if (d.kind != Decision::Kind::Runs || d.footprint != Footprint{}) continue;
                    const OpKind kind = h.txns[t].ops[s.txns[t].pc].kind;
                    if (kind != OpKind::Read && kind != OpKind::PredicateRead && !skipsNext(h, s.txns[t], t))
                        continue;
                    State after = s;
                    Log scratch;
                    model->apply(h, after, scratch, t);
                    after.txns[t] = s.txns[t];
                    CHECK(after == s);
                    ++checked;
                }
                if (enabled.empty()) break;  // done, or every live one waits
                rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
                const TxnId t = enabled[(rng >> 33) % enabled.size()];
                const Decision d = model->decide(h, s, t, false);
                if (d.kind == Decision::Kind::Runs) model->apply(h, s, log, t);
                else model->abort(h, s, log, t, d.cause, true);
            }
        }
    }
    CHECK(checked > 1000);
}

TEST_CASE("read uncommitted: a read commutes with its writer's commit, and P1 is judged on happens-before") {
    // specs/exploration.md 2.5. T2's read of x sees T1's version before or
    // after T1's commit alike; only P1 tells the two orders apart. The
    // explorer takes one (T1's commit first, in file order) and finds P1 by
    // hoisting the read before the commit.
    const std::string toml = R"([initial]
x = 0
[[txn]]
name = "T1"
ops = ["w x = 1", "commit"]
[[txn]]
name = "T2"
ops = ["r x", "commit"]
)";
    const ModelResult plain = runModel(toml, "read-uncommitted", Reduction::None);
    const ModelResult cached = runModel(toml, "read-uncommitted");
    // Six interleavings; two distinct executions: T2 reads x0, or T1's 1.
    CHECK(plain.stats.executions == 6);
    CHECK(plain.stats.distinctExecutions == 2);
    CHECK(cached.stats.executions == 2);
    CHECK(cached.stats.distinctExecutions == 2);
    CHECK(phenomenonNames(cached) == std::vector<std::string>{"P1"});
    REQUIRE(cached.phenomena.size() == 1);
    // The witness is the hoisted order: T1 w x, T2 r x (dirty), T1 commit, T2 commit.
    const Trace& w = cached.phenomena[0].witness;
    REQUIRE(w.size() == 4);
    CHECK(scheduleOf(w) == std::vector<TxnId>{0, 1, 0, 1});
    CHECK((w[1].kind == EventKind::Read && w[1].dirty && w[1].value == Value{1}));
    CHECK((w[2].kind == EventKind::Commit && w[2].txn == 0));
    // And it replays as a fixed schedule, whose own order judges P1.
    const ModelResult fixed =
        runModel("schedule = [\"T1\", \"T2\", \"T1\", \"T2\"]\n" + toml, "read-uncommitted");
    CHECK(phenomenonNames(fixed) == std::vector<std::string>{"P1"});
    // The order the explorer took, as a fixed schedule, reads committed data.
    const ModelResult committedFirst =
        runModel("schedule = [\"T1\", \"T1\", \"T2\", \"T2\"]\n" + toml, "read-uncommitted");
    CHECK(committedFirst.phenomena.empty());
}

TEST_CASE("state cache: deadlock victims aborted in another order are not explored again") {
    // counter-N under strict 2PL: every transaction reads x, then all want
    // to write it, and each waits for the others' S locks. Victims aborted in
    // different orders reach one state with the same observations, which
    // sleep sets alone explore again (they do not commute: each abort
    // resolves a deadlock). With the cache, one execution per distinct one.
    for (int n = 3; n <= 5; ++n) {
        CAPTURE(n);
        std::string counter = "[initial]\nx = 0\n";
        for (int i = 0; i < n; ++i) counter += "[[txn]]\nops = [\"r x\", \"w x = x + 1\", \"commit\"]\n";
        const ModelResult sleep = runModel(counter, "serializable", Reduction::SleepSets);
        const ModelResult cached = runModel(counter, "serializable", Reduction::Cached);
        CHECK(cached.stats.distinctExecutions == sleep.stats.distinctExecutions);
        CHECK(sleep.stats.executions > sleep.stats.distinctExecutions);
        CHECK(cached.stats.executions == cached.stats.distinctExecutions);
        CHECK(cached.stats.states < sleep.stats.states);
    }
}

TEST_CASE("two workers report exactly what one does") {
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        const std::string toml = randomHistoryToml(seed * 104729);
        CAPTURE(toml);
        const History h = parseHistory(toml, "generated.toml");
        // Sleep sets hand subtrees to idle workers; the cache cuts the tree
        // in advance (here every tree, however small).
        const FileResult one = run(h, Reduction::SleepSets, 1);
        const FileResult two = run(h, Reduction::SleepSets, 2);
        const FileResult cutOne = run(h, Reduction::Cached, 1, 0);
        const FileResult cutTwo = run(h, Reduction::Cached, 2, 0);
        compareRuns(one, two);
        compareRuns(cutOne, cutTwo);
    }
}
