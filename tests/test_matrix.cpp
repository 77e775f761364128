// The matrix across levels (check --brief, the JSON `matrix`, isocheck
// matrix): cells derived by hand from the models' rules, and Berenson et al.
// (1995) table 4 reproduced over the canonical examples.

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <vector>
#include <string>

#include <nlohmann/json.hpp>

#include "scratch.hpp"

namespace {

using isocheck::test::Run;
using isocheck::test::Scratch;
using Json = nlohmann::json;

const std::string kExamples = ISOCHECK_SOURCE_DIR "/examples";

// cell(matrix, row code, model) as "YES", "-", "?" or the `how` of a prevented cell.
std::string cell(const Json& matrix, const std::string& row, const std::string& model) {
    std::size_t column = matrix["columns"].size();
    for (std::size_t c = 0; c < matrix["columns"].size(); ++c)
        if (matrix["columns"][c]["label"] == model) column = c;
    REQUIRE(column < matrix["columns"].size());
    for (const Json& r : matrix["rows"]) {
        if (r["code"] != row) continue;
        const Json& x = r["cells"][column];
        if (x["state"] == "possible") return "YES";
        if (x["state"] == "not seen") return "-";
        if (x["state"] == "unknown") return "?";
        return x["how"].get<std::string>();
    }
    FAIL("no row " << row);
    return "";
}

Json matrixOf(const Scratch& s, const std::string& args) {
    const Run r = s.run(args);
    REQUIRE(r.code == 0);
    return Json::parse(r.out);
}

}  // namespace

TEST_CASE("matrix: the lost update across levels, derived by hand") {
    const Scratch s;
    const Json m = matrixOf(s, "check --format json " + kExamples + "/lost-update.toml")["matrix"];
    // T1, T2 = r x; w x = x + 1; commit. Read uncommitted exhibits G-single
    // and P4 with r1 r2 w1 c1 w2 c2, the witness replayed under the others:
    //  - RC and RCS exhibit it themselves (no read lock is held / reads are
    //    of committed versions, and w2 waits only until c1).
    //  - RR and SER: r1 r2 leave both S locks held; w1 waits for T2's, so w2
    //    goes first and waits for T1's: a deadlock.
    //  - SI and SSI: w1 installs T1's version, c1 commits it; w2 finds a
    //    committed version newer than T2's snapshot: first-updater-wins.
    for (const std::string row : {"G-single", "P4"}) {
        CAPTURE(row);
        CHECK(cell(m, row, "read-uncommitted") == "YES");
        CHECK(cell(m, row, "read-committed") == "YES");
        CHECK(cell(m, row, "read-committed-snapshot") == "YES");
        CHECK(cell(m, row, "repeatable-read") == "deadlock");
        CHECK(cell(m, row, "serializable") == "deadlock");
        CHECK(cell(m, row, "snapshot") == "aborts (first-updater-wins)");
        CHECK(cell(m, row, "serializable-snapshot") == "aborts (first-updater-wins)");
    }
    // P1 under RU: r1 w1 r2 (T2 reads T1's uncommitted 11). The locking
    // levels make r2 wait for T1's write lock; the snapshot levels read the
    // committed 10: another version.
    CHECK(cell(m, "P1", "read-uncommitted") == "YES");
    for (const std::string model : {"read-committed", "repeatable-read", "serializable"})
        CHECK(cell(m, "P1", model) == "waits for a lock");
    for (const std::string model : {"read-committed-snapshot", "snapshot", "serializable-snapshot"})
        CHECK(cell(m, "P1", model) == "reads another version");
    // The deadlock of RR and SER (r1 r2, then both writes wait): under the
    // others r1 r2 are followed by T1's and then T2's remaining steps, which
    // never deadlock; under SI and SSI T2's write then meets T1's committed
    // version.
    CHECK(cell(m, "deadlock", "repeatable-read") == "YES");
    CHECK(cell(m, "deadlock", "serializable") == "YES");
    CHECK(cell(m, "deadlock", "read-committed") == "prevented");
    CHECK(cell(m, "deadlock", "snapshot") == "aborts (first-updater-wins)");
    // No model exhibits a dirty write or a phantom here.
    CHECK(cell(m, "P0", "read-uncommitted") == "-");
    CHECK(cell(m, "P3", "serializable") == "-");
    // Every prevented cell says which step prevents it.
    for (const Json& r : m["rows"])
        for (const Json& c : r["cells"])
            if (c["state"] == "prevented") CHECK(!c["detail"].get<std::string>().empty());
}

