// isocheck search (issue 8; specs/search.md): the textbook anomalies found
// from bounds alone, each checked by hand against the definitions; the
// enumeration gives each program once up to renaming (counted against a
// brute force); the results are the same for every --jobs and verify; the
// separation table agrees with the strength order of the theory.

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "scratch.hpp"
#include "search/search.hpp"
#include "theory/models.hpp"

namespace {

using isocheck::test::inProcess;
using isocheck::test::Run;
using isocheck::test::Scratch;

// The `ops = [...]` lines of a found history, in order.
std::vector<std::string> opsLines(const std::string& toml) {
    std::vector<std::string> out;
    std::istringstream in(toml);
    for (std::string line; std::getline(in, line);)
        if (line.rfind("ops = ", 0) == 0) out.push_back(line.substr(6));
    return out;
}

Run searchFor(std::vector<std::string> args) {
    args.insert(args.begin(), "search");
    args.emplace_back("--quiet");
    return inProcess(args);
}

// A search whose match is also written with --out and must pass `verify`.
Run searchVerified(const Scratch& s, std::vector<std::string> args) {
    static int n = 0;
    const std::string dir = (s.dir() / ("found-" + std::to_string(++n))).string();
    args.insert(args.end(), {"--out", dir});
    Run r = searchFor(args);
    if (r.code == 0) {
        const Run verify = inProcess({"verify", dir});
        CHECK(verify.code == 0);
        CHECK(verify.out.find("verify: 1 file, 7 model checks, 0 failed") != std::string::npos);
    }
    return r;
}

}  // namespace

TEST_CASE("search: the textbook anomalies from bounds alone, smallest first, each verified") {
    const Scratch s;
    // Lost update (P4): T1 reads x and writes it back incremented; T2 writes
    // x in between: T1 -rw[x]-> T2 -ww[x]-> T1 under read committed (short
    // read locks); snapshot isolation aborts T1 (first-updater-wins). Three
    // operations: no program of two has a read and two writes of one row.
    Run r = searchVerified(s, {"--exhibits", "P4", "--allows", "read-committed", "--forbids", "snapshot"});
    REQUIRE(r.code == 0);
    CHECK(opsLines(r.out) == std::vector<std::string>{R"(["r x", "w x = x + 1", "commit"])", R"(["w x = 21", "commit"])"});

    // Read skew (A5A): T1 reads x and y, T2 writes both between the reads.
    r = searchVerified(s, {"--exhibits", "A5A", "--allows", "read-committed", "--forbids", "snapshot"});
    REQUIRE(r.code == 0);
    CHECK(opsLines(r.out) == std::vector<std::string>{R"(["r x", "r y", "commit"])", R"(["w x = 21", "w y = 22", "commit"])"});

    // Write skew: each reads the row the other writes (two rw edges, G2-item);
    // snapshot isolation allows it, SSI aborts the pivot.
    r = searchVerified(s, {"--allows", "snapshot", "--forbids", "serializable-snapshot"});
    REQUIRE(r.code == 0);
    CHECK(opsLines(r.out) == std::vector<std::string>{R"(["r x", "w y = 12", "commit"])", R"(["r y", "w x = 22", "commit"])"});
    CHECK(r.out.find("Under snapshot: G2-item (write skew): T1 -rw[x]-> T2 -rw[y]-> T1") != std::string::npos);

    // Fekete, O'Neil and O'Neil's read-only anomaly: T2 reads x and writes y,
    // T3 writes x; alone they are serializable (T2 before T3). The read-only
    // T1 sees T3's x and the y before T2's write: T1 -rw[y]-> T2 -rw[x]-> T3
    // -wr[x]-> T1. SSI aborts T2, the pivot.
    r = searchVerified(s, {"--allows", "snapshot", "--forbids", "serializable-snapshot", "--read-only-matters", "--txns", "3"});
    REQUIRE(r.code == 0);
    CHECK(opsLines(r.out) == std::vector<std::string>{R"(["r x", "r y", "commit"])", R"(["r x", "w y = 22", "commit"])",
                                                      R"(["w x = 31", "commit"])"});

    // A lock-order deadlock under two-phase locking: T1 locks x then wants
    // y, T2 locks y then wants x.
    r = searchVerified(s, {"--exhibits", "deadlock", "--allows", "serializable"});
    REQUIRE(r.code == 0);
    CHECK(opsLines(r.out) == std::vector<std::string>{R"(["r x", "r y", "commit"])", R"(["w y = 21", "w x = 22", "commit"])"});

    // A phantom: the same select twice around an insert of y (absent at the
    // start); repeatable read's predicate locks are short, serializable's long.
    r = searchVerified(s, {"--exhibits", "P3", "--allows", "repeatable-read", "--forbids", "serializable", "--with", "predicates"});
    REQUIRE(r.code == 0);
    CHECK(opsLines(r.out) == std::vector<std::string>{R"(["select where value > 0", "select where value > 0", "commit"])",
                                                      R"(["w y = 21", "commit"])"});
    CHECK(r.out.find("[initial]\nx = 1\n\n") != std::string::npos);

    // Snapshot too old: with one version kept, T2's committed write of x
    // discards the version T1's snapshot needs for its second read.
    r = searchVerified(s, {"--exhibits", "snapshot-too-old", "--allows", "snapshot", "--with", "retention"});
    REQUIRE(r.code == 0);
    CHECK(opsLines(r.out) == std::vector<std::string>{R"(["r x", "r x", "commit"])", R"(["w x = 21", "commit"])"});

    // Doctors on call: each reads the other's row and goes off call if the
    // other is on. Under snapshot isolation both read 1 and both write 0,
    // x + y >= 1 breaks; serially the second sees 0 and skips its write.
    r = searchVerified(s, {"--exhibits", "invariant", "--allows", "snapshot", "--forbids", "serializable", "--with", "guards"});
    REQUIRE(r.code == 0);
    CHECK(opsLines(r.out) == std::vector<std::string>{R"(["r x", "w y = 0 if x >= 1", "commit"])",
                                                      R"(["r y", "w x = 0 if y >= 1", "commit"])"});
    CHECK(r.out.find("invariants = [\"x + y >= 1\"]\n") != std::string::npos);
}