TEST_CASE("matrix: doctors on call keep their invariant only where the skew is stopped") {
    const Scratch s;
    const Json m = matrixOf(s, "check --format json " + kExamples + "/doctors-on-call.toml")["matrix"];
    // Both read x = y = 1 and both go off call: x + y = 0. Under RR and SER
    // each write waits for the other's long read lock: a deadlock. Under SSI
    // the second committer is a pivot (rw both ways) and aborts.
    for (const std::string model : {"read-uncommitted", "read-committed", "read-committed-snapshot", "snapshot"})
        CHECK(cell(m, "invariant", model) == "YES");
    CHECK(cell(m, "invariant", "repeatable-read") == "deadlock");
    CHECK(cell(m, "invariant", "serializable") == "deadlock");
    CHECK(cell(m, "invariant", "serializable-snapshot") == "aborts (SSI)");
}

TEST_CASE("check --brief: the lost update fits on one screen") {
    const Scratch s;
    const Run r = s.run("check --brief " + kExamples + "/lost-update.toml");
    REQUIRE(r.code == 0);
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') <= 24);
    CHECK(r.out.find("  G-single single anti-dependency cycle  YES  YES    YES      deadlock  FUW      "
                     "deadlock  FUW\n") != std::string::npos);
    CHECK(r.out.find("  no model exhibits: G0, G1a, G1b, G1c, G2-item, G2, P0, P2, P3, A5A, A5B, "
                     "snapshot-too-old, invariant\n") != std::string::npos);
    CHECK(r.out.find("anomalies:") == std::string::npos);  // no per-model sections
    const Run md = s.run("check --brief --format markdown " + kExamples + "/lost-update.toml");
    CHECK(md.code == 0);
    CHECK(md.out.starts_with("# Lost update\n\n| | read-uncommitted |"));
    CHECK(s.run("check --brief --format json " + kExamples + "/lost-update.toml").code == 2);
}

// Berenson, Bernstein, Gray, Melton, O'Neil, O'Neil: A Critique of ANSI SQL
// Isolation Levels (SIGMOD 1995), table 4, for the levels isocheck models
// (Cursor Stability is not; nor is P4C, cursor lost update: no cursors), as
// transcribed in specs/berenson-table4.md. "S" is "sometimes possible".
TEST_CASE("isocheck matrix examples: Berenson et al. table 4 on the modelled levels") {
    const std::vector<std::string> phenomena = {"P0", "P1", "P4", "P2", "P3", "A5A", "A5B"};
    const std::map<std::string, std::string> paper = {
        // P0 P1 P4 P2 P3 A5A A5B: P possible, N not possible, S sometimes possible
        {"read-uncommitted", "NPPPPPP"},
        {"read-committed", "NNPPPPP"},
        {"repeatable-read", "NNNNPNN"},
        {"snapshot", "NNNNSNP"},
        {"serializable", "NNNNNNN"},
    };
    const Scratch s;
    const Json m = matrixOf(s, "matrix --format json " + kExamples);
    for (const auto& entry : paper) {
        // Named copies: clang 14 cannot capture structured bindings (CAPTURE).
        const std::string model = entry.first;
        const std::string row = entry.second;
        for (std::size_t i = 0; i < phenomena.size(); ++i) {
            CAPTURE(model);
            CAPTURE(phenomena[i]);
            const std::string found = cell(m, phenomena[i], model);
            if (row[i] == 'P') {
                CHECK(found == "YES");
            } else if (row[i] == 'N') {
                CHECK(found != "YES");
                CHECK(found != "?");
            } else {
                // Snapshot, P3: the paper's P3 is the broad reading (r1[P]
                // w2[y in P] before T1 ends), which snapshot isolation allows
                // as predicate write skew; its A3 (T1 reads P again and sees
                // the insert) it never allows. isocheck's P3 is the A3 reading
                // (SPEC 3): prevented, and the predicate write skew shows as
                // A5B and G2 in examples/predicate-write-skew.toml.
                CHECK(found == "reads another version");
                CHECK(cell(m, "A5B", model) == "YES");
                CHECK(cell(m, "G2", model) == "YES");
            }
        }
    }
}

TEST_CASE("isocheck matrix: the table kept in specs/ is the one the examples give") {
    isocheck::test::checkKeptOutput("specs/berenson-table4.md", "matrix --format markdown examples");
}

TEST_CASE("isocheck matrix: bad usage and bad input exit 2") {
    const Scratch s;
    CHECK(s.run("matrix").code == 2);
    CHECK(s.run("matrix --model snapshotx " + kExamples).code == 2);
    CHECK(s.run("matrix no-such-dir").code == 2);
    s.write("bad.toml", "[[txn]]\nops = [\"r x\", \"w x = y\"]\n");
    const Run bad = s.run("matrix bad.toml");
    CHECK(bad.code == 2);
    CHECK(bad.err.find("bad.toml") != std::string::npos);
    CHECK(bad.out.empty());
    // The same input gives the same output.
    CHECK(s.run("matrix " + kExamples).out == s.run("matrix " + kExamples).out);
}

TEST_CASE("isocheck matrix --rows files: a row per file, each cell what the model exhibits there") {
    const Scratch s;
    const Json m = matrixOf(s, "matrix --rows files --format json --model read-committed --model repeatable-read "
                               "--model snapshot --model serializable " +
                               kExamples + "/lost-update.toml " + kExamples + "/phantom.toml");
    CHECK(m["rows_are"] == "files");
    REQUIRE(m["rows"].size() == 2);
    const auto cellOf = [&](std::size_t row, std::size_t column) { return m["rows"][row]["cells"][column]; };
    // Lost update: read committed shows the cycle and P4; repeatable read's
    // long read locks turn it into a deadlock; snapshot's first-updater-wins
    // aborts the second writer; serializable deadlocks as repeatable read.
    CHECK(m["rows"][0]["code"].get<std::string>().ends_with("lost-update.toml"));
    CHECK(cellOf(0, 0)["exhibits"] == Json{"G-single", "P4"});
    CHECK(cellOf(0, 1)["exhibits"] == Json{"deadlock"});
    CHECK(cellOf(0, 2)["how"] == "aborts (first-updater-wins)");
    CHECK(cellOf(0, 3)["exhibits"] == Json{"deadlock"});
    // Phantom: short predicate locks under read committed and repeatable
    // read; a stable snapshot and long predicate locks stop it.
    CHECK(cellOf(1, 0)["exhibits"] == Json{"G-single", "P3"});
    CHECK(cellOf(1, 1)["exhibits"] == Json{"G-single", "P3"});
    CHECK(cellOf(1, 2)["how"] == "reads another version");
    CHECK(cellOf(1, 3)["how"] == "waits for a lock");

    const Run text = s.run("matrix --rows files --model read-committed --model snapshot " + kExamples + "/lost-update.toml");
    REQUIRE(text.code == 0);
    CHECK(text.out.find("lost-update.toml  G-single,P4  FUW\n") != std::string::npos);
    const Run md = s.run("matrix --rows files --format markdown --model read-committed --model snapshot " + kExamples +
                         "/lost-update.toml");
    CHECK(md.out.find("lost-update.toml` Lost update | **G-single,P4** | prevented: aborts (first-updater-wins) |") !=
          std::string::npos);
    // Alone, snapshot has nothing to prevent: no model shows anything.
    const Run alone = s.run("matrix --rows files --model snapshot " + kExamples + "/lost-update.toml");
    CHECK(alone.out.find("lost-update.toml  -\n") != std::string::npos);
    CHECK(s.run("matrix --rows models " + kExamples).code == 2);
}