TEST_CASE("search: what it writes verifies, and --jobs does not change it") {
    Scratch s;
    const std::string dir = (s.dir() / "found").string();
    const Run one = searchFor({"--allows", "read-committed", "--forbids", "repeatable-read", "--count", "5", "--jobs", "1",
                               "--out", dir});
    const Run two = searchFor({"--allows", "read-committed", "--forbids", "repeatable-read", "--count", "5", "--jobs", "2"});
    REQUIRE(one.code == 0);
    CHECK(one.out == two.out);
    CHECK(opsLines(one.out).size() >= 10);
    const Run verify = inProcess({"verify", dir});
    CHECK(verify.code == 0);
    CHECK(verify.out.find("5 files") != std::string::npos);
}

TEST_CASE("search: each program once up to renaming of transactions and rows") {
    // Brute force over 2 transactions of 1 or 2 operations from {r x, r y,
    // w x, w y}: the classes of programs under swapping the transactions and
    // swapping x and y.
    const std::array<std::string, 4> letters{"rx", "ry", "wx", "wy"};
    std::vector<std::string> txns(letters.begin(), letters.end());
    for (const auto& a : letters)
        for (const auto& b : letters) txns.push_back(a + b);
    const auto swapKeys = [](std::string t) {
        for (char& c : t) c = c == 'x' ? 'y' : c == 'y' ? 'x' : c;
        return t;
    };
    std::set<std::pair<std::string, std::string>> classes;
    for (const auto& a : txns)
        for (const auto& b : txns) {
            std::set<std::pair<std::string, std::string>> forms;
            for (const bool swap : {false, true}) {
                const std::string x = swap ? swapKeys(a) : a;
                const std::string y = swap ? swapKeys(b) : b;
                forms.insert(std::minmax(x, y));
            }
            classes.insert(*forms.begin());
        }
    isocheck::SearchOptions o;
    o.bounds.txns = 2;
    o.bounds.ops = 2;
    o.bounds.keys = 2;
    isocheck::SearchQuery nothing;
    nothing.allows = {"serializable"};  // exhibits no anomaly: every program is enumerated
    isocheck::SearchStats stats;
    CHECK(isocheck::search(nothing, o, &stats).empty());
    CHECK(stats.programs == classes.size());
    CHECK(stats.largest == 4);
}

TEST_CASE("search --separate: the kept table agrees with the strength order") {
    std::ifstream in(ISOCHECK_SOURCE_DIR "/specs/separations.md");
    REQUIRE(in);
    std::vector<std::string> models;
    // The kept table separates the generic models (the default of --separate).
    for (const std::string_view m : isocheck::defaultModels()) models.emplace_back(m);
    std::size_t rows = 0;
    for (std::string line; std::getline(in, line);) {
        // `| allows | cell | cell | ... |`, a cell `[#N](#a-b)` or `-` or empty.
        const auto model = std::ranges::find_if(models, [&](const std::string& m) { return line.rfind("| " + m + " |", 0) == 0; });
        if (model == models.end()) continue;
        ++rows;
        std::vector<std::string> cells;
        std::istringstream cellsIn(line.substr(model->size() + 4));
        for (std::string cell; std::getline(cellsIn, cell, '|');) {
            cell.erase(0, cell.find_first_not_of(' '));
            cell.erase(cell.find_last_not_of(' ') + 1);
            cells.push_back(cell);
        }
        REQUIRE(cells.size() >= models.size());
        for (std::size_t c = 0; c < models.size(); ++c) {
            const std::string& a = *model;
            const std::string& b = models[c];
            CAPTURE(a);
            CAPTURE(b);
            if (a == b) continue;
            const bool filled = cells[c].rfind("[#", 0) == 0;
            // A at least as strong as B: on every history what A exhibits B does.
            if (isocheck::atLeastAsStrong(a, b)) CHECK_FALSE(filled);
            // Unordered pairs are separated within the bounds, but for the two
            // models.md 4.2 knows no history of.
            const bool unknown = b == "read-committed-snapshot" && (a == "read-committed" || a == "repeatable-read");
            if (!isocheck::atLeastAsStrong(a, b)) CHECK(filled != unknown);
        }
    }
    CHECK(rows == models.size());
}

TEST_CASE("search: usage and nothing found") {
    CHECK(searchFor({"--allows", "snapshot", "--with", "joins"}).code == 2);
    CHECK(searchFor({"--allows", "snapshot", "--exhibits", "P9"}).code == 2);
    CHECK(searchFor({}).code == 2);
    CHECK(searchFor({"--allows", "snapshots"}).code == 2);
    CHECK(searchFor({"--separate", "--allows", "snapshot"}).code == 2);
    const Run none = searchFor({"--allows", "serializable", "--ops", "2"});
    CHECK(none.code == 1);
    CHECK(none.err.find("isocheck search: nothing within the bounds (--txns 2 --ops 2 --keys 2; ") != std::string::npos);
}
